/**
 * The SDI transports against a real QGIS Server over PostGIS (tests/helpers/sdi-server.ts):
 * protocol detection on the same server (WFS endpoint vs OGC API landing page), feature types
 * with PlanDesk's versioning columns, inserts with Vietnamese text matched by uuid, geometry
 * round trips within 1 mm, compare-and-set updates and deletes, changedSince, and the error
 * mapping (wrong credentials through an authenticating proxy, a stopped server, a server that
 * never answers, an exception report, a cancelled signal).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeoJSONGeometry } from '../../layers/types.js';
import { connectTransport } from '../../sync/transport/connect.js';
import type { ServerFeature, SyncTransport } from '../../sync/transport/types.js';
import { WfsTransport } from '../../sync/transport/wfs.js';
import { startAuthProxy, type AuthProxy } from '../helpers/auth-proxy.js';
import { startSdiServer, type SdiServer } from '../helpers/sdi-server.js';

const SRID = 5897;
let sdi: SdiServer;

beforeAll(async () => {
  sdi = await startSdiServer(['water_mains', 'zoning']);
}, 120_000);
afterAll(async () => {
  await sdi?.stop();
}, 60_000);

let counter = 0;
/** A fresh uuid-shaped id per call (the uuid column is unique on the server). */
function uuid(): string {
  counter++;
  return `0190b0b0-0000-7000-8000-${String(Date.now() % 1e6).padStart(6, '0')}${String(counter).padStart(6, '0')}`;
}

/** Largest coordinate difference between two geometries of the same shape, in metres. */
function maxDistance(a: GeoJSONGeometry | null, b: GeoJSONGeometry | null): number {
  const flat = (g: GeoJSONGeometry | null) => (g ? ((g.coordinates as unknown as unknown[]).flat(3) as number[]) : []);
  const fa = flat(a);
  const fb = flat(b);
  expect(fb.length).toBe(fa.length);
  return Math.max(...fa.map((v, i) => Math.abs(v - fb[i]!)));
}

function byUuid(features: ServerFeature[]): Map<string, ServerFeature> {
  return new Map(features.map((f) => [f.uuid!, f]));
}

const VIETNAMESE = ['Khu đô thị mới Đường Trần Hưng Đạo', 'Đất ở hiện trạng — phường Mỹ Phú', 'Công viên cây xanh “Sen Hồng”'];

function zone(i: number): GeoJSONGeometry {
  const x = 569_100.123 + i * 50;
  const y = 1_156_200.457;
  return { type: 'Polygon', coordinates: [[[x, y], [x + 40.001, y], [x + 40.001, y + 30.019], [x, y + 30.019], [x, y]]] };
}

function main(i: number): GeoJSONGeometry {
  return { type: 'LineString', coordinates: [[569_300.001 + i * 10, 1_156_300.999], [569_350.567 + i * 10, 1_156_320.333], [569_390.25, 1_156_400.5]] };
}

