/**
 * The edit, undo/redo and validation endpoints over real HTTP against a real project file:
 * what a good batch does (topology and derived values included), that bad payloads get 400
 * and change nothing, undo/redo and history, the kiosk and read-only servers refusing writes.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, EditBatchDetail, EditHistory, EditResult, ValidationReport } from '../../gis-core/api/contract.js';
import { createHttpClient } from '../../gis-core/api/http-client.js';
import { ApiError } from '../../gis-core/api/wire.js';
import { serveProject, type ServedProject } from '../../gis-core/server/serve-project.js';
import { newUuid } from '../../gis-core/util/uuid.js';
import { ORIGIN, buildFixtureProject } from '../helpers/api-fixture.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-edit-http-');
const fixture = buildFixtureProject('edit-http');
function copy(name: string): string {
  const file = join(dir, `${name}.plandesk.sqlite`);
  copyFileSync(fixture, file);
  return file;
}

let served: ServedProject;
let base: string;
beforeAll(async () => {
  served = await serveProject({ file: copy('main'), port: 0 });
  base = served.url;
});
afterAll(async () => {
  await served.close();
});

async function post(path: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${base}${path.replace(/^\//, '')}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

async function get<T>(path: string): Promise<{ status: number; json: T }> {
  const response = await fetch(`${base}${path.replace(/^\//, '')}`);
  return { status: response.status, json: (await response.json()) as T };
}

const manhole = (uuid: string, x: number, y: number) => ({
  op: 'insert' as const,
  layer: 'drainage_manholes' as const,
  uuid,
  properties: { kind: 'manhole', system: 'combined', rim_level_m: 2.5, invert_level_m: 1.0 },
  geometry: { type: 'Point' as const, coordinates: [x, y] },
});

describe('POST /api/edits', () => {
  it('applies a batch: derived values filled, pipe ends snapped to manholes and dragged with them', async () => {
    const [m1, m2, pipe] = [newUuid(), newUuid(), newUuid()];
    const x = ORIGIN[0] + 300;
    const y = ORIGIN[1] + 300;
    const created = await post('/api/edits', {
      message: 'Vẽ cống D600',
      operations: [
        manhole(m1, x, y),
        manhole(m2, x + 40, y),
        {
          op: 'insert',
          layer: 'drainage_pipes',
          uuid: pipe,
          // Ends 2 cm off the manholes: snapped onto them.
          properties: { system: 'combined', diameter_mm: 600, upstream_invert_m: 1.2, downstream_invert_m: 1.0 },
          geometry: { type: 'LineString', coordinates: [[x + 0.02, y], [x + 40, y - 0.02]] },
        },
      ],
    });
    expect(created.status).toBe(200);
    const result = created.json as EditResult;
    expect(result.changes.map((c) => c.uuid).sort()).toEqual([m1, m2, pipe].sort());
    expect(result).toMatchObject({ canUndo: true, canRedo: false, undoMessage: 'Vẽ cống D600' });

    const stored = (await get<{ geometry: { coordinates: number[][] }; properties: Record<string, unknown> }>(`/api/layers/drainage_pipes/features/${pipe}`)).json;
    expect(stored.geometry.coordinates).toEqual([[x, y], [x + 40, y]]);
    expect(stored.properties).toMatchObject({ length_m: 40, upstream_manhole: m1, downstream_manhole: m2 });
    expect(stored.properties.slope_pct).toBeCloseTo(0.5, 6);

    // Move the downstream manhole: the pipe's end follows, in the same batch.
    const moved = await post('/api/edits', {
      operations: [{ op: 'update', layer: 'drainage_manholes', uuid: m2, geometry: { type: 'Point', coordinates: [x + 50, y + 10] } }],
    });
    expect(moved.status).toBe(200);
    expect((moved.json as EditResult).changes).toEqual(
      expect.arrayContaining([
        { layer: 'drainage_manholes', uuid: m2, op: 'update' },
        { layer: 'drainage_pipes', uuid: pipe, op: 'update' },
      ]),
    );
    const after = (await get<{ geometry: { coordinates: number[][] } }>(`/api/layers/drainage_pipes/features/${pipe}`)).json;
    expect(after.geometry.coordinates).toEqual([[x, y], [x + 50, y + 10]]);

    // Undo puts the pipe back with its manhole; redo moves both again.
    const undone = await post('/api/edits/undo', {});
    expect(undone.status).toBe(200);
    expect((await get<{ geometry: { coordinates: number[][] } }>(`/api/layers/drainage_pipes/features/${pipe}`)).json.geometry.coordinates).toEqual([
      [x, y],
      [x + 40, y],
    ]);
    expect((await post('/api/edits/redo', {})).status).toBe(200);
    expect((await get<{ geometry: { coordinates: number[][] } }>(`/api/layers/drainage_pipes/features/${pipe}`)).json.geometry.coordinates).toEqual([
      [x, y],
      [x + 50, y + 10],
    ]);
  });

  it('takes geometries in another CRS (EPSG:4326) and stores them in the project CRS', async () => {
    const uuid = newUuid();
    const response = await post('/api/edits', {
      crs: 'EPSG:4326',
      operations: [{ op: 'insert', layer: 'water_hydrants', uuid, properties: { hydrant_type: 'pillar' }, geometry: { type: 'Point', coordinates: [105.63, 10.46] } }],
    });
    expect(response.status).toBe(200);
    const stored = (await get<{ geometry: { coordinates: number[] } }>(`/api/layers/water_hydrants/features/${uuid}`)).json;
    expect(stored.geometry.coordinates[0]).toBeGreaterThan(500_000);
    expect(stored.geometry.coordinates[1]).toBeGreaterThan(1_000_000);
  });

  it('refuses bad payloads with 400 and changes nothing', async () => {
    const before = (await get<EditHistory>('/api/edits')).json;
    const count = async () => ((await get<{ numberMatched: number }>('/api/layers/water_hydrants/features?limit=1')).json).numberMatched;
    const hydrants = await count();
    const good = { op: 'insert', layer: 'water_hydrants', properties: { hydrant_type: 'pillar' }, geometry: { type: 'Point', coordinates: [ORIGIN[0], ORIGIN[1]] } };
    const bad: [string, unknown, string?][] = [
      ['not JSON', '{"operations": ['],
      ['wrong content type', JSON.stringify({ operations: [good] }), 'text/plain'],
      ['not an object', [1, 2]],
      ['no operations', { operations: [] }],
      ['unknown op', { operations: [good, { op: 'explode', layer: 'roads' }] }],
      ['unknown layer', { operations: [good, { ...good, layer: 'castles' }] }],
      ['unknown member', { operations: [good], colour: 'red' }],
      ['bad uuid', { operations: [good, { op: 'delete', layer: 'roads', uuid: '42' }] }],
      ['missing feature', { operations: [good, { op: 'delete', layer: 'roads', uuid: newUuid() }] }],
      ['wrong geometry type', { operations: [good, { ...good, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }] }],
      ['NaN coordinates', { operations: [good, { ...good, geometry: { type: 'Point', coordinates: ['x', 0] } }] }],
      ['bad attribute', { operations: [good, { ...good, properties: { hydrant_type: 'golden' } }] }],
      ['unknown field', { operations: [good, { ...good, properties: { colour: 'red' } }] }],
      ['split a polygon layer as a line', { operations: [good, { op: 'splitLine', layer: 'parcels', uuid: newUuid(), at: [0, 0] }] }],
      ['unknown CRS', { operations: [good], crs: 'EPSG:999999' }],
    ];
    for (const [what, body, type] of bad) {
      const response = await post('/api/edits', body, type);
      expect(response.status, what).toBe(400);
      expect((response.json as ApiErrorBody).error.message, what).toBeTruthy();
    }
    expect(await count()).toBe(hydrants);
    expect((await get<EditHistory>('/api/edits')).json.entries.length).toBe(before.entries.length);
  });

  it('lists the history and one batch with before and after', async () => {
    const client = createHttpClient({ baseUrl: base });
    const parcel = (await client.features('parcels', { limit: 1 })).features[0]!;
    const result = await client.editApply({ message: 'Đổi địa chỉ', operations: [{ op: 'update', layer: 'parcels', uuid: parcel.id, properties: { address: 'Số 1 Lý Thường Kiệt' } }] });
    const history = await client.editHistory({ limit: 5 });
    expect(history.entries[0]).toMatchObject({ batchId: result.batchId, kind: 'edit', state: 'applied', message: 'Đổi địa chỉ', changeCount: 1, layers: ['parcels'] });
    const detail: EditBatchDetail = await client.editBatch(result.batchId);
    expect(detail.changes[0]).toMatchObject({ op: 'update', uuid: parcel.id });
    expect(detail.changes[0]?.before?.properties.address).toBe(parcel.properties.address);
    expect(detail.changes[0]?.after?.properties.address).toBe('Số 1 Lý Thường Kiệt');
    await expect(client.editBatch(999_999)).rejects.toMatchObject({ code: 'UNKNOWN_BATCH', status: 404 });
    expect((await get('/api/edits/abc')).status).toBe(400);
  });

  it('says when there is nothing to undo or redo (409)', async () => {
    const other = await serveProject({ file: copy('empty-history'), port: 0 });
    try {
      const client = createHttpClient({ baseUrl: other.url });
      await expect(client.editUndo()).rejects.toMatchObject({ code: 'NOTHING_TO_UNDO', status: 409 });
      await expect(client.editRedo()).rejects.toMatchObject({ code: 'NOTHING_TO_REDO', status: 409 });
    } finally {
      await other.close();
    }
  });

  it('a read-only server refuses edits (409), a kiosk server does not offer them (405/404)', async () => {
    const readonly = await serveProject({ file: copy('readonly'), port: 0, readonly: true });
    const kiosk = await serveProject({ file: copy('kiosk'), port: 0, access: 'read' });
    try {
      const batch = { operations: [{ op: 'delete', layer: 'roads', uuid: newUuid() }] };
      const refused = await createHttpClient({ baseUrl: readonly.url }).editApply(batch as never).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).status).toBe(409);
      const kioskResponse = await fetch(`${kiosk.url}api/edits`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(batch) });
      expect([404, 405]).toContain(kioskResponse.status);
      expect([404, 405]).toContain((await fetch(`${kiosk.url}api/edits/undo`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status);
    } finally {
      await readonly.close();
      await kiosk.close();
    }
  });
});

describe('GET /api/validation', () => {
  it('returns a report and refuses unknown layers and parameters', async () => {
    const report = await get<ValidationReport>('/api/validation?layers=zoning,parcels');
    expect(report.status).toBe(200);
    expect(report.json).toMatchObject({ counts: expect.any(Object), findings: expect.any(Array) });
    expect((await get('/api/validation?layers=castles')).status).toBe(404);
    expect((await get('/api/validation?colour=red')).status).toBe(400);
    expect((await get('/api/validation?bbox=1,2,3')).status).toBe(400);
    // A parcel with a self-intersecting outline (a bow tie) is found in the box asked.
    const uuid = newUuid();
    const [bx, by] = [ORIGIN[0] + 1000, ORIGIN[1] + 1000];
    await post('/api/edits', {
      operations: [
        {
          op: 'insert',
          layer: 'parcels',
          uuid,
          properties: { sheet_no: 99, parcel_no: 1, land_law_code: 'ODT', area_m2: 100 },
          geometry: { type: 'Polygon', coordinates: [[[bx, by], [bx + 10, by + 10], [bx + 10, by], [bx, by + 10], [bx, by]]] },
        },
      ],
    });
    const boxed = await get<ValidationReport>(`/api/validation?bbox=${ORIGIN[0] + 990},${ORIGIN[1] + 990},${ORIGIN[0] + 1020},${ORIGIN[1] + 1020}`);
    expect(boxed.status).toBe(200);
    expect(boxed.json.findings).toEqual([expect.objectContaining({ rule: 'INVALID_POLYGON', layerId: 'parcels', uuid, severity: 'error' })]);
  });
});
