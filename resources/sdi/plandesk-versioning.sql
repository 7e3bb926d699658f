-- PlanDesk sync support for a PostGIS table published by the provincial SDI (QGIS Server or
-- GeoServer). Run once per database as its owner, then once per published table:
--
--   \i plandesk-versioning.sql
--   SELECT plandesk_enable_versioning('public.water_mains');
--
-- What it adds to the table:
--   uuid        text, unique: the PlanDesk feature uuid (inserts carry it, so a push that is
--               retried after a timeout finds the feature instead of inserting it twice)
--   row_version bigint NOT NULL: 1 on insert, +1 on every update (compare-and-set: an update
--               filtered by pk AND row_version = base that touches 0 rows is a conflict)
--   updated_at  timestamptz NOT NULL: set on insert and update (pull "what changed since")
-- The trigger is BEFORE INSERT OR UPDATE and fills these itself, because QGIS Server sends
-- omitted fields as NULL (column defaults are bypassed).

CREATE OR REPLACE FUNCTION plandesk_version_row() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.row_version := 1;
  ELSE
    NEW.row_version := coalesce(OLD.row_version, 0) + 1;
    -- The uuid of a feature never changes (a client that omits it sends NULL).
    NEW.uuid := coalesce(NEW.uuid, OLD.uuid);
  END IF;
  NEW.updated_at := clock_timestamp();
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION plandesk_enable_versioning(target regclass) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  t text := target::text;
  bare text := (SELECT relname FROM pg_class WHERE oid = target);
BEGIN
  EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS uuid text', t);
  EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS row_version bigint', t);
  EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS updated_at timestamptz', t);
  EXECUTE format('UPDATE %s SET row_version = 1 WHERE row_version IS NULL', t);
  EXECUTE format('UPDATE %s SET updated_at = clock_timestamp() WHERE updated_at IS NULL', t);
  EXECUTE format('ALTER TABLE %s ALTER COLUMN row_version SET NOT NULL', t);
  EXECUTE format('ALTER TABLE %s ALTER COLUMN updated_at SET NOT NULL', t);
  EXECUTE format('CREATE UNIQUE INDEX IF NOT EXISTS %I ON %s (uuid)', bare || '_plandesk_uuid', t);
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s (updated_at)', bare || '_plandesk_updated_at', t);
  EXECUTE format('DROP TRIGGER IF EXISTS plandesk_version ON %s', t);
  EXECUTE format('CREATE TRIGGER plandesk_version BEFORE INSERT OR UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION plandesk_version_row()', t);
END
$$;