describe('protocol detection', () => {
  it('finds WFS 1.1 at the OWS endpoint and OGC API Features at the wfs3 landing page of the same server', async () => {
    const wfs = await connectTransport(sdi.url, { srid: SRID });
    expect(wfs.protocol).toBe('wfs-1.1');
    const ogc = await connectTransport(`${sdi.url}wfs3/`, { srid: SRID });
    expect(ogc.protocol).toBe('ogcapi-features');
    const forced = await connectTransport(sdi.url, { srid: SRID, protocol: 'wfs-1.1' });
    expect(forced.protocol).toBe('wfs-1.1');
  });

  it('says clearly when a URL is neither', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Cổng thông tin</body></html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await expect(connectTransport(url, { srid: SRID })).rejects.toMatchObject({
        code: 'SYNC_SERVER_ERROR',
        message: expect.stringMatching(/neither an OGC API Features landing page nor a WFS endpoint/),
      });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe.each([
  ['WFS-T 1.1', () => sdi.url, 'zoning', 'name', 'area_m2', zone],
  ['OGC API Features', () => `${sdi.url}wfs3/`, 'water_mains', 'pressure_zone', 'diameter_mm', main],
] as const)('%s', (_label, url, typeName, textField, numericField, shape) => {
  let transport: SyncTransport;
  const ids = [uuid(), uuid(), uuid()];

  beforeAll(async () => {
    transport = await connectTransport(url(), { srid: SRID });
  });

  it('lists the published layers with the versioning columns', async () => {
    const types = await transport.featureTypes();
    expect(types.map((t) => t.name).sort()).toEqual(['water_mains', 'zoning']);
    for (const t of types) {
      expect(t).toMatchObject({ editable: true, hasUuid: true, hasRowVersion: true, hasUpdatedAt: true });
      expect(t.fields.map((f) => f.name)).toContain(t.name === 'zoning' ? 'zone_code' : 'diameter_mm');
    }
    const zoning = types.find((t) => t.name === 'zoning')!;
    expect(zoning.fields.find((f) => f.name === 'area_m2')?.type).toBe('real');
  });

  it('inserts features with Vietnamese text, matched by uuid, and reads them back exactly', async () => {
    const requests = ids.map((id, i) => ({ uuid: id, properties: { [textField]: VIETNAMESE[i]!, status: 'planned' }, geometry: shape(i) }));
    // Sent in reverse order: outcomes come back per uuid, not by position on the server.
    const outcomes = await transport.insert(typeName, [...requests].reverse());
    expect(outcomes.map((o) => o.uuid)).toEqual([...ids].reverse());
    for (const o of outcomes) {
      expect(o.applied).toBe(true);
      expect(o.serverId).toBeTruthy();
      const pk = o.serverId!.replace(/^.*\./, '');
      expect(sdi.pg.psql(`SELECT uuid FROM ${typeName} WHERE fid = ${Number(pk)}`).trim()).toBe(o.uuid);
    }
    const back = byUuid(await transport.getFeatures(typeName, { uuids: ids }));
    expect(back.size).toBe(3);
    ids.forEach((id, i) => {
      const f = back.get(id)!;
      expect(f.properties[textField]).toBe(VIETNAMESE[i]);
      expect(f.rowVersion).toBe(1);
      expect(f.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(f.properties).not.toHaveProperty('uuid');
      expect(f.properties).not.toHaveProperty('fid');
      expect(maxDistance(f.geometry, shape(i))).toBeLessThan(0.001);
    });
    // And in the database itself, as PostGIS stores it.
    const [name, wkt] = sdi.pg.psql(`SELECT ${textField}, ST_AsText(ST_SnapToGrid(geom, 0.001)) FROM ${typeName} WHERE uuid = '${ids[0]}'`).trim().split('|');
    expect(name).toBe(VIETNAMESE[0]);
    expect(wkt).toMatch(typeName === 'zoning' ? /^POLYGON\(\(569100\.123 1156200\.457,/ : /^LINESTRING\(569300\.001 1156300\.999,/);
  });

  it('answers a re-sent insert with the feature that landed, and reports a refused one', async () => {
    const first = (await transport.getFeatures(typeName, { uuids: [ids[0]!] }))[0]!;
    const bad = uuid();
    const outcomes = await transport.insert(typeName, [
      // A retry after a lost answer: the uuid is on the server already.
      { uuid: ids[0]!, properties: { [textField]: VIETNAMESE[0]! }, geometry: shape(0) },
      { uuid: bad, properties: { [numericField]: 'không phải số' }, geometry: shape(9) },
    ]);
    expect(outcomes[0]).toEqual({ uuid: ids[0], applied: true, serverId: first.serverId });
    expect(outcomes[1]).toMatchObject({ uuid: bad, applied: false, error: expect.any(String) });
    expect(sdi.pg.psql(`SELECT count(*) FROM ${typeName} WHERE uuid IN ('${ids[0]}', '${bad}')`).trim()).toBe('1');
  });

  it('updates with the right version (row_version + 1) and not with a stale one', async () => {
    const [first, second, third] = ids as [string, string, string];
    const now = byUuid(await transport.getFeatures(typeName, { uuids: ids }));
    const moved = shape(7);
    const outcomes = await transport.update(typeName, [
      { uuid: first, serverId: now.get(first)!.serverId, expectedVersion: 1, properties: { status: 'approved', [textField]: 'Điều chỉnh lần 1' } },
      { uuid: second, serverId: now.get(second)!.serverId, expectedVersion: 5, properties: { status: 'rejected' } },
      { uuid: third, serverId: now.get(third)!.serverId, expectedVersion: 1, properties: { status: 'approved' }, geometry: moved },
    ]);
    expect(outcomes).toEqual([
      { uuid: first, applied: true },
      { uuid: second, applied: false },
      { uuid: third, applied: true },
    ]);
    const after = byUuid(await transport.getFeatures(typeName, { uuids: ids }));
    expect(after.get(first)).toMatchObject({ rowVersion: 2, properties: { status: 'approved', [textField]: 'Điều chỉnh lần 1' } });
    expect(after.get(second)).toMatchObject({ rowVersion: 1, properties: { status: 'planned' } });
    expect(after.get(third)).toMatchObject({ rowVersion: 2, properties: { status: 'approved', [textField]: VIETNAMESE[2] } });
    expect(maxDistance(after.get(third)!.geometry, moved)).toBeLessThan(0.001);
    // The same compare-and-set again: version 1 is stale now.
    expect(await transport.update(typeName, [{ uuid: first, serverId: now.get(first)!.serverId, expectedVersion: 1, properties: { status: 'rejected' } }])).toEqual([
      { uuid: first, applied: false },
    ]);
    expect(sdi.pg.psql(`SELECT status, row_version FROM ${typeName} WHERE uuid = '${first}'`).trim()).toBe('approved|2');
  });

  it('returns only what changed since an instant', async () => {
    const all = await transport.getFeatures(typeName, { uuids: ids });
    const latest = Math.max(...all.map((f) => Date.parse(f.updatedAt!)));
    // Servers report milliseconds; PostgreSQL keeps microseconds: start just after the latest.
    const since = new Date(latest + 1).toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const second = all.find((f) => f.uuid === ids[1])!;
    expect(await transport.update(typeName, [{ uuid: ids[1]!, serverId: second.serverId, expectedVersion: 1, properties: { status: 'approved' } }])).toEqual([
      { uuid: ids[1], applied: true },
    ]);
    const changed = await transport.getFeatures(typeName, { changedSince: since });
    expect(changed.map((f) => f.uuid)).toEqual([ids[1]]);
    // A bbox around the first feature only (project CRS).
    const inBox = await transport.getFeatures(typeName, { bbox: [569_090, 1_156_190, 569_145, 1_156_235] });
    if (typeName === 'zoning') expect(inBox.map((f) => f.uuid)).toEqual([ids[0]]);
    else expect(inBox).toEqual([]);
  });

  it('deletes by uuid with a version check', async () => {
    const now = byUuid(await transport.getFeatures(typeName, { uuids: ids }));
    const outcomes = await transport.delete(typeName, [
      { uuid: ids[0]!, serverId: now.get(ids[0]!)!.serverId, expectedVersion: 1 },
      { uuid: ids[2]!, serverId: now.get(ids[2]!)!.serverId, expectedVersion: 2 },
    ]);
    expect(outcomes).toEqual([
      { uuid: ids[0], applied: false },
      { uuid: ids[2], applied: true },
    ]);
    expect(sdi.pg.psql(`SELECT uuid FROM ${typeName} WHERE uuid IN ('${ids.join("','")}') ORDER BY uuid`).trim().split('\n')).toEqual([ids[0], ids[1]]);
  });
});

describe('many features', () => {
  it('splits inserts over request bodies qgis_mapserver accepts (128 KiB) and matches every one by uuid', async () => {
    const wfs = await connectTransport(sdi.url, { srid: SRID });
    const requests = Array.from({ length: 1500 }, (_, i) => ({
      uuid: `bulk-${i}`,
      properties: { zone_code: `OM-${i}`, name: `Ô đất số ${i}` },
      geometry: zone(i),
    }));
    try {
      const outcomes = await wfs.insert('zoning', requests);
      expect(outcomes.filter((o) => o.applied)).toHaveLength(1500);
      expect(new Set(outcomes.map((o) => o.serverId)).size).toBe(1500);
      expect(sdi.pg.psql(`SELECT count(*) FROM zoning WHERE uuid LIKE 'bulk-%' AND name = 'Ô đất số ' || substr(uuid, 6)`).trim()).toBe('1500');
    } finally {
      sdi.pg.psql(`DELETE FROM zoning WHERE uuid LIKE 'bulk-%'`);
    }
  });

  it('pages through more features than one WFS page and follows OGC API next links', async () => {
    sdi.pg.psql(
      `INSERT INTO water_mains (code, uuid, geom) SELECT 'P' || i, 'page-' || i, ST_SetSRID(ST_MakeLine(ST_MakePoint(570000 + i, 1157000), ST_MakePoint(570000.5 + i, 1157000.25)), 5897) FROM generate_series(1, 5200) i`,
    );
    try {
      const wfs = await connectTransport(sdi.url, { srid: SRID });
      const viaWfs = await wfs.getFeatures('water_mains', { bbox: [569_999, 1_156_999, 575_300, 1_157_001] });
      expect(viaWfs.length).toBe(5200);
      expect(new Set(viaWfs.map((f) => f.uuid)).size).toBe(5200);
      const ogc = await connectTransport(`${sdi.url}wfs3/`, { srid: SRID });
      const viaOgc = await ogc.getFeatures('water_mains', { bbox: [569_999, 1_156_999, 572_500.9, 1_157_001] });
      expect(new Set(viaOgc.map((f) => f.uuid)).size).toBe(2500);
      const f = viaOgc.find((x) => x.uuid === 'page-7')!;
      expect(maxDistance(f.geometry, { type: 'LineString', coordinates: [[570007, 1157000], [570007.5, 1157000.25]] })).toBeLessThan(0.001);
    } finally {
      sdi.pg.psql(`DELETE FROM water_mains WHERE uuid LIKE 'page-%'`);
    }
  });
});

describe('errors', () => {
  let proxy: AuthProxy;
  beforeAll(async () => {
    proxy = await startAuthProxy(sdi.url, { username: 'quyhoach', password: 'mật-khẩu', token: 'tok-123' });
  });
  afterAll(async () => {
    await proxy?.close().catch(() => undefined);
  });

  it('maps refused credentials to SYNC_AUTH_FAILED and accepts the right ones (basic and bearer)', async () => {
    await expect(connectTransport(proxy.url, { srid: SRID, credentials: { username: 'quyhoach', password: 'sai' } })).rejects.toMatchObject({ code: 'SYNC_AUTH_FAILED' });
    await expect(connectTransport(`${proxy.url}wfs3/`, { srid: SRID })).rejects.toMatchObject({ code: 'SYNC_AUTH_FAILED' });
    const wfs = await connectTransport(proxy.url, { srid: SRID, credentials: { username: 'quyhoach', password: 'mật-khẩu' } });
    expect((await wfs.featureTypes()).map((t) => t.name)).toContain('zoning');
    const ogc = await connectTransport(`${proxy.url}wfs3/`, { srid: SRID, credentials: { token: 'tok-123' } });
    expect(ogc.protocol).toBe('ogcapi-features');
    expect((await ogc.featureTypes()).map((t) => t.name)).toContain('water_mains');
    const wrongToken = new WfsTransport(proxy.url, '1.1.0', { srid: SRID, credentials: { token: 'tok-999' } });
    await expect(wrongToken.featureTypes()).rejects.toMatchObject({ code: 'SYNC_AUTH_FAILED' });
  });

  it('maps a stopped server to SYNC_UNREACHABLE', async () => {
    const transport = await connectTransport(proxy.url, { srid: SRID, credentials: { token: 'tok-123' } });
    await proxy.close();
    await expect(transport.getFeatures('zoning', {})).rejects.toMatchObject({ code: 'SYNC_UNREACHABLE', message: expect.stringMatching(/refused|closed the connection/) });
    await expect(connectTransport(proxy.url, { srid: SRID })).rejects.toMatchObject({ code: 'SYNC_UNREACHABLE', message: expect.stringMatching(/refused the connection/) });
  });

  it('maps a server that never answers to SYNC_UNREACHABLE, and an aborted signal to CANCELLED', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
      await expect(connectTransport(url, { srid: SRID, timeoutMs: 300 })).rejects.toMatchObject({ code: 'SYNC_UNREACHABLE', message: expect.stringMatching(/did not answer/) });
      const controller = new AbortController();
      const pending = connectTransport(url, { srid: SRID, signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  it("reports the server's exception text as SYNC_SERVER_ERROR", async () => {
    const broken = new WfsTransport(`${sdi.url}?MAP=/nonexistent/sdi.qgs`, '1.1.0', { srid: SRID });
    await expect(broken.featureTypes()).rejects.toMatchObject({ code: 'SYNC_SERVER_ERROR', message: expect.stringMatching(/Project file error/) });
    const wfs = await connectTransport(sdi.url, { srid: SRID });
    await expect(wfs.getFeatures('no_such_layer', {})).rejects.toMatchObject({ code: 'SYNC_SERVER_ERROR', message: expect.stringMatching(/no_such_layer/) });
  });
});
