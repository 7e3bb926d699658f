/**
 * The HTTP transport against a real project file and a real server on 127.0.0.1 (port 0):
 * every endpoint, the GeoJSON shape, bbox and CRS handling, limits, search, errors, the token
 * rule, and static files (content types, SPA fallback, no way out of the folder).
 */
import { Command } from 'commander';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LAYERS } from '../../layers/index.js';
import { createHttpClient } from '../../gis-core/api/http-client.js';
import type { ApiErrorBody, ApiFeatureCollection, ApiFeatureDetail, LayerInfo, SearchResult } from '../../gis-core/api/contract.js';
import { ApiError } from '../../gis-core/api/wire.js';
import { registerServeCommand } from '../../gis-core/cli/commands/serve.js';
import { transformPoint } from '../../gis-core/crs/transform.js';
import { describeProject } from '../../gis-core/project/describe.js';
import { serveProject, type ServedProject } from '../../gis-core/server/serve-project.js';
import { startServer } from '../../gis-core/server/server.js';
import { PlanDeskService } from '../../gis-core/api/service.js';
import { Project } from '../../gis-core/store/project.js';
import { buildFixtureProject, ORIGIN } from '../helpers/api-fixture.js';
import { tempDir } from '../helpers/temp.js';

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
  json<T = unknown>(): T;
}

/** A request with the path sent exactly as given (fetch would normalise '/../'), no automatic gunzip. */
function raw(baseUrl: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(body).toString('utf8') : body.toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json: <T>() => JSON.parse(text) as T });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const file = buildFixtureProject();
const renderer = join(tempDir('plandesk-renderer-'), 'site');
let served: ServedProject;
let base: string;
const get = (path: string, headers?: Record<string, string>) => raw(base, path, headers ? { headers } : {});

function expectError(response: RawResponse, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json<ApiErrorBody>();
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
}

/** Parcel 345 of sheet 12 is the square (569050, 1156040)–(569060, 1156050). */
const PARCEL_345 = [ORIGIN[0] + 50, ORIGIN[1] + 40, ORIGIN[0] + 60, ORIGIN[1] + 50] as const;

beforeAll(async () => {
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>PlanDesk test</title><div id="root"></div>');
  writeFileSync(join(renderer, 'assets', 'app-1a2b.js'), 'console.log("plandesk")');
  writeFileSync(join(renderer, 'assets', 'app-1a2b.css'), 'body{margin:0}');
  writeFileSync(join(renderer, '.env'), 'SECRET=hidden-dotfile');
  writeFileSync(join(renderer, '..', 'outside.txt'), 'SECRET=outside-the-renderer');
  symlinkSync(join(renderer, '..', 'outside.txt'), join(renderer, 'assets', 'link.txt'));
  served = await serveProject({ file, port: 0, rendererDir: renderer });
  base = served.url;
});

afterAll(async () => {
  await served.close();
});

