-- The caller statements a subgraph accepted (0007_replicas) are kept out of the write-ahead log:
-- claiming one is the first statement of every request, and a logged insert made every read
-- request wait for a WAL flush (an fsync) before it could begin. What this gives up: a crash of
-- this store's PostgreSQL empties the table (PostgreSQL truncates unlogged tables in recovery), so
-- a statement captured in the half minute before the crash could be accepted once more after it,
-- for the same caller, operation and variables it was signed for, until it expires.
ALTER TABLE _linju_caller_statement SET UNLOGGED;
