-- Writes through the gateway. Alliances carry a version so an update made from a stale read is
-- refused; mutations record their idempotency key and first answer, so a retry never writes twice.

ALTER TABLE alliance ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE TABLE idempotency_record (
  key          text PRIMARY KEY,
  operation    text NOT NULL,
  request_hash text NOT NULL,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now()
);