describe('serve: the API', () => {
  it('listens on 127.0.0.1 and says where', () => {
    expect(served.host).toBe('127.0.0.1');
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('GET /api/project is the document of plandesk info --json', async () => {
    const response = await get('/api/project');
    expect(response.status).toBe(200);
    const project = Project.open(file, { readonly: true });
    try {
      expect(response.json()).toEqual(JSON.parse(JSON.stringify(describeProject(project))));
    } finally {
      project.close();
    }
    expect(response.json<{ crs: { code: string } }>().crs.code).toBe('EPSG:5897');
  });

  it('GET /api/layers gives what a legend, a form and a table need', async () => {
    const response = await get('/api/layers');
    expect(response.status).toBe(200);
    const layers = response.json<LayerInfo[]>();
    expect(layers.map((l) => l.id)).toEqual(LAYERS.map((l) => l.id));
    const parcels = layers.find((l) => l.id === 'parcels');
    expect(parcels).toMatchObject({
      label: { vi: 'Thửa đất địa chính', en: 'Cadastral parcels' },
      group: { id: 'cadastre', label: { vi: 'Địa chính – Công trình' } },
      geometryType: 'Polygon',
      featureCount: 100,
      srid: 5897,
      extent: [ORIGIN[0], ORIGIN[1], ORIGIN[0] + 100, ORIGIN[1] + 100],
      style: { kind: 'single' },
    });
    const landLaw = parcels?.fields.find((f) => f.key === 'land_law_code');
    expect(landLaw?.label.vi).toBe('Loại đất');
    expect(landLaw?.codeList?.entries.find((e) => e.code === 'ODT')?.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(parcels?.fields.find((f) => f.key === 'area_m2')?.unit).toBe('m²');
    expect(layers.find((l) => l.id === 'roads')?.featureCount).toBe(6);
    expect(layers.find((l) => l.id === 'zoning')).toMatchObject({ featureCount: 0, extent: null, drawOrder: 0 });
  });

  it('GET /api/layers/{id}/features returns the GeoJSON of the features in the box', async () => {
    const inside = [PARCEL_345[0] + 1, PARCEL_345[1] + 1, PARCEL_345[2] - 1, PARCEL_345[3] - 1];
    const response = await get(`/api/layers/parcels/features?bbox=${inside.join(',')}`);
    expect(response.status).toBe(200);
    const collection = response.json<ApiFeatureCollection>();
    expect(collection).toMatchObject({
      type: 'FeatureCollection',
      layerId: 'parcels',
      crs: 'EPSG:5897',
      numberMatched: 1,
      numberReturned: 1,
      truncated: false,
      limit: 5000,
      offset: 0,
    });
    const [feature] = collection.features;
    expect(feature?.type).toBe('Feature');
    expect(feature?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(typeof feature?.fid).toBe('number');
    expect(Object.keys(feature?.properties ?? {}).sort()).toEqual(LAYERS.find((l) => l.id === 'parcels')?.fields.map((f) => f.key).sort());
    expect(feature?.properties).toMatchObject({ sheet_no: 12, parcel_no: 345, ward: 'Phường 1' });
    expect(feature?.geometry).toEqual({
      type: 'Polygon',
      coordinates: [[[569050, 1156040], [569060, 1156040], [569060, 1156050], [569050, 1156050], [569050, 1156040]]],
    });

    // A box over the corner of four parcels gets the four; one far away gets none.
    const corner = await get(`/api/layers/parcels/features?bbox=${PARCEL_345[2] - 2},${PARCEL_345[3] - 2},${PARCEL_345[2] + 2},${PARCEL_345[3] + 2}`);
    expect(corner.json<ApiFeatureCollection>().features.map((f) => f.properties.parcel_no).sort()).toEqual([345, 346, 355, 356]);
    const empty = await get('/api/layers/parcels/features?bbox=0,0,10,10');
    expect(empty.json<ApiFeatureCollection>()).toMatchObject({ features: [], numberMatched: 0, numberReturned: 0, truncated: false });
  });

  it('crs=EPSG:4326 takes the box in WGS 84 and returns geometries that agree with transformPoint', async () => {
    const sw = transformPoint([PARCEL_345[0] + 2, PARCEL_345[1] + 2], 'EPSG:5897', 'EPSG:4326');
    const ne = transformPoint([PARCEL_345[2] - 2, PARCEL_345[3] - 2], 'EPSG:5897', 'EPSG:4326');
    const response = await get(`/api/layers/parcels/features?bbox=${sw[0]},${sw[1]},${ne[0]},${ne[1]}&crs=EPSG:4326`);
    expect(response.status).toBe(200);
    const collection = response.json<ApiFeatureCollection>();
    expect(collection.crs).toBe('EPSG:4326');
    expect(collection.features.map((f) => f.properties.parcel_no)).toEqual([345]);
    const ring = (collection.features[0]?.geometry as unknown as { coordinates: number[][][] }).coordinates[0] ?? [];
    const expected = [[569050, 1156040], [569060, 1156040], [569060, 1156050], [569050, 1156050], [569050, 1156040]].map((p) =>
      transformPoint(p, 'EPSG:5897', 'EPSG:4326'),
    );
    expect(ring).toHaveLength(5);
    ring.forEach((point, i) => {
      expect(point[0]).toBeCloseTo(expected[i]?.[0] ?? NaN, 10);
      expect(point[1]).toBeCloseTo(expected[i]?.[1] ?? NaN, 10);
    });
    // Cao Lãnh is near 105.6° E, 10.45° N.
    expect(ring[0]?.[0]).toBeGreaterThan(105.5);
    expect(ring[0]?.[1]).toBeGreaterThan(10.3);
  });

  it('limit cuts the result and says so; offset pages', async () => {
    const cut = (await get('/api/layers/parcels/features?limit=10')).json<ApiFeatureCollection>();
    expect(cut).toMatchObject({ numberMatched: 100, numberReturned: 10, truncated: true, limit: 10 });
    expect(cut.features).toHaveLength(10);
    const all = (await get('/api/layers/parcels/features?limit=100')).json<ApiFeatureCollection>();
    expect(all).toMatchObject({ numberMatched: 100, numberReturned: 100, truncated: false });
    const last = (await get('/api/layers/parcels/features?limit=10&offset=95&orderBy=-parcel_no')).json<ApiFeatureCollection>();
    expect(last).toMatchObject({ numberMatched: 100, numberReturned: 5, truncated: false, offset: 95 });
    expect(last.features.map((f) => f.properties.parcel_no)).toEqual([304, 303, 302, 301, 300]);
    const beyond = (await get('/api/layers/parcels/features?offset=500')).json<ApiFeatureCollection>();
    expect(beyond).toMatchObject({ numberMatched: 100, numberReturned: 0, truncated: false });
    const where = encodeURIComponent(JSON.stringify([{ field: 'land_law_code', op: '=', value: 'TMD' }]));
    const filtered = (await get(`/api/layers/parcels/features?where=${where}`)).json<ApiFeatureCollection>();
    expect(filtered.numberMatched).toBe(20);
    expectError(await get('/api/layers/parcels/features?limit=50001'), 400, 'INVALID_ARGUMENT');
    expectError(await get('/api/layers/parcels/features?limit=0'), 400, 'INVALID_ARGUMENT');
  });

  it('gzips JSON for clients that accept it', async () => {
    const zipped = await get('/api/layers/parcels/features?limit=100', { 'Accept-Encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(zipped.text.length);
    expect(JSON.parse(zipped.text)).toMatchObject({ numberReturned: 100 });
    const plain = await get('/api/layers/parcels/features?limit=100');
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('GET /api/layers/{id}/features/{uuid} returns one feature with its bookkeeping', async () => {
    const [first] = (await get('/api/layers/roads/features?limit=1')).json<ApiFeatureCollection>().features;
    const response = await get(`/api/layers/roads/features/${first?.id ?? ''}`);
    expect(response.status).toBe(200);
    const detail = response.json<ApiFeatureDetail>();
    expect(detail).toMatchObject({ type: 'Feature', id: first?.id, layerId: 'roads', crs: 'EPSG:5897', properties: { name: 'Nguyễn Huệ' } });
    expect(detail.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const wgs = (await get(`/api/layers/roads/features/${first?.id ?? ''}?crs=EPSG:4326`)).json<ApiFeatureDetail>();
    expect((wgs.geometry as unknown as { coordinates: number[][] }).coordinates[0]?.[0]).toBeCloseTo(
      transformPoint([ORIGIN[0], ORIGIN[1] + 120], 5897, 4326)[0] ?? NaN,
      10,
    );
  });

  it('GET /api/search finds a parcel by tờ/thửa and a road by its name without accents', async () => {
    for (const q of ['tờ 12 thửa 345', '12/345', 'to 12 thua 345', 'Thửa 345 tờ 12', 'sheet 12 parcel 345']) {
      const result = (await get(`/api/search?q=${encodeURIComponent(q)}`)).json<SearchResult>();
      expect(result.understood, q).toMatchObject({ sheet: 12, parcel: 345 });
      expect(result.hits, q).toHaveLength(1);
      expect(result.hits[0]).toMatchObject({ kind: 'parcel', layerId: 'parcels', title: { vi: 'Tờ 12, thửa 345' }, bbox: [...PARCEL_345] });
    }
    const road = (await get(`/api/search?q=${encodeURIComponent('nguyen hue')}`)).json<SearchResult>();
    expect(road.hits).toHaveLength(1);
    expect(road.hits[0]).toMatchObject({
      kind: 'road',
      layerId: 'roads',
      title: { vi: 'Nguyễn Huệ' },
      featureCount: 3,
      bbox: [ORIGIN[0], ORIGIN[1] + 120, ORIGIN[0] + 120, ORIGIN[1] + 120],
    });
    const both = (await get('/api/search?q=NGUYEN')).json<SearchResult>();
    expect(both.hits.map((h) => h.title.vi).sort()).toEqual(['Nguyễn Huệ', 'Nguyễn Trãi']);
    const street = (await get(`/api/search?q=${encodeURIComponent('đường lê lợi')}`)).json<SearchResult>();
    expect(street.hits.map((h) => h.title.vi)).toEqual(['Lê Lợi']);
    const sheet = (await get(`/api/search?q=${encodeURIComponent('tờ 13')}&limit=5`)).json<SearchResult>();
    expect(sheet).toMatchObject({ truncated: true });
    expect(sheet.hits.map((h) => h.title.vi)).toEqual(['Tờ 13, thửa 350', 'Tờ 13, thửa 351', 'Tờ 13, thửa 352', 'Tờ 13, thửa 353', 'Tờ 13, thửa 354']);
    const none = (await get('/api/search?q=kh%C3%B4ng%20c%C3%B3')).json<SearchResult>();
    expect(none.hits).toEqual([]);
    expectError(await get('/api/search'), 400, 'INVALID_ARGUMENT');
  });

  it('GET /api/crs lists the registry with proj4 definitions', async () => {
    const list = (await get('/api/crs')).json<{ code: string; proj4: string }[]>();
    expect(list.find((c) => c.code === 'EPSG:5897')?.proj4).toContain('+towgs84=-191.90441429');
    expect(list.map((c) => c.code)).toContain('EPSG:4326');
  });

  it('answers bad parameters with 400 and a JSON error', async () => {
    for (const bbox of ['1,2,3', 'a,b,c,d', '10,10,0,0', '1,2,3,4,5', '1,,3,4']) {
      expectError(await get(`/api/layers/parcels/features?bbox=${bbox}`), 400, 'INVALID_ARGUMENT');
    }
    expectError(await get('/api/layers/parcels/features?crs=EPSG:9999'), 400, 'UNKNOWN_CRS');
    expectError(await get('/api/layers/parcels/features?crs=wgs84'), 400, 'UNKNOWN_CRS');
    expectError(await get('/api/layers/parcels/features?limit=ten'), 400, 'INVALID_ARGUMENT');
    expectError(await get('/api/layers/parcels/features?limit=-5'), 400, 'INVALID_ARGUMENT');
    expectError(await get('/api/layers/parcels/features?box=1,2,3,4'), 400, 'INVALID_ARGUMENT');
    expectError(await get('/api/layers/parcels/features?orderBy=nope'), 400, 'UNKNOWN_FIELD');
    expectError(await get('/api/layers/parcels/features?where=%7Bnot%20json'), 400, 'INVALID_ARGUMENT');
    expectError(await get('/api/layers/parcels/features/not-a-uuid'), 400, 'INVALID_ARGUMENT');
    expectError(await get('/api/layers/parcels/features/%E0%A4%A'), 400, 'INVALID_ARGUMENT');
  });

  it('answers unknown layers, features and routes with 404', async () => {
    expectError(await get('/api/layers/nope/features?bbox=0,0,1,1'), 404, 'UNKNOWN_LAYER');
    expectError(await get('/api/layers/nope/features/01900000-0000-7000-8000-000000000000'), 404, 'UNKNOWN_LAYER');
    expectError(await get('/api/layers/parcels/features/01900000-0000-7000-8000-000000000000'), 404, 'UNKNOWN_FEATURE');
    expectError(await get('/api/nope'), 404, 'NOT_FOUND');
    expectError(await get('/api/layers/parcels'), 404, 'NOT_FOUND');
    expectError(await get('/api'), 404, 'NOT_FOUND');
  });

  it('answers other methods with 405 and the allowed one', async () => {
    const post = await raw(base, '/api/layers', { method: 'POST' });
    expectError(post, 405, 'METHOD_NOT_ALLOWED');
    expect(post.headers.allow).toBe('GET');
    expectError(await raw(base, '/api/layers/parcels/features/01900000-0000-7000-8000-000000000000', { method: 'DELETE' }), 405, 'METHOD_NOT_ALLOWED');
    const put = await raw(base, '/index.html', { method: 'PUT' });
    expect(put.status).toBe(405);
  });

  it('refuses a Host that is not loopback when there is no token (DNS rebinding)', async () => {
    expectError(await get('/api/project', { Host: 'evil.example:80' }), 401, 'UNAUTHORIZED');
    expect((await get('/api/project', { Host: `localhost:${served.port}` })).status).toBe(200);
  });

  it('the HTTP client implements the contract over these routes', async () => {
    const client = createHttpClient({ baseUrl: base });
    expect((await client.project()).name).toBe('Dự án thử API');
    const found = await client.features('parcels', { bbox: [...PARCEL_345], limit: 3, orderBy: { field: 'parcel_no' } });
    expect(found).toMatchObject({ numberReturned: 3, truncated: true });
    expect((await client.search('12/345')).hits[0]?.title.vi).toBe('Tờ 12, thửa 345');
    const uuid = found.features[0]?.id ?? '';
    expect((await client.feature('parcels', uuid, { crs: 'EPSG:4326' })).crs).toBe('EPSG:4326');
    await expect(client.features('nope')).rejects.toMatchObject({ name: 'ApiError', code: 'UNKNOWN_LAYER', status: 404 });
    await expect(client.features('parcels', { limit: 0 })).rejects.toBeInstanceOf(ApiError);
  });
});

describe('serve: static files', () => {
  it('serves the renderer with content types and a strict CSP', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.text).toContain('PlanDesk test');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    const js = await get('/assets/app-1a2b.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
    expect(js.text).toBe('console.log("plandesk")');
    expect((await get('/assets/app-1a2b.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('falls back to index.html for app routes, never lists a folder, 404s a missing asset', async () => {
    for (const path of ['/map/parcels', '/assets', '/assets/', '/?lang=en']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.text, path).toContain('PlanDesk test');
    }
    expect((await get('/assets/missing-0000.js')).status).toBe(404);
  });

  it('serves nothing outside the renderer folder, nor hidden files', async () => {
    for (const path of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/..%2foutside.txt',
      '/assets/..%2f..%2foutside.txt',
      '/assets/%2e%2e/%2e%2e/outside.txt',
      '/..\\outside.txt',
      '/assets/link.txt',
      '/.env',
      '/assets/%00.js',
    ]) {
      const response = await get(path);
      expect(response.text, path).not.toContain('SECRET=');
      expect(response.status, path).not.toBe(500);
    }
  });

  it('with the default renderer folder, /../package.json is not served', async () => {
    const server = await startServer({ api: new PlanDeskService(served.project), port: 0 });
    try {
      for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/../../package.json']) {
        const response = await raw(server.url, path);
        expect(response.text, path).not.toContain('"name": "plandesk"');
        expect(response.text, path).not.toContain('"dependencies"');
      }
    } finally {
      await server.close();
    }
  });

  it('says the UI is not built when the renderer folder has no index.html', async () => {
    const server = await startServer({ api: new PlanDeskService(served.project), port: 0, rendererDir: join(renderer, 'assets') });
    try {
      const response = await raw(server.url, '/');
      expect(response.status).toBe(503);
      expect(response.text).toContain('npm run build');
      expect((await raw(server.url, '/api/crs')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('serve: access token', () => {
  it('will not listen on a non-loopback interface without a token', async () => {
    await expect(serveProject({ file, host: '0.0.0.0', port: 0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/without an access token/),
    });
  });

  it('with a token, API calls without it get 401; static files are served', async () => {
    const token = 'test-token-0123456789abcdef';
    const open = await serveProject({ file, host: '0.0.0.0', port: 0, token, rendererDir: renderer, readonly: true });
    const local = `http://127.0.0.1:${open.port}/`;
    try {
      expect(open.url).toBe(`http://0.0.0.0:${open.port}/`);
      const denied = await raw(local, '/api/project');
      expectError(denied, 401, 'UNAUTHORIZED');
      expect(denied.headers['www-authenticate']).toContain('Bearer');
      expectError(await raw(local, '/api/project', { headers: { Authorization: 'Bearer wrong-token-0123456789abc' } }), 401, 'UNAUTHORIZED');
      expectError(await raw(local, '/api/layers/nope/features'), 401, 'UNAUTHORIZED');
      expect((await raw(local, '/api/project', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await raw(local, `/api/layers/parcels/features?limit=1&token=${token}`)).status).toBe(200);
      expect((await raw(local, '/api/project', { headers: { Host: 'planning.example.vn' , Authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await raw(local, '/')).text).toContain('PlanDesk test');
      expect((await createHttpClient({ baseUrl: local, token }).layers()).length).toBe(13);
    } finally {
      await open.close();
    }
  });
});

describe('plandesk serve (the command)', () => {
  it('prints the URL, serves, and stops on SIGINT', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const program = new Command().exitOverride();
    registerServeCommand(program);
    const running = program.parseAsync(['serve', file, '--port', '0', '--read-only'], { from: 'user' });
    try {
      await vi.waitFor(() => expect(lines.join('')).toMatch(/http:\/\/127\.0\.0\.1:\d+\//), { timeout: 10_000 });
    } finally {
      spy.mockRestore();
    }
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(lines.join(''))?.[0] ?? '';
    expect(lines.join('')).toContain('Dự án thử API');
    expect((await raw(url, '/api/layers/roads/features?limit=1')).status).toBe(200);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      process.emit('SIGINT', 'SIGINT');
      await running;
    } finally {
      stderr.mockRestore();
    }
    await expect(raw(url, '/api/project')).rejects.toThrow();
  });

  it('refuses --host 0.0.0.0 without a token, naming the fix', async () => {
    const saved = process.env.PLANDESK_TOKEN;
    delete process.env.PLANDESK_TOKEN;
    try {
      const program = new Command().exitOverride();
      registerServeCommand(program);
      await expect(program.parseAsync(['serve', file, '--port', '0', '--host', '0.0.0.0'], { from: 'user' })).rejects.toThrow(/--token/);
    } finally {
      if (saved !== undefined) process.env.PLANDESK_TOKEN = saved;
    }
  });
});
