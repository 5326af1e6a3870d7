-- Targets (目标) the joint office sets for a figure of the catalogue over a period: for one side
-- (`jurisdiction` is its key) or for the joint total (null). Written like the office's other
-- records (one transaction, idempotency key, an audit entry). The runtime role never deletes: a
-- target taken back keeps its row with `removed_at`, and only targets without one are current.
-- Named after the contract's audit migrations (0004 … 0009) so that it sorts after them.

CREATE TABLE figure_target (
  id           text PRIMARY KEY CHECK (id LIKE 'joint:FigureTarget:%'),
  figure       text NOT NULL,
  jurisdiction text CHECK (jurisdiction <> 'joint'),
  period_from  date NOT NULL,
  period_to    date NOT NULL,
  value        double precision NOT NULL CHECK (value >= 0),
  note         text,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  removed_at   timestamptz,
  CHECK (period_from <= period_to)
);
-- One current target per figure, side (or joint total) and period: setting it again changes it
-- (setFigureTarget takes a transaction lock on the four, so two settings at once take turns).
CREATE INDEX figure_target_period_idx ON figure_target (period_from, period_to);
