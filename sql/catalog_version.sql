-- The catalog version every worker polls to know when to reload.
-- Result: version
SELECT version FROM catalog_state
