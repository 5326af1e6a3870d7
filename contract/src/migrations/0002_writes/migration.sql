-- Writes through the gateway. Organizations and posts carry a version so an update made from a
-- stale read is refused instead of silently overwriting; mutations record their idempotency key
-- and first answer, so a retried request never writes twice.

ALTER TABLE organization ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE post ADD COLUMN version integer NOT NULL DEFAULT 1;

-- One holder at a time for a single-seat post (书记, 副书记 …); committee seats (委员) are many.
CREATE UNIQUE INDEX post_single_seat_idx ON post (organization_id, title)
  WHERE ended_on IS NULL AND title NOT IN ('委员', '村党组织委员');

CREATE TABLE idempotency_record (
  key          text PRIMARY KEY,
  operation    text NOT NULL,
  request_hash text NOT NULL,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now()
);
