/**
 * The API service by direct call (the third transport) over a real project file: argument
 * checks, features and CRS, search parsing and accent folding, and the contract ↔ routes table.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { API_METHOD_NAMES, API_METHODS, FEATURE_LIMIT_DEFAULT } from '../../gis-core/api/contract.js';
import { transformBBox } from '../../gis-core/api/geometry-bbox.js';
import { foldVietnamese } from '../../gis-core/api/search/fold.js';
import { parseSearch } from '../../gis-core/api/search/parse.js';
import { PlanDeskService } from '../../gis-core/api/service.js';
import { API_ROUTES } from '../../gis-core/api/wire.js';
import { transformPoint } from '../../gis-core/crs/transform.js';
import { PlanDeskError } from '../../gis-core/errors.js';
import { buildRoutes } from '../../gis-core/server/routes.js';
import { Project } from '../../gis-core/store/project.js';
import { SCHEMA_VERSION } from '../../gis-core/store/schema.js';
import { buildFixtureProject, fixtureRoads, ORIGIN } from '../helpers/api-fixture.js';

const file = buildFixtureProject('service');
const project = Project.open(file);
const api = new PlanDeskService(project);
afterAll(() => project.close());

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(PlanDeskError);
  expect((error as PlanDeskError).code).toBe(code);
}

describe('the contract and its transports', () => {
  it('every contract method has exactly one HTTP route, and kiosk routes are the read methods', () => {
    const routes = buildRoutes('all');
    expect(routes.map((r) => r.name).sort()).toEqual([...API_METHOD_NAMES].sort());
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(buildRoutes('read').map((r) => r.name)).toEqual(API_METHOD_NAMES.filter((n) => API_METHODS[n].access === 'read'));
    for (const name of API_METHOD_NAMES) expect(API_ROUTES[name].path.startsWith('/api/')).toBe(true);
  });

  it('every contract method exists on the service with its declared arity at most', () => {
    for (const name of API_METHOD_NAMES) {
      expect(typeof api[name], name).toBe('function');
      expect(api[name].length, name).toBeLessThanOrEqual(API_METHODS[name].arity);
    }
  });

  it('results are plain JSON (they cross IPC and HTTP unchanged)', async () => {
    const features = await api.features('roads', { crs: 'EPSG:4326' });
    expect(JSON.parse(JSON.stringify(features))).toEqual(features);
    const layers = await api.layers();
    expect(JSON.parse(JSON.stringify(layers))).toEqual(layers);
  });
});

describe('features by direct call', () => {
  it('applies the default limit and refuses limits past the cap', async () => {
    expect((await api.features('parcels')).limit).toBe(FEATURE_LIMIT_DEFAULT);
    await expectCode(api.features('parcels', { limit: 50_001 }), 'INVALID_ARGUMENT');
    await expectCode(api.features('parcels', { limit: 2.5 }), 'INVALID_ARGUMENT');
    await expectCode(api.features('parcels', { offset: -1 }), 'INVALID_ARGUMENT');
    await expectCode(api.features('parcels', { bbox: [1, 2, 3] as unknown as [number, number, number, number] }), 'INVALID_ARGUMENT');
    await expectCode(api.features('parcels', { crs: 'EPSG:2000' }), 'UNKNOWN_CRS');
    await expectCode(api.features(42 as unknown as string), 'INVALID_ARGUMENT');
    await expectCode(api.features('parcels', { where: 'x' as unknown as [] }), 'INVALID_ARGUMENT');
    await expectCode(api.features('parcels', { where: [{ field: 'geom', op: '=', value: 1 }] }), 'UNKNOWN_FIELD');
  });

  it('a WGS 84 box is densified before it becomes the query box in the project CRS', () => {
    // A 1° box: its edges curve in TM-3, so corners alone give a smaller envelope.
    const box: [number, number, number, number] = [104.5, 10, 105.5, 11];
    const envelope = transformBBox(box, 4326, 5897);
    const corners = [
      [104.5, 10],
      [105.5, 10],
      [105.5, 11],
      [104.5, 11],
    ].map((p) => transformPoint(p, 4326, 5897));
    const cornerMinY = Math.min(...corners.map((p) => p[1] ?? NaN));
    // The bottom edge bulges south of its corners (at the central meridian, 105°).
    expect(envelope[1]).toBeLessThan(cornerMinY - 1);
    const middleOfBottom = transformPoint([105, 10], 4326, 5897);
    expect(envelope[1]).toBeLessThanOrEqual(middleOfBottom[1] ?? NaN);
  });

  it('one feature: unknown uuid, malformed uuid, unknown layer', async () => {
    await expectCode(api.feature('parcels', '01900000-0000-7000-8000-000000000000'), 'UNKNOWN_FEATURE');
    await expectCode(api.feature('parcels', 'abc'), 'INVALID_ARGUMENT');
    await expectCode(api.feature('nope', '01900000-0000-7000-8000-000000000000'), 'UNKNOWN_LAYER');
  });
});

describe('search', () => {
  it('folds Vietnamese accents and đ', () => {
    expect(foldVietnamese('  Nguyễn   Huệ ')).toBe('nguyen hue');
    expect(foldVietnamese('ĐƯỜNG Điện Biên Phủ')).toBe('duong dien bien phu');
    // Decomposed input (combining marks, as some old files hold) folds the same.
    expect(foldVietnamese('Nguyễn'.normalize('NFD'))).toBe('nguyen');
  });

  it('reads the ways people write a parcel reference', () => {
    expect(parseSearch('tờ 12 thửa 345')).toEqual({ sheet: 12, parcel: 345, words: [] });
    expect(parseSearch('Tờ bản đồ số 12, thửa đất số 345')).toEqual({ sheet: 12, parcel: 345, words: [] });
    expect(parseSearch('thua 345 to 12')).toEqual({ sheet: 12, parcel: 345, words: [] });
    expect(parseSearch('12/345')).toEqual({ sheet: 12, parcel: 345, words: [] });
    expect(parseSearch('12-345')).toEqual({ sheet: 12, parcel: 345, words: [] });
    expect(parseSearch('12 345')).toEqual({ sheet: 12, parcel: 345, words: [] });
    expect(parseSearch('tờ 7')).toEqual({ sheet: 7, words: [] });
    expect(parseSearch('thửa 9')).toEqual({ parcel: 9, words: [] });
    expect(parseSearch('345')).toEqual({ parcel: 345, words: ['345'] });
    expect(parseSearch('Nguyễn Huệ')).toEqual({ words: ['nguyen', 'hue'] });
    // 'to' inside a word is not a sheet.
    expect(parseSearch('Tôn Đức Thắng 5')).toEqual({ words: ['ton', 'duc', 'thang', '5'] });
  });

  it('finds a parcel number on any sheet, and names with numbers', async () => {
    const parcel = await api.search('thửa 355');
    expect(parcel.hits.map((h) => h.title.vi)).toEqual(['Tờ 13, thửa 355']);
    const named = await api.search('30 thang 4');
    expect(named.hits.map((h) => h.title.vi)).toEqual(['Đường 30 Tháng 4']);
  });

  it('ranks an exact name before one that only contains the words', async () => {
    const result = await api.search('nguyen');
    expect(result.hits.map((h) => h.title.vi)).toEqual(['Nguyễn Huệ', 'Nguyễn Trãi']);
    const limited = await api.search('nguyen', { limit: 1 });
    expect(limited).toMatchObject({ truncated: true });
    expect(limited.hits).toHaveLength(1);
  });

  it('sees names added after an earlier search', async () => {
    expect((await api.search('hai ba trung')).hits).toEqual([]);
    const [template] = fixtureRoads();
    project.bulkInsert('roads', [{ ...template!, properties: { ...template!.properties, name: 'Hai Bà Trưng' } }]);
    // updated_at has millisecond resolution; the insert above moved it.
    const found = await api.search('hai ba trung');
    expect(found.hits.map((h) => h.title.vi)).toEqual(['Hai Bà Trưng']);
  });

  it('refuses what is not a search', async () => {
    await expectCode(api.search(5 as unknown as string), 'INVALID_ARGUMENT');
    await expectCode(api.search('x'.repeat(201)), 'INVALID_ARGUMENT');
    await expectCode(api.search('12/345', { limit: 0 }), 'INVALID_ARGUMENT');
    expect((await api.search('   ')).hits).toEqual([]);
  });
});

describe('the lookup indexes (schema version 2) and the journal (3)', () => {
  it('a new project has them, and opening a version-1 file adds them', () => {
    const indexNames = (path: string) => {
      const db = new Database(path, { readonly: true });
      try {
        return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('idx_parcels_sheet_no_parcel_no', 'idx_roads_name')`).all() as { name: string }[])
          .map((r) => r.name)
          .sort();
      } finally {
        db.close();
      }
    };
    const fresh = buildFixtureProject('v1');
    expect(indexNames(fresh)).toEqual(['idx_parcels_sheet_no_parcel_no', 'idx_roads_name']);
    // Make it a version-1 file: no lookup indexes, no journal (version 3).
    const db = new Database(fresh);
    const journalTriggers = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'plandesk_journal_%'`).all() as { name: string }[]).map((r) => r.name);
    for (const name of journalTriggers) db.exec(`DROP TRIGGER "${name}"`);
    db.exec('DROP TABLE plandesk_edit_changes; DROP TABLE plandesk_edit_batches; DROP TABLE plandesk_edit_context;');
    db.exec('DROP INDEX idx_parcels_sheet_no_parcel_no; DROP INDEX idx_roads_name; PRAGMA user_version = 1;');
    db.close();
    expect(indexNames(fresh)).toEqual([]);
    Project.open(fresh).close();
    expect(indexNames(fresh)).toEqual(['idx_parcels_sheet_no_parcel_no', 'idx_roads_name']);
    const reopened = new Database(fresh, { readonly: true });
    expect(reopened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    reopened.close();
    // Migration 3 brought the journal: edits to the old file are journaled and undoable.
    const project = Project.open(fresh);
    try {
      const parcel = project.features('parcels', { limit: 1 })[0]!;
      project.applyEdits({ message: 'after migration' }, () => [{ op: 'update', layer: 'parcels', uuid: parcel.uuid, properties: { ward: 'Phường 9' } }]);
      expect(project.editHistory()[0]).toMatchObject({ message: 'after migration', changeCount: 1 });
      project.undo();
      expect(project.featureByUuid('parcels', parcel.uuid)?.properties.ward).toBe(parcel.properties.ward);
    } finally {
      project.close();
    }
  });

  it('parcel lookups go through the index', () => {
    const db = new Database(file, { readonly: true });
    try {
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM parcels t WHERE t.sheet_no = ? AND t.parcel_no = ?').all(12, 345) as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('idx_parcels_sheet_no_parcel_no');
      const anySheet = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM parcels t WHERE t.sheet_no IN (12, 13) AND t.parcel_no = ?').all(345) as { detail: string }[];
      expect(anySheet.map((p) => p.detail).join(' ')).toContain('idx_parcels_sheet_no_parcel_no');
    } finally {
      db.close();
    }
  });
});

it('fixture sanity: the origin is in Cao Lãnh', () => {
  const [lon, lat] = transformPoint([...ORIGIN], 5897, 4326);
  expect(lon).toBeCloseTo(105.63, 1);
  expect(lat).toBeCloseTo(10.45, 1);
});
