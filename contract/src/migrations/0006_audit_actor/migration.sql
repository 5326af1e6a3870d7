-- Who acted, as the office knows them: the caller's display name and, for a jurisdiction's
-- operators, the administrative region (GB/T 2260 code) their authority covers. Both are null in
-- entries appended before this migration and for callers whose token carries neither.
--
-- The chain stays verifiable across the change: an entry with neither value hashes exactly as
-- before (0004's canonical form), one with either hashes that form followed by [name, region].
-- Clearing an entry's name or region afterwards changes its canonical form, so the chain breaks
-- there, as it does for any other edit.

ALTER TABLE audit_log ADD COLUMN name text, ADD COLUMN region text;

CREATE OR REPLACE FUNCTION audit_log_hash(e audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to((jsonb_build_array(
    e.prev_hash, e.seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e.subject, e.role, e.operation_name, to_jsonb(e.fields), e.kind, to_jsonb(e.types), to_jsonb(e.ids),
    e.outcome, to_jsonb(e.error_codes))
    || CASE WHEN e.name IS NULL AND e.region IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(e.name, e.region) END)::text, 'UTF8')), 'hex')
$$;
