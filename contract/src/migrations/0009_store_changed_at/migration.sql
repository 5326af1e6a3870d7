-- 数据截至: when this store last changed, for the dashboard's "data as of" line (docs/api.md,
-- "When a store last changed"). The same trigger that moves the store's version on (0007_replicas)
-- stamps the time, so the stamp commits with the write and is visible exactly when it is. The
-- stamp is the clock at the write's audit entry, and never earlier than the one it replaces: a
-- long import that began before a short write committed after it does not move 数据截至 back. Loading a seed changes the store too: its bookkeeping row
-- (`_linju_seeds`, created before any migration runs) stamps the time the same way.
--
-- A store migrated with data in it starts at its latest committed write or seed, else now().

-- (The runtime creates `_linju_seeds` before migrating; a store migrated another way gets it here.)
CREATE TABLE IF NOT EXISTS _linju_seeds (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());

ALTER TABLE _linju_store_version ADD COLUMN changed_at timestamptz;
UPDATE _linju_store_version SET changed_at = coalesce(
  greatest(
    (SELECT max(at) FROM audit_log WHERE kind = 'write' AND outcome = 'ok'),
    (SELECT max(applied_at) FROM _linju_seeds)
  ),
  now()
);
ALTER TABLE _linju_store_version ALTER COLUMN changed_at SET NOT NULL;

CREATE OR REPLACE FUNCTION linju_store_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE _linju_store_version SET version = version + 1, changed_at = greatest(changed_at, clock_timestamp());
  RETURN NULL;
END
$$;

CREATE FUNCTION linju_store_seeded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE _linju_store_version SET changed_at = greatest(changed_at, clock_timestamp());
  RETURN NULL;
END
$$;

CREATE TRIGGER seeds_store_changed_at AFTER INSERT ON _linju_seeds
  FOR EACH ROW EXECUTE FUNCTION linju_store_seeded();
