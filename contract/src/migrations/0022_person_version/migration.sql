-- A person is corrected and transferred to another organization of the side (UpdatePerson): like an
-- organization or a post (0002_writes), it carries a version, so a correction made from a stale read
-- is refused instead of silently overwriting another clerk's. Every existing person starts at 1.
ALTER TABLE person ADD COLUMN version integer NOT NULL DEFAULT 1;
