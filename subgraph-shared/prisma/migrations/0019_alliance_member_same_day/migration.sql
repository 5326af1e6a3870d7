-- Runs before 0020_alliance_member_no_overlap (its name sorts between 0019 and 0020), on a store 0020
-- has not migrated yet: a store 0020 has migrated holds no pair below, and this finds nothing there.
-- 0020 is not edited, as a store records each migration's checksum.
--
-- A store written before b9138cf may hold a rejoin on the very day the member left (the API then
-- allowed it). 0020 moves such a later period to the day after, which leaves the days the
-- organization was a member as they were; but it left in place, and then stopped at, a later period
-- that also ended that day ([…, D] then [D, D]), and it moved a period to a day after its alliance's
-- closing, or to tomorrow (D today). Here, pair by pair (the earlier period ending on the day the
-- next began):
-- - the later period begins the day after, as 0020 would, when that day is on or before the day it
--   ended, its alliance's closing and today;
-- - otherwise the two become one: the later is removed, the earlier ends when the later did (a [D, D]
--   period adds no day to the one before; an open one ends with a closed alliance, as its other
--   members' do, or is open today), and the organization's periods after it are numbered one less.
-- Either way the days the organization was a member are the days it was before.
DO $same_day$
DECLARE
  pair record;
  later_period integer;
BEGIN
  LOOP
    SELECT later.alliance_id, later.organization_id, later.period, later.joined_on, later.left_on, alliance.closed_on
      INTO pair
      FROM alliance_member later
      JOIN alliance_member earlier
        ON earlier.alliance_id = later.alliance_id AND earlier.organization_id = later.organization_id AND earlier.period = later.period - 1
      JOIN alliance ON alliance.id = later.alliance_id
      WHERE earlier.left_on = later.joined_on
      ORDER BY later.alliance_id, later.organization_id, later.period
      LIMIT 1;
    EXIT WHEN NOT FOUND;
    IF pair.joined_on + 1 <= least(coalesce(pair.left_on, 'infinity'), coalesce(pair.closed_on, 'infinity'), current_date) THEN
      UPDATE alliance_member SET joined_on = pair.joined_on + 1
        WHERE alliance_id = pair.alliance_id AND organization_id = pair.organization_id AND period = pair.period;
    ELSE
      -- Removed first: the earlier period may become the open one.
      DELETE FROM alliance_member WHERE alliance_id = pair.alliance_id AND organization_id = pair.organization_id AND period = pair.period;
      UPDATE alliance_member SET left_on = pair.left_on
        WHERE alliance_id = pair.alliance_id AND organization_id = pair.organization_id AND period = pair.period - 1;
      FOR later_period IN
        SELECT period FROM alliance_member
          WHERE alliance_id = pair.alliance_id AND organization_id = pair.organization_id AND period > pair.period ORDER BY period
      LOOP
        UPDATE alliance_member SET period = later_period - 1
          WHERE alliance_id = pair.alliance_id AND organization_id = pair.organization_id AND period = later_period;
      END LOOP;
    END IF;
  END LOOP;
END
$same_day$;
