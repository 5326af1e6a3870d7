-- Several replicas of a subgraph over this one store (docs/operations.md, "Replicas"). Two pieces
-- of bookkeeping that a single process used to keep in memory now live in the store, so every
-- replica sees the same:
--
-- _linju_store_version: a counter that every committed write moves on. A write's audit entry is
-- appended inside its transaction (kind 'write', outcome 'ok'), so the trigger below bumps the
-- counter in that same transaction: the new value is visible exactly when the write is. A replica
-- reads it with each request's first statement and forgets its cached aggregates when it moved, so
-- a write acknowledged through one replica is in the next answer of any other. The row lock this
-- takes is held no longer than the audit chain's advisory lock, which every write holds until it
-- commits anyway.
--
-- _linju_caller_statement: the IDs (jti) of the gateway's caller statements a subgraph accepted,
-- until they expire: the primary key lets one replica accept a statement, and refuses it to every
-- other (a captured header replayed to a second replica). Rows past their expiry are deleted by
-- the replicas as they go (see subgraph-runtime/src/server/storeStatementClaims.ts).

CREATE TABLE _linju_store_version (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version  bigint NOT NULL
);
INSERT INTO _linju_store_version (only_row, version) VALUES (true, 0);

CREATE FUNCTION linju_store_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE _linju_store_version SET version = version + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER audit_log_store_version AFTER INSERT ON audit_log
  FOR EACH ROW WHEN (NEW.kind = 'write' AND NEW.outcome = 'ok') EXECUTE FUNCTION linju_store_version_bump();

CREATE TABLE _linju_caller_statement (
  jti        text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX _linju_caller_statement_expires_at ON _linju_caller_statement (expires_at);
