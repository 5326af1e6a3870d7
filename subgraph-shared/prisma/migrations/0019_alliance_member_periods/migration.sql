-- A membership is a period: an organization that left an alliance may join it again, years later,
-- and its earlier period stays as it was (the history, and what was counted in it, never change).
-- The store kept one row per alliance and organization, so a rejoin would have overwritten the
-- first period; each period is now a row of its own, numbered from 1 in the order they began, and
-- every row already stored is its organization's first period.
-- Periods of one organization in one alliance never overlap: a new one begins on or after the day
-- the one before ended (addAllianceMember checks it under the alliance's lock), and at most one is
-- open (not left): the partial unique index holds that for any writer, so two joins at once write
-- one open period.
ALTER TABLE alliance_member ADD COLUMN period integer NOT NULL DEFAULT 1 CHECK (period >= 1);
ALTER TABLE alliance_member DROP CONSTRAINT alliance_member_pkey;
ALTER TABLE alliance_member ADD PRIMARY KEY (alliance_id, organization_id, period);
ALTER TABLE alliance_member ADD CONSTRAINT alliance_member_left_after_joined CHECK (left_on IS NULL OR left_on >= joined_on);
CREATE UNIQUE INDEX alliance_member_open_idx ON alliance_member (alliance_id, organization_id) WHERE left_on IS NULL;
