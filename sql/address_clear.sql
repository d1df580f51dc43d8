-- Address import without --add: the gazetteer is emptied first, in the
-- import's transaction.
DELETE FROM addresses
