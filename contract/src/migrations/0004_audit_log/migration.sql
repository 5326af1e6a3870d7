-- The owner's audit log: one entry per request that reached this store's subgraph (who, in what
-- role, which operation, read or write, the records' types and IDs, the outcome).
--
-- Append-only: UPDATE, DELETE and TRUNCATE are refused by a trigger, whoever asks.
-- Tamper-evident: each entry's hash is sha256 over the previous entry's hash and a canonical form
-- of the entry (audit_log_hash); an edited, removed or inserted row breaks the chain from there on.
-- The chain is kept linear by the BEFORE INSERT trigger: it takes a transaction-scoped advisory
-- lock, then reads the last entry (a fresh snapshot, since the trigger function is volatile), so
-- concurrent appends take turns and each one sees the entry committed before it. The sequence
-- number is the previous one plus one: a gap is as visible as a broken hash. Whatever an INSERT
-- sends for seq, at, prev_hash and hash is overwritten here. Appends run at READ COMMITTED (the
-- default); should one ever run in an older snapshot, the primary key on seq refuses the fork.
-- Tamper-evident, not tamper-proof: the table's owner (or a superuser) can disable the triggers;
-- the chain shows what was changed, and its head hash, kept elsewhere, shows a cut-off end.

CREATE TABLE audit_log (
  seq            bigint PRIMARY KEY,
  at             timestamptz(3) NOT NULL,
  subject        text NOT NULL,
  role           text NOT NULL,
  operation_name text,
  fields         text[] NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('read', 'write')),
  types          text[] NOT NULL,
  ids            text[] NOT NULL,
  outcome        text NOT NULL CHECK (outcome IN ('ok', 'error')),
  error_codes    text[] NOT NULL,
  prev_hash      text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash           text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

-- The canonical form: a JSON array of the previous hash and every column but the hash, the time
-- in UTC to the millisecond. jsonb's text form of an array is fixed for given values.
CREATE FUNCTION audit_log_hash(e audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    e.prev_hash, e.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e.subject, e.role, e.operation_name, to_jsonb(e.fields), e.kind, to_jsonb(e.types), to_jsonb(e.ids),
    e.outcome, to_jsonb(e.error_codes))::text, 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last audit_log;
BEGIN
  -- 'audit_log' as a 64-bit key; held until this transaction ends (with a write, until it commits).
  PERFORM pg_advisory_xact_lock(7239164311908431971);
  SELECT * INTO last FROM audit_log ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(last.seq, 0) + 1;
  NEW.at := date_trunc('milliseconds', clock_timestamp());
  NEW.prev_hash := coalesce(last.hash, repeat('0', 64));
  NEW.hash := audit_log_hash(NEW);
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Statement-level, so even a statement that matches no row is refused.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();
