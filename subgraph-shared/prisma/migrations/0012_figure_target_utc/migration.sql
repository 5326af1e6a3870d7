-- The joint office's targets' times (created_at, updated_at, removed_at) are written by Prisma,
-- whose driver adapter sends a time as text without its offset. A session whose TimeZone was not
-- UTC (an embedded cluster created in Asia/Shanghai takes that zone; so may a server in China)
-- stored each 8 hours early there, and Prisma read it back 8 hours late, so nobody saw it while
-- Prisma alone read them. Since every connection of a subgraph runs in UTC (connectionSettings),
-- times are stored as sent; this moves those stored before to the instants they were meant to be,
-- reading each in the zone it was written in: the server's default, which a session has until it
-- sets its own (reset_val). Nothing changes on a server whose default is UTC.
UPDATE figure_target t SET
  created_at = (t.created_at AT TIME ZONE z.zone) AT TIME ZONE 'UTC',
  updated_at = (t.updated_at AT TIME ZONE z.zone) AT TIME ZONE 'UTC',
  removed_at = (t.removed_at AT TIME ZONE z.zone) AT TIME ZONE 'UTC'
FROM (SELECT reset_val AS zone FROM pg_settings WHERE name = 'TimeZone') z
WHERE z.zone NOT IN ('UTC', 'Etc/UTC', 'GMT', 'Etc/GMT');
