-- Readiness: the schema version the database carries.
-- Result: version (NULL on an empty schema_migrations table)
SELECT max(version) FROM schema_migrations
