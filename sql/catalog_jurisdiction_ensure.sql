-- Catalog import: creates the jurisdiction when it is new and locks its
-- row for the rest of the import transaction.
-- Params: $1 jurisdiction id, $2 name ('' keeps the current name)
-- Result: id
INSERT INTO jurisdictions AS j (id, name)
VALUES ($1, CASE WHEN $2 = '' THEN $1 ELSE $2 END)
ON CONFLICT (id) DO UPDATE
    SET name = CASE WHEN $2 = '' THEN j.name ELSE $2 END
RETURNING id
