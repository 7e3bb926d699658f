/**
 * The SDI-side script (resources/sdi/plandesk-versioning.sql) in a real PostgreSQL + PostGIS:
 * row_version and updated_at are filled even when a client sends NULLs (as QGIS Server does),
 * an update bumps the version, and a compare-and-set update with a stale version touches
 * nothing — the conflict test the sync client relies on.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgis, type PostgisCluster } from '../helpers/postgis.js';

const script = fileURLToPath(new URL('../../resources/sdi/plandesk-versioning.sql', import.meta.url));
let pg: PostgisCluster;

beforeAll(async () => {
  pg = await startPostgis();
  pg.psql(`\\i ${script}`);
  pg.psql(`CREATE TABLE water_mains (fid serial PRIMARY KEY, material text, diameter_mm integer, geom geometry(LineString, 5897))`);
  pg.psql(`INSERT INTO water_mains (material, diameter_mm, geom) VALUES ('hdpe', 150, 'SRID=5897;LINESTRING(569000 1156000, 569100 1156000)')`);
  pg.psql(`SELECT plandesk_enable_versioning('public.water_mains')`);
}, 60_000);

afterAll(async () => {
  await pg?.stop();
});

describe('plandesk-versioning.sql', () => {
  it('versions existing rows and new ones, even when a client sends NULL for the bookkeeping', () => {
    expect(pg.psql(`SELECT row_version, updated_at IS NOT NULL FROM water_mains WHERE fid = 1`).trim()).toBe('1|t');
    pg.psql(`INSERT INTO water_mains (material, uuid, row_version, updated_at, geom) VALUES ('upvc', '0190a0a0-0000-7000-8000-000000000001', NULL, NULL, 'SRID=5897;LINESTRING(0 0, 1 1)')`);
    expect(pg.psql(`SELECT row_version, updated_at IS NOT NULL FROM water_mains WHERE uuid = '0190a0a0-0000-7000-8000-000000000001'`).trim()).toBe('1|t');
  });

  it('bumps the version on update and keeps the uuid when the update omits it', () => {
    const before = pg.psql(`SELECT updated_at FROM water_mains WHERE fid = 2`).trim();
    pg.psql(`UPDATE water_mains SET diameter_mm = 200, uuid = NULL WHERE fid = 2`);
    const [version, uuid, after] = pg.psql(`SELECT row_version, uuid, updated_at FROM water_mains WHERE fid = 2`).trim().split('|');
    expect(version).toBe('2');
    expect(uuid).toBe('0190a0a0-0000-7000-8000-000000000001');
    expect(after! > before).toBe(true);
  });

  it('a compare-and-set update with a stale version changes nothing (a conflict)', () => {
    expect(pg.psql(`WITH u AS (UPDATE water_mains SET material = 'ductile_iron' WHERE fid = 2 AND row_version = 1 RETURNING 1) SELECT count(*) FROM u`).trim()).toBe('0');
    expect(pg.psql(`WITH u AS (UPDATE water_mains SET material = 'ductile_iron' WHERE fid = 2 AND row_version = 2 RETURNING 1) SELECT count(*) FROM u`).trim()).toBe('1');
    expect(pg.psql(`SELECT material, row_version FROM water_mains WHERE fid = 2`).trim()).toBe('ductile_iron|3');
  });

  it('refuses a second feature with the same uuid', () => {
    expect(() => pg.psql(`INSERT INTO water_mains (uuid, geom) VALUES ('0190a0a0-0000-7000-8000-000000000001', 'SRID=5897;LINESTRING(0 0, 2 2)')`)).toThrow(/duplicate key/);
  });
});
