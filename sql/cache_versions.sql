-- The versions of everything workers cache, polled by every worker.
-- Result: name, version
-- Columns: name, version
SELECT name, version FROM cache_versions
