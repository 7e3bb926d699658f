import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS, getLayer } from '../../layers/index.js';
import { compileCount, compileSelect } from '../../gis-core/store/feature-query.js';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../gis-core/store/schema.js';
import { Project } from '../../gis-core/store/project.js';
import type { FeatureQuery, NewFeature } from '../../gis-core/store/types.js';
import { PlanDeskError } from '../../gis-core/errors.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir();
let counter = 0;
function freshFile(): string {
  return join(dir, `p${++counter}.plandesk.sqlite`);
}

function square(x: number, y: number, size: number) {
  return {
    type: 'Polygon' as const,
    coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
  };
}

/** A 20 × 20 grid of 10 m parcels from (569000, 1156000), sheet 1–4 by quadrant, numbered row by row. */
function parcelGrid(): NewFeature[] {
  const features: NewFeature[] = [];
  for (let row = 0; row < 20; row++) {
    for (let col = 0; col < 20; col++) {
      features.push({
        properties: {
          sheet_no: 1 + (row >= 10 ? 2 : 0) + (col >= 10 ? 1 : 0),
          parcel_no: row * 20 + col + 1,
          address: `Số ${col + 1} Nguyễn Huệ, Phường ${1 + (row % 3)}`,
          area_m2: 100,
          land_law_code: col % 5 === 0 ? 'TMD' : 'ODT',
        },
        geometry: square(569000 + col * 10, 1156000 + row * 10, 10),
      });
    }
  }
  return features;
}

function expectPlanDeskError(fn: () => unknown, code: string, message?: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PlanDeskError);
    expect((error as PlanDeskError).code).toBe(code);
    if (message) expect((error as PlanDeskError).message).toMatch(message);
    return;
  }
  throw new Error(`expected a PlanDeskError ${code}, nothing was thrown`);
}

const open: Project[] = [];
afterEach(() => {
  while (open.length) open.pop()?.close();
});
function track(project: Project): Project {
  open.push(project);
  return project;
}

describe('creating a project', () => {
  it('writes a SpatiaLite file in WAL mode marked as PlanDesk, with every layer in the project CRS', () => {
    const file = freshFile();
    track(Project.create(file, { name: 'Thử nghiệm', province: 'Đồng Tháp', crsEpsg: 5897 }));
    const db = new Database(file, { readonly: true });
    db.loadExtension('mod_spatialite');
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const columns = db
      .prepare('SELECT f_table_name AS t, geometry_type AS g, srid, spatial_index_enabled AS idx FROM geometry_columns ORDER BY 1')
      .all() as { t: string; g: number; srid: number; idx: number }[];
    expect(columns.map((c) => c.t).sort()).toEqual(LAYERS.map((l) => l.id).sort());
    for (const c of columns) {
      expect(c.srid).toBe(5897);
      expect(c.idx).toBe(1);
      const layer = LAYERS.find((l) => l.id === c.t)!;
      expect(c.g).toBe({ Point: 1, LineString: 2, Polygon: 3 }[layer.geometryType]);
    }
    const zoningColumns = (db.prepare(`SELECT name FROM pragma_table_info('zoning')`).all() as { name: string }[]).map((r) => r.name);
    expect(zoningColumns).toEqual(
      expect.arrayContaining(['id', 'uuid', 'created_at', 'updated_at', 'updated_by', 'extra_attributes', 'geom', 'max_density_pct']),
    );
    db.close();
  });

  it('stores name, province and CRS', () => {
    const file = freshFile();
    const project = track(Project.create(file, { name: 'Khu A', province: 'Đồng Tháp', crsEpsg: 5897 }));
    expect(project.info()).toMatchObject({ name: 'Khu A', province: 'Đồng Tháp', crsEpsg: 5897, schemaVersion: SCHEMA_VERSION });
  });

  it('refuses to overwrite an existing file', () => {
    const file = freshFile();
    track(Project.create(file, { name: 'A', province: 'Đồng Tháp', crsEpsg: 5897 }));
    expectPlanDeskError(() => Project.create(file, { name: 'B', province: 'Đồng Tháp', crsEpsg: 5897 }), 'FILE_EXISTS', /already exists/);
  });
});

