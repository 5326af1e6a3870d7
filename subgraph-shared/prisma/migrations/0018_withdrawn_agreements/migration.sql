-- 撤销登记 of the joint office (withdrawAgreement): an agreement registered in error leaves agreement,
-- agreement_signatory and cooperation_item in the write's transaction, kept whole in withdrawn_record
-- (the contract's 0017: the agreement's row as JSON with its signatories and items), so it leaves the
-- lists and the joint figures. SECURITY DEFINER: the runtime role deletes nothing itself; its
-- search_path pinned to the store's schema (pg_temp last).
CREATE FUNCTION linju_withdraw_agreement(p_id text, p_reason text, p_by text)
RETURNS SETOF withdrawn_record LANGUAGE plpgsql SECURITY DEFINER AS $fn$
DECLARE
  kept jsonb;
BEGIN
  SELECT to_jsonb(a) || jsonb_build_object(
           'signatories', coalesce((SELECT jsonb_agg(to_jsonb(s) ORDER BY s.organization_id) FROM agreement_signatory s WHERE s.agreement_id = a.id), '[]'::jsonb),
           'items', coalesce((SELECT jsonb_agg(to_jsonb(i) ORDER BY i.position) FROM cooperation_item i WHERE i.agreement_id = a.id), '[]'::jsonb))
    INTO kept FROM agreement a WHERE a.id = p_id FOR UPDATE;
  IF kept IS NULL THEN
    RETURN;
  END IF;
  DELETE FROM cooperation_item WHERE agreement_id = p_id;
  DELETE FROM agreement_signatory WHERE agreement_id = p_id;
  DELETE FROM agreement WHERE id = p_id;
  RETURN QUERY INSERT INTO withdrawn_record (id, type, record, reason, withdrawn_by)
    VALUES (p_id, 'Agreement', kept, p_reason, p_by) RETURNING *;
END
$fn$;

DO $pin$
BEGIN
  EXECUTE format('ALTER FUNCTION linju_withdraw_agreement(text, text, text) SET search_path = %I, pg_temp', current_schema());
END
$pin$;

-- Not PUBLIC's: only the runtime role (granted by grantRuntime) and the owner may withdraw.
REVOKE EXECUTE ON FUNCTION linju_withdraw_agreement(text, text, text) FROM PUBLIC;
