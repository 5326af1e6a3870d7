-- The audit chain's advisory lock (0004_audit_log) is the chain's own: its key is made from the
-- schema the log lives in, no longer one constant for the whole database. A store is a database of
-- its own, so nothing changes for a store; where several stores' logs share one database as
-- schemas (the benchmark's monolith), their appends no longer wait for each other, as they do not
-- between the federation's stores. Advisory locks are per database, not per schema.
--
-- During a rolling upgrade appends go on while this runs. The table lock waits for every append
-- under way (an INSERT holds ROW EXCLUSIVE until it commits) and holds back every new one until
-- this commits, so each append runs the old function or the new one, never beside one that took
-- the other key. Reads of the log are not held back.
LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE;

CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last audit_log;
BEGIN
  -- This schema's 'audit_log' as a 64-bit key; held until this transaction ends (with a write, until it commits).
  PERFORM pg_advisory_xact_lock(hashtextextended(TG_TABLE_SCHEMA || '.audit_log', 7239164311908431971));
  SELECT * INTO last FROM audit_log ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(last.seq, 0) + 1;
  NEW.at := date_trunc('milliseconds', clock_timestamp());
  NEW.prev_hash := coalesce(last.hash, repeat('0', 64));
  NEW.hash := audit_log_hash(NEW);
  RETURN NEW;
END
$$;