describe('features', () => {
  let file: string;
  beforeAll(() => {
    file = freshFile();
    const project = Project.create(file, { name: 'Lưới thửa', province: 'Đồng Tháp', crsEpsg: 5897 });
    expect(project.bulkInsert('parcels', parcelGrid(), { author: 'tester' })).toBe(400);
    project.bulkInsert('water_hydrants', [
      { properties: { code: 'TC-01', hydrant_type: 'pillar', diameter_mm: 100, status: 'existing' }, geometry: { type: 'Point', coordinates: [569005, 1156005] } },
      { properties: { code: 'TC-02' }, geometry: { type: 'Point', coordinates: [569150, 1156150] } },
    ]);
    project.close();
  });

  it('persist across reopening, with counts and extents', () => {
    const project = track(Project.open(file, { readonly: true }));
    expect(project.count('parcels')).toBe(400);
    expect(project.extent('parcels')).toEqual([569000, 1156000, 569200, 1156200]);
    expect(project.count('roads')).toBe(0);
    expect(project.extent('roads')).toBeNull();
    const summary = project.layers().find((l) => l.id === 'water_hydrants')!;
    expect(summary).toMatchObject({ featureCount: 2, geometryType: 'Point', srid: 5897 });
  });

  it('come back with typed attributes, geometry, uuid and bookkeeping', () => {
    const project = track(Project.open(file, { readonly: true }));
    const first = project.featureById('parcels', 1)!;
    expect(first.properties).toMatchObject({ sheet_no: 1, parcel_no: 1, address: 'Số 1 Nguyễn Huệ, Phường 1', area_m2: 100 });
    expect(first.geometry).toEqual(square(569000, 1156000, 10));
    expect(first.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.updatedBy).toBe('tester');
    expect(project.featureByUuid('parcels', first.uuid)?.fid).toBe(1);
    expect(project.featureByUuid('parcels', '00000000-0000-7000-8000-000000000000')).toBeUndefined();
  });

  it('are found by bounding box through the R*Tree (envelope and exact tests)', () => {
    const project = track(Project.open(file, { readonly: true }));
    // A box inside the 3×3 parcels at columns 2–4, rows 2–4, clear of their outer edges by 1 m
    // (the R*Tree keeps float32 bounds, rounded outwards, so edges exactly on the box are fuzzy).
    const bbox: [number, number, number, number] = [569021, 1156021, 569044, 1156044];
    const envelope = project.features('parcels', { bbox });
    expect(envelope.map((f) => f.properties.parcel_no).sort((a, b) => Number(a) - Number(b))).toEqual([
      43, 44, 45, 63, 64, 65, 83, 84, 85,
    ]);
    expect(project.count('parcels', { bbox })).toBe(9);
    expect(project.features('parcels', { bbox: [569001, 1156001, 569002, 1156002], bboxTest: 'exact' }).map((f) => f.properties.parcel_no)).toEqual([1]);
    expect(project.features('parcels', { bbox: [568000, 1155000, 568100, 1155100] })).toEqual([]);
  });

  it('never scan the whole table for a bounding-box query (the plan of the SQL the store compiles)', () => {
    const db = new Database(file, { readonly: true });
    db.loadExtension('mod_spatialite');
    const parcels = getLayer('parcels');
    const queries: FeatureQuery[] = [
      { bbox: [0, 0, 1, 1] },
      { bbox: [0, 0, 1, 1], bboxTest: 'exact', limit: 10 },
      { bbox: [0, 0, 1, 1], where: [{ field: 'land_law_code', op: '=', value: 'ODT' }], orderBy: { field: 'parcel_no' } },
    ];
    for (const query of queries) {
      for (const { sql, params } of [compileSelect(parcels, query, 5897), compileCount(parcels, query, 5897)]) {
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
        const details = plan.map((p) => p.detail).join(' | ');
        expect(details, sql).toMatch(/VIRTUAL TABLE INDEX/);
        expect(details, sql).not.toMatch(/SCAN t\b/);
      }
    }
    db.close();
  });

  it('are filtered by attributes, sorted and paged', () => {
    const project = track(Project.open(file, { readonly: true }));
    const sheet4 = { field: 'sheet_no', op: '=', value: 4 } as const;
    expect(project.count('parcels', { where: [sheet4] })).toBe(100);
    const found = project.features('parcels', { where: [sheet4, { field: 'parcel_no', op: '=', value: 400 }] });
    expect(found).toHaveLength(1);
    expect(project.count('parcels', { where: [{ field: 'land_law_code', op: 'in', value: ['TMD'] }] })).toBe(80);
    expect(project.count('parcels', { where: [{ field: 'address', op: 'like', value: '%Phường 2' }] })).toBe(140);
    expect(project.count('water_hydrants', { where: [{ field: 'status', op: 'is_null' }] })).toBe(1);
    const page = project.features('parcels', { orderBy: { field: 'parcel_no', descending: true }, limit: 3, offset: 1 });
    expect(page.map((f) => f.properties.parcel_no)).toEqual([399, 398, 397]);
    const combined = project.features('parcels', { bbox: [569000, 1156000, 569200, 1156200], where: [{ field: 'parcel_no', op: '<=', value: 2 }] });
    expect(combined).toHaveLength(2);
  });

  it('refuse unknown fields, operators and bad boxes with clear errors', () => {
    const project = track(Project.open(file, { readonly: true }));
    expectPlanDeskError(() => project.count('parcels', { where: [{ field: 'owner; DROP TABLE parcels', op: '=', value: 1 }] }), 'UNKNOWN_FIELD', /parcels has no field/);
    expectPlanDeskError(() => project.count('parcels', { bbox: [1, 2, 0, 3] }), 'INVALID_ARGUMENT', /min greater than max/);
    expectPlanDeskError(() => project.count('parcels', { bbox: [1, 2, Number.NaN, 3] }), 'INVALID_ARGUMENT');
    expectPlanDeskError(() => project.count('rivers'), 'UNKNOWN_LAYER', /no layer "rivers"/);
  });
});

