-- An import that writes some rows and refuses others commits with an audit entry whose outcome is
-- 'error' (it carries the refused rows' codes), so the trigger of 0007_replicas, which fires on
-- outcome 'ok' only, moved neither the store's version (the other replicas kept their cached
-- figures) nor 数据截至 (0009_store_changed_at), although the import changed the store. The
-- runtime calls linju_store_changed() in such an import's transaction; the trigger's function calls
-- it too, so what "the store changed" writes is said once.

-- It answers the store's new version (a void answer is one Prisma cannot read).
CREATE FUNCTION linju_store_changed() RETURNS bigint LANGUAGE sql AS $$
  UPDATE _linju_store_version SET version = version + 1, changed_at = greatest(changed_at, clock_timestamp()) RETURNING version;
$$;

CREATE OR REPLACE FUNCTION linju_store_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM linju_store_changed();
  RETURN NULL;
END
$$;
