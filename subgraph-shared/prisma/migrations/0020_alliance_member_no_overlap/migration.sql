-- An organization's membership periods of one alliance never overlap, whoever writes: until now
-- only addAllianceMember refused a period beginning on or before the day the one before ended (under
-- the alliance's lock), and the store took two closed periods sharing days from any other writer.
-- The store now refuses them itself. An exclusion constraint would need btree_gist, an extension
-- not every PostgreSQL the joint store may run on has (or lets its owner create); so two triggers:
-- before a row of alliance_member is written, its alliance is locked (FOR UPDATE, as the API locks
-- it), so writers of one alliance's periods take turns; after it is written, a period of the same
-- organization that shares a day with it (both ends included: a member counts on the day it leaves)
-- is refused, 23P01 alliance_member_no_overlap. The check runs after the statement's rows are all
-- written, in a statement of its own, so it sees the periods a writer that held the lock before
-- committed (READ COMMITTED, PostgreSQL's default and the subgraph's).
--
-- A store written before b9138cf may hold a rejoin on the very day the member left (the API then
-- allowed it): that later period begins the day after instead, which leaves the days the
-- organization was a member as they were (it counted on that day in the earlier period) and counts
-- it once on that day. Any other overlap stops the migration, naming the periods to correct by hand.
UPDATE alliance_member later SET joined_on = later.joined_on + 1
  FROM alliance_member earlier
  WHERE earlier.alliance_id = later.alliance_id AND earlier.organization_id = later.organization_id
    AND earlier.period = later.period - 1 AND earlier.left_on = later.joined_on
    AND (later.left_on IS NULL OR later.left_on > later.joined_on);

DO $check$
DECLARE
  found text;
BEGIN
  SELECT string_agg(format('%s %s periods %s and %s', a.alliance_id, a.organization_id, a.period, b.period), '; ')
    INTO found
    FROM alliance_member a JOIN alliance_member b
      ON b.alliance_id = a.alliance_id AND b.organization_id = a.organization_id AND b.period > a.period
    WHERE daterange(a.joined_on, a.left_on, '[]') && daterange(b.joined_on, b.left_on, '[]');
  IF found IS NOT NULL THEN
    RAISE EXCEPTION 'alliance_member holds membership periods that overlap: %; correct their joined_on or left_on, then migrate again', found;
  END IF;
END
$check$;

CREATE FUNCTION linju_alliance_member_lock() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM 1 FROM alliance WHERE id = NEW.alliance_id FOR UPDATE;
  RETURN NEW;
END
$fn$;

CREATE FUNCTION linju_alliance_member_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  other alliance_member;
BEGIN
  SELECT * INTO other FROM alliance_member m
    WHERE m.alliance_id = NEW.alliance_id AND m.organization_id = NEW.organization_id AND m.period <> NEW.period
      AND daterange(m.joined_on, m.left_on, '[]') && daterange(NEW.joined_on, NEW.left_on, '[]')
    ORDER BY m.period LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING
      ERRCODE = 'exclusion_violation',
      CONSTRAINT = 'alliance_member_no_overlap',
      TABLE = 'alliance_member',
      MESSAGE = format('%s: period %s of %s (%s to %s) overlaps its period %s (%s to %s)', NEW.alliance_id, NEW.period, NEW.organization_id,
        NEW.joined_on, coalesce(NEW.left_on::text, 'now'), other.period, other.joined_on, coalesce(other.left_on::text, 'now'));
  END IF;
  RETURN NULL;
END
$fn$;

DO $pin$
BEGIN
  EXECUTE format('ALTER FUNCTION linju_alliance_member_lock() SET search_path = %I, pg_temp', current_schema());
  EXECUTE format('ALTER FUNCTION linju_alliance_member_no_overlap() SET search_path = %I, pg_temp', current_schema());
END
$pin$;

CREATE TRIGGER alliance_member_lock BEFORE INSERT OR UPDATE ON alliance_member
  FOR EACH ROW EXECUTE FUNCTION linju_alliance_member_lock();
CREATE TRIGGER alliance_member_no_overlap AFTER INSERT OR UPDATE OF alliance_id, organization_id, period, joined_on, left_on ON alliance_member
  FOR EACH ROW EXECUTE FUNCTION linju_alliance_member_no_overlap();
