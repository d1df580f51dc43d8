-- The statistics timer: folds the changes since the last fold into the
-- rollup (migrations/0005_stats_rollup.sql); one node at a time.
-- Params: none
-- Result: the number of changes folded
SELECT stats_fold()