describe('layer extent', () => {
  it('comes from the R*Tree root and contains the data within two float32 steps, also for a large layer', () => {
    const project = track(Project.create(freshFile(), { name: 'A', province: 'Đồng Tháp', crsEpsg: 5897 }));
    // Enough points for a tree several levels deep, at coordinates float32 cannot hold exactly.
    const points = Array.from({ length: 30_000 }, (_, i) => ({
      properties: { code: `TC-${i}` },
      geometry: { type: 'Point' as const, coordinates: [568000.3 + (i % 200) * 7.77, 1155000.7 + Math.floor(i / 200) * 9.13] },
    }));
    project.bulkInsert('water_hydrants', points);
    const xs = points.map((p) => p.geometry.coordinates[0]!);
    const ys = points.map((p) => p.geometry.coordinates[1]!);
    const truth = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    const extent = project.extent('water_hydrants')!;
    expect(extent[0]).toBeLessThanOrEqual(truth[0]!);
    expect(extent[1]).toBeLessThanOrEqual(truth[1]!);
    expect(extent[2]).toBeGreaterThanOrEqual(truth[2]!);
    expect(extent[3]).toBeGreaterThanOrEqual(truth[3]!);
    extent.forEach((v, i) => expect(Math.abs(v - truth[i]!)).toBeLessThan(0.3));
  });
});

describe('exact box test', () => {
  it('drops features whose envelope meets the box but whose geometry does not', () => {
    const project = track(Project.create(freshFile(), { name: 'A', province: 'Đồng Tháp', crsEpsg: 5897 }));
    const triangle = { type: 'Polygon' as const, coordinates: [[[569000, 1156000], [569100, 1156000], [569000, 1156100], [569000, 1156000]]] };
    project.bulkInsert('parcels', [{ properties: { sheet_no: 1, parcel_no: 1 }, geometry: triangle }]);
    const corner: [number, number, number, number] = [569080, 1156080, 569090, 1156090];
    expect(project.count('parcels', { bbox: corner })).toBe(1);
    expect(project.count('parcels', { bbox: corner, bboxTest: 'exact' })).toBe(0);
    expect(project.count('parcels', { bbox: [569010, 1156010, 569020, 1156020], bboxTest: 'exact' })).toBe(1);
  });
});

