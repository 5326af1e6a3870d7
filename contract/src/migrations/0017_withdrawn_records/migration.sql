-- 撤销登记: a record registered in error leaves its table for this archive in the write's transaction,
-- whole (its row as JSON), with the reason and who withdrew it, so that it leaves the lists and the
-- figures, and is never lost. Every store keeps one: a jurisdiction's records are moved here by the
-- owner's function linju_withdraw_record (generated from the contract's Record… writes,
-- contract/src/withdrawRecordSql.ts), the joint office's agreements by its linju_withdraw_agreement
-- (subgraph-shared's migration 0018). The runtime role may only read it. Append-only, as the audit log is.
CREATE TABLE withdrawn_record (
  id           text PRIMARY KEY,
  type         text NOT NULL,
  record       jsonb NOT NULL,
  reason       text NOT NULL,
  withdrawn_at timestamptz(3) NOT NULL DEFAULT now(),
  withdrawn_by text NOT NULL
);

CREATE INDEX withdrawn_record_withdrawn_at_id_idx ON withdrawn_record (withdrawn_at, id);

CREATE FUNCTION withdrawn_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'withdrawn_record is append-only: % refused', TG_OP;
END
$fn$;

CREATE TRIGGER withdrawn_record_no_change BEFORE UPDATE OR DELETE ON withdrawn_record
  FOR EACH ROW EXECUTE FUNCTION withdrawn_record_append_only();
CREATE TRIGGER withdrawn_record_no_truncate BEFORE TRUNCATE ON withdrawn_record
  FOR EACH STATEMENT EXECUTE FUNCTION withdrawn_record_append_only();
