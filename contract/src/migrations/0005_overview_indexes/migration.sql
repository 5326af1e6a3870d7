-- Indexes for the joint overview and the cross-appointment list at province scale (issue 8).
--
-- The overview sums each table over a period, per alliance (subgraph-kit's figures.ts). With only
-- an index on the date, a year of a million activities is a bitmap heap scan over nearly every
-- page of the table (the rows of a year are spread through it). These indexes lead with the date
-- and carry every column the figures read, so a period is an index-only scan of its own range.
-- The single-column date indexes stay: the lists and the tests of every jurisdiction use them.
CREATE INDEX activity_held_on_figures_idx ON activity (held_on, kind, sessions, person_times, talents_recruited, alliance_id);
CREATE INDEX service_case_handled_on_figures_idx ON service_case (handled_on, kind, people, households, amount_wan, alliance_id);
CREATE INDEX post_started_on_figures_idx ON post (started_on, holder_id, alliance_id);
CREATE INDEX team_action_acted_on_figures_idx ON team_action (acted_on, kind, occurrences, team_id);
CREATE INDEX civilization_record_recorded_on_figures_idx ON civilization_record (recorded_on, kind, occurrences, alliance_id);

-- Cross-appointments (posts held by a person of another side) are a small share of the posts: the
-- list `posts(filter: { crossBorder: true })` reads them newest first, and counts them, from this
-- partial index instead of scanning every post.
CREATE INDEX post_cross_border_idx ON post (started_on, id) WHERE holder_id NOT LIKE '{{key}}:%';
