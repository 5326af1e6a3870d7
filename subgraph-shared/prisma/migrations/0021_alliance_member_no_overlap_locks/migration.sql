-- Replaces 0020's locking (0020 itself stays as applied: a store records each migration's checksum).
-- 0020 locked the alliance's row in a BEFORE ROW trigger; for an UPDATE, PostgreSQL has locked the
-- period's row before that trigger runs, while the API (lockAlliance) locks the alliance's row first
-- and then writes the period: a writer around the API updating a period the API was about to write
-- waited for the alliance, the API for the period's row, and one of them was aborted (40P01).
--
-- Now every writer takes its locks in one order: the alliance's row (the API's lockAlliance; the
-- foreign key's share lock for a new period), then the period's row, then an advisory lock on the
-- alliance's periods, taken by the AFTER trigger once the statement's rows are written and held to
-- the transaction's end. A writer holding period rows thus never waits for the alliance's row (an
-- UPDATE of a period does not lock it; an INSERT share-locks it before writing its row), and the
-- API, once it holds that lock, waits for nothing more (it updates the alliance's row, which it
-- holds): a writer of periods cannot deadlock with the API. Two writers of one alliance's periods still
-- take turns at the check: the second waits for the first to commit, then compares its period with
-- the organization's others in a statement of its own, which sees the first's (READ COMMITTED).
--
-- A new period's row is written only after its alliance's row could be share-locked (FOR KEY SHARE,
-- the lock the foreign key takes anyway, taken before the row rather than after it): a writer
-- adding a period the API is adding too waits for the API before writing it, then finds the API's
-- row (23505), rather than both waiting on each other's row.
--
-- The check relies on seeing what the lock's previous holder committed, which a transaction under
-- REPEATABLE READ or SERIALIZABLE does not (its snapshot is older than the lock): such a writer is
-- refused before the check, 55000, saying to write under READ COMMITTED (PostgreSQL's default, the
-- subgraph's and every migration's).
--
-- 0020's check (linju_alliance_member_no_overlap) stays as it is; the lock it relied on moves into
-- a trigger of its own, fired just before it (AFTER triggers fire in their names' order).
DROP TRIGGER alliance_member_lock ON alliance_member;

CREATE OR REPLACE FUNCTION linju_alliance_member_lock() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM 1 FROM alliance WHERE id = NEW.alliance_id FOR KEY SHARE;
  RETURN NEW;
END
$fn$;

CREATE FUNCTION linju_alliance_member_lock_periods() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF current_setting('transaction_isolation') NOT IN ('read committed', 'read uncommitted') THEN
    RAISE EXCEPTION USING
      ERRCODE = 'object_not_in_prerequisite_state',
      TABLE = 'alliance_member',
      MESSAGE = format('alliance_member is written under READ COMMITTED only, not %s: its periods are compared with those other writers committed, which an older snapshot does not see', upper(current_setting('transaction_isolation'))),
      HINT = 'Write alliance_member in a READ COMMITTED transaction (PostgreSQL''s default).';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended(format('["alliance-periods",%s]', to_json(NEW.alliance_id)), 0));
  RETURN NULL;
END
$fn$;

-- Pinned to the store's schema, as 0020's (CREATE OR REPLACE reset linju_alliance_member_lock's).
DO $pin$
DECLARE
  fn text;
BEGIN
  FOREACH fn IN ARRAY ARRAY['linju_alliance_member_lock()', 'linju_alliance_member_lock_periods()'] LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', fn, current_schema());
  END LOOP;
END
$pin$;

CREATE TRIGGER alliance_member_lock BEFORE INSERT ON alliance_member
  FOR EACH ROW EXECUTE FUNCTION linju_alliance_member_lock();
-- Before alliance_member_no_overlap, on the same events.
CREATE TRIGGER alliance_member_lock_periods AFTER INSERT OR UPDATE OF alliance_id, organization_id, period, joined_on, left_on ON alliance_member
  FOR EACH ROW EXECUTE FUNCTION linju_alliance_member_lock_periods();
