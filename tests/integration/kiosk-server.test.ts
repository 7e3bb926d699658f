/**
 * `plandesk serve --kiosk` as a real process (dist/): the route set is exactly the kiosk list
 * and everything else — every other API route in every verb, uploads, downloads, any non-API
 * POST, the office app — answers 404; the map's feature reads are capped; /api/project names no
 * path; a burst of requests is throttled with 429 + Retry-After and then passes again; the
 * planning sheet is a real PDF with the parcel and the disclaimer.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, type ApiMethodName } from '../../gis-core/api/contract.js';
import { API_ROUTES, fillPath, type HttpMethod } from '../../gis-core/api/wire.js';
import { buildRoutes } from '../../gis-core/server/routes.js';
import { Project } from '../../gis-core/store/project.js';
import { buildKioskFixture, STRADDLING, X0, Y0 } from '../helpers/kiosk-fixture.js';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process.js';
import { tempDir } from '../helpers/temp.js';

const KIOSK_METHODS = ['project', 'layers', 'features', 'crsList', 'planningCard', 'planningLookup', 'planningSheet'];
const VERBS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

let file: string;
let parcelUuid: string;
let server: ServeProcess;

beforeAll(async () => {
  file = buildKioskFixture();
  const project = Project.open(file, { readonly: true });
  parcelUuid = project.features('parcels', { where: [{ field: 'parcel_no', op: '=', value: STRADDLING.parcel }] })[0]!.uuid;
  project.close();
  // Generous enough that the route sweep is not throttled; the rate test has its own server.
  server = await startServeProcess(file, ['--kiosk', '--idle', '30', '--rate-limit', '5000/1000']);
}, 60_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
});

async function call(method: string, path: string, body?: string) {
  const response = await fetch(new URL(path, server.url), { method, redirect: 'manual', ...(body !== undefined ? { body, headers: { 'Content-Type': 'application/json' } } : {}) });
  const text = await response.text();
  return { status: response.status, text, headers: response.headers };
}

function samplePath(name: ApiMethodName): string {
  return fillPath(API_ROUTES[name].path, { layerId: 'parcels', uuid: parcelUuid, batchId: '1', jobId: 'x', floodId: 'x', id: 'x', name: 'x', file: 'x' });
}

describe('kiosk route set', () => {
  it('is exactly the explicit kiosk list', () => {
    expect(buildRoutes('kiosk').map((r) => r.name).sort()).toEqual([...KIOSK_METHODS].sort());
    for (const name of KIOSK_METHODS) expect(API_METHODS[name as ApiMethodName]).toMatchObject({ access: 'read', kiosk: true });
  });

  it('answers 404 for every other API route, in every verb', async () => {
    const others = (Object.keys(API_ROUTES) as ApiMethodName[]).filter((name) => !KIOSK_METHODS.includes(name));
    expect(others.length).toBeGreaterThan(15);
    for (const name of others) {
      for (const verb of VERBS) {
        const answer = await call(verb, samplePath(name), verb === 'GET' ? undefined : '{}');
        // A path shared with a kiosk route (none today) would answer that route; others are simply not there.
        const sharesKioskPath = KIOSK_METHODS.some((k) => API_ROUTES[k as ApiMethodName].path === API_ROUTES[name].path && API_ROUTES[k as ApiMethodName].method === verb);
        if (sharesKioskPath) continue;
        expect({ name, verb, status: answer.status }).toEqual({ name, verb, status: 404 });
        expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'NOT_FOUND' } });
      }
    }
  });

  it('answers 404 for other verbs on the kiosk routes, uploads, downloads, any non-API POST and the office app', async () => {
    for (const verb of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await call(verb, '/api/project', '{}')).status).toBe(404);
      expect((await call(verb, `/api/planning/parcels/${parcelUuid}/card`, '{}')).status).toBe(404);
    }
    for (const [verb, path] of [
      ['POST', '/'],
      ['POST', '/upload'],
      ['POST', '/uploads'],
      ['POST', '/api/uploads'],
      ['PUT', '/api/uploads/x.zip'],
      ['GET', '/api/downloads/x'],
      ['GET', '/api/jobs/0194a000-0000-7000-8000-000000000000/download'],
      ['GET', '/api/jobs/x/download/out.gpkg'],
      ['GET', '/downloads/x'],
      ['POST', '/kiosk.html'],
      ['GET', '/index.html'],
      ['GET', '/app'],
      ['GET', '/assets/anything'],
      ['GET', '/api'],
      ['GET', '/api/edits'],
      ['GET', '/api/validation'],
      ['GET', '/api/search?q=t%E1%BB%9D%208'],
    ] as const) {
      const answer = await call(verb, path, verb === 'GET' ? undefined : '{}');
      expect({ verb, path, status: answer.status }).toEqual({ verb, path, status: 404 });
    }
  });

  it('sends / to the kiosk page with its idle time, with a CSP that allows nothing external', async () => {
    const home = await call('GET', '/');
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/kiosk.html?idle=30');
    const csp = home.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:/);
  });
});

describe('kiosk reads', () => {
  it('names the project file without its path', async () => {
    const project = JSON.parse((await call('GET', '/api/project')).text) as { file: string };
    expect(project.file).toBe('kiosk-fixture.plandesk.sqlite');
    expect(project.file).not.toContain('/');
  });

  it('lists only the map layers', async () => {
    const layers = JSON.parse((await call('GET', '/api/layers')).text) as { id: string }[];
    expect(layers.map((l) => l.id).sort()).toEqual(['parcels', 'red_lines', 'roads', 'zoning']);
  });

  it('serves features only for a small box, without filters or paging', async () => {
    const box = [X0 - 50, Y0 - 50, X0 + 300, Y0 + 100].join(',');
    const ok = await call('GET', `/api/layers/parcels/features?bbox=${box}`);
    expect(ok.status).toBe(200);
    expect((JSON.parse(ok.text) as { numberReturned: number }).numberReturned).toBe(26);
    const refused: [string, number][] = [
      ['/api/layers/parcels/features', 400],
      [`/api/layers/parcels/features?bbox=${[X0 - 5000, Y0 - 5000, X0 + 5000, Y0 + 5000].join(',')}`, 400],
      [`/api/layers/parcels/features?bbox=${box}&limit=50000`, 400],
      [`/api/layers/parcels/features?bbox=${box}&offset=10`, 400],
      [`/api/layers/parcels/features?bbox=${box}&where=${encodeURIComponent(JSON.stringify([{ field: 'sheet_no', op: '=', value: 8 }]))}`, 400],
      [`/api/layers/parcels/features?bbox=105,10,106,11&crs=EPSG:4326`, 400],
      [`/api/layers/drainage_pipes/features?bbox=${box}`, 404],
    ];
    for (const [path, status] of refused) expect({ path, status: (await call('GET', path)).status }).toEqual({ path, status });
  });

  it('answers the card and the capped lookups', async () => {
    const card = JSON.parse((await call('GET', `/api/planning/parcels/${parcelUuid}/card`)).text) as { zones: { zoneCode: string; areaM2: number; share: number }[] };
    expect(card.zones.map((z) => [z.zoneCode, z.areaM2, z.share])).toEqual([
      ['OM-01', 600, 0.6],
      ['CC-02', 400, 0.4],
    ]);
    const lookup = JSON.parse((await call('GET', '/api/planning/lookup?by=address&text=Nguy%E1%BB%85n%20Hu%E1%BB%87')).text) as { hits: unknown[]; truncated: boolean };
    expect(lookup.hits).toHaveLength(10);
    expect(lookup.truncated).toBe(true);
    expect((await call('GET', '/api/planning/lookup?by=parcel&sheet=8')).status).toBe(400);
  });

  it('prints the planning sheet as a real PDF with the parcel and the disclaimer', async () => {
    const response = await fetch(new URL(`/api/planning/parcels/${parcelUuid}/sheet.pdf?lang=vi`, server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = join(tempDir('plandesk-sheet-test-'), 'sheet.pdf');
    writeFileSync(pdf, bytes);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('PHIẾU THÔNG TIN QUY HOẠCH');
    expect(text).toMatch(/thửa đất số 42/);
    expect(text).toContain('OM-01');
    expect(text).toMatch(/600 m²/);
    expect(text).toMatch(/tham\s+khảo/);
    expect(text).toContain('99/QĐ-UBND');
  }, 90_000);
});

describe('kiosk rate limit', () => {
  let limited: ServeProcess;
  beforeAll(async () => {
    limited = await startServeProcess(file, ['--kiosk', '--rate-limit', '10/2']);
  }, 60_000);
  afterAll(async () => {
    limited?.child.kill('SIGTERM');
    await limited?.exited;
  });

  it('throttles a burst with 429 and Retry-After, then lets the client through again', async () => {
    const statuses: number[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 25; i++) {
      const response = await fetch(new URL('/api/crs', limited.url));
      await response.arrayBuffer();
      statuses.push(response.status);
      if (response.status === 429) retryAfter = Number(response.headers.get('retry-after'));
    }
    const passed = statuses.filter((s) => s === 200).length;
    // 10 at once plus what refilled while the burst ran (2 a second): far fewer than 25.
    expect(passed).toBeGreaterThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    expect((await fetch(new URL('/api/crs', limited.url))).status).toBe(200);
  }, 30_000);
});