describe('writing is all or nothing', () => {
  it('rejects a batch with one bad feature and changes nothing', () => {
    const file = freshFile();
    const project = track(Project.create(file, { name: 'A', province: 'Đồng Tháp', crsEpsg: 5897 }));
    const batch = parcelGrid().slice(0, 5);
    const bad = [...batch, { properties: { sheet_no: 'mười', parcel_no: 7 }, geometry: square(0, 0, 1) }];
    expectPlanDeskError(() => project.bulkInsert('parcels', bad), 'INVALID_FEATURE', /Layer parcels, feature #6/);
    expect(project.count('parcels')).toBe(0);
    const wrongType = [{ properties: { sheet_no: 1, parcel_no: 1 }, geometry: { type: 'Point' as const, coordinates: [0, 0] } }];
    expectPlanDeskError(() => project.bulkInsert('parcels', wrongType), 'INVALID_FEATURE', /expected a Polygon/);
    const updatedAt = project.info().updatedAt;
    expect(project.bulkInsert('parcels', batch)).toBe(5);
    expect(project.info().updatedAt >= updatedAt).toBe(true);
  });

  it('refuses a duplicate uuid', () => {
    const project = track(Project.create(freshFile(), { name: 'A', province: 'Đồng Tháp', crsEpsg: 5897 }));
    const feature = { ...parcelGrid()[0]!, uuid: '0190f5a2-7c3e-7abc-8def-0123456789ab' };
    project.bulkInsert('parcels', [feature]);
    expectPlanDeskError(() => project.bulkInsert('parcels', [feature]), 'INVALID_FEATURE', /already exists/);
    expect(project.count('parcels')).toBe(1);
  });

  it('refuses writes on a read-only project', () => {
    const file = freshFile();
    Project.create(file, { name: 'A', province: 'Đồng Tháp', crsEpsg: 5897 }).close();
    const project = track(Project.open(file, { readonly: true }));
    expectPlanDeskError(() => project.bulkInsert('parcels', parcelGrid().slice(0, 1)), 'READ_ONLY');
  });
});

describe('opening files that are not right', () => {
  it('names a missing file', () => {
    expectPlanDeskError(() => Project.open(join(dir, 'nowhere.plandesk.sqlite')), 'FILE_NOT_FOUND', /nowhere\.plandesk\.sqlite/);
  });

  it('says a file of random bytes is damaged or not a database', () => {
    const file = join(dir, 'garbage.plandesk.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    expectPlanDeskError(() => Project.open(file), 'FILE_CORRUPT', /garbage\.plandesk\.sqlite is damaged or is not a SQLite database/);
  });

  it('says a truncated project is damaged', () => {
    const file = freshFile();
    const project = Project.create(file, { name: 'A', province: 'Đồng Tháp', crsEpsg: 5897 });
    project.bulkInsert('parcels', parcelGrid());
    project.close();
    // Keep the header and a few pages only: the schema is there, the data pages are not.
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, 4096 * 3));
    expect(() => {
      const p = Project.open(file, { readonly: true });
      try {
        p.count('parcels');
        p.features('parcels');
      } finally {
        p.close();
      }
    }).toThrow(/damaged|not a SQLite database/);
  });

  it('says a SQLite file from elsewhere is not a PlanDesk project', () => {
    const file = join(dir, 'other.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE t (a)');
    db.close();
    expectPlanDeskError(() => Project.open(file), 'NOT_A_PROJECT', /other\.sqlite is a SQLite database but not a PlanDesk project/);
  });

  it('refuses a file from a newer PlanDesk', () => {
    const file = freshFile();
    Project.create(file, { name: 'A', province: 'Đồng Tháp', crsEpsg: 5897 }).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expectPlanDeskError(() => Project.open(file), 'SCHEMA_TOO_NEW', /newer PlanDesk/);
  });

  it('says when another program holds the file locked', () => {
    const file = freshFile();
    Project.create(file, { name: 'A', province: 'Đồng Tháp', crsEpsg: 5897 }).close();
    const other = new Database(file);
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE; CREATE TABLE lock_holder (a); COMMIT;');
    try {
      expectPlanDeskError(() => Project.open(file), 'FILE_LOCKED', /is locked by another program/);
    } finally {
      other.close();
    }
    // Once the other program lets go, the file opens.
    track(Project.open(file));
  });

  it('says clearly when SpatiaLite cannot be loaded', () => {
    const file = freshFile();
    const previous = process.env.PLANDESK_SPATIALITE;
    process.env.PLANDESK_SPATIALITE = '/nonexistent/mod_spatialite';
    try {
      expectPlanDeskError(
        () => Project.create(file, { name: 'A', province: 'Đồng Tháp', crsEpsg: 5897 }),
        'SPATIALITE_MISSING',
        /SpatiaLite extension .* could not be loaded — install it with "sudo apt-get install libsqlite3-mod-spatialite"/,
      );
      expect(existsSync(file)).toBe(false);
    } finally {
      if (previous === undefined) delete process.env.PLANDESK_SPATIALITE;
      else process.env.PLANDESK_SPATIALITE = previous;
    }
  });
});
