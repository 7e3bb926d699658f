/**
 * Two PlanDesk projects checked out from the same real SDI server (PostGIS + QGIS Server) edit
 * the same district: A speaks WFS-T, B speaks OGC API Features. Edits to different features and
 * to different attributes of one feature merge without a conflict; the same attribute edited on
 * both sides gives one conflict, resolved each way; a delete against an edit (both ways) gives a
 * conflict; geometry survives the round trip within 1 mm; a wrong password and a server that is
 * down give clear errors and keep the local changes and the outbox.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PlanDeskService } from '../../gis-core/api/service.js';
import { PlanDeskError } from '../../gis-core/errors.js';
import { openSession, runPush } from '../../sync/engine/jobs.js';
import type { Project } from '../../gis-core/store/project.js';
import { newUuid } from '../../gis-core/util/uuid.js';
import type { GeoJSONGeometry } from '../../layers/types.js';
import { syncConflicts, syncConnect, syncPreview, syncResolve, syncStatus } from '../../sync/engine/api.js';
import { startAuthProxy, type AuthProxy } from '../helpers/auth-proxy.js';
import { qgisServerAvailable, startSdiServer, type SdiServer } from '../helpers/sdi-server.js';
import { checkout, createProject, edit, pull, push, serverRows } from '../helpers/sync-fixture.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-sync-two-');
let sdi: SdiServer;
let a: Project;
let b: Project;
const ids = [newUuid(), newUuid(), newUuid(), newUuid()];

/** Coordinates with millimetres, to see a rounding or an axis swap. */
function main(i: number): GeoJSONGeometry {
  return { type: 'LineString', coordinates: [[569_300.001 + i * 40, 1_156_300.999], [569_350.567 + i * 40, 1_156_320.333], [569_390.25 + i * 40, 1_156_400.5]] };
}

function maxDistance(x: GeoJSONGeometry, y: GeoJSONGeometry): number {
  const fx = (x.coordinates as unknown as number[][]).flat();
  const fy = (y.coordinates as unknown as number[][]).flat();
  expect(fy.length).toBe(fx.length);
  return Math.max(...fx.map((v, i) => Math.abs(v - fy[i]!)));
}

function props(project: Project, uuid: string): Record<string, unknown> | undefined {
  return project.featureByUuid('water_mains', uuid)?.properties;
}

beforeAll(async () => {
  sdi = await startSdiServer(['water_mains']);
  a = createProject(dir, 'a');
  b = createProject(dir, 'b');
}, 180_000);

afterAll(async () => {
  a?.close();
  b?.close();
  await sdi?.stop();
}, 60_000);

describe.runIf(qgisServerAvailable())('two projects, one SDI server', () => {
  it('A (WFS-T) pushes new features; B (OGC API) checks them out with the same values and geometry within 1 mm', async () => {
    const connection = await syncConnect(a, { url: sdi.url });
    expect(connection).toMatchObject({ protocol: 'wfs-1.1', layers: [{ layer: 'water_mains', featureType: 'water_mains' }] });
    expect(Object.keys(connection.layers[0]!.fields)).toEqual(expect.arrayContaining(['code', 'diameter_mm', 'material', 'pressure_zone']));
    await checkout(a);
    edit(
      a,
      ids.map((uuid, i) => ({ op: 'insert', layer: 'water_mains', uuid, properties: { code: `CN-${i}`, diameter_mm: 150 + i, material: 'hdpe', pressure_zone: 'Vùng Mỹ Phú' }, geometry: main(i) })),
    );
    expect(syncStatus(a).pending).toEqual({ inserts: 4, updates: 0, deletes: 0 });
    const pushed = await push(a);
    expect(pushed).toMatchObject({ pushed: 4, rejected: 0, conflicts: 0 });
    expect(syncStatus(a)).toMatchObject({ pending: { inserts: 0, updates: 0, deletes: 0 }, outbox: { acknowledged: 4, pending: 0, sent: 0 } });
    expect(serverRows(sdi, 'water_mains', ['code', 'diameter_mm', 'pressure_zone'])).toEqual(ids.map((id, i) => `${id}|CN-${i}|${150 + i}|Vùng Mỹ Phú`).sort());

    // On the server itself (PostGIS), each geometry is the local one within 1 mm.
    for (const [i, uuid] of ids.entries()) {
      const stored = JSON.parse(sdi.pg.psql(`SELECT ST_AsGeoJSON(geom, 6) FROM public.water_mains WHERE uuid = '${uuid}'`).trim()) as GeoJSONGeometry;
      expect(maxDistance(stored, main(i))).toBeLessThanOrEqual(0.001);
    }

    const ogc = await syncConnect(b, { url: `${sdi.url}wfs3/` });
    expect(ogc.protocol).toBe('ogcapi-features');
    const result = await checkout(b);
    expect(result).toMatchObject({ fetched: 4, merged: 4, conflicts: 0 });
    expect(b.editHistory()[0]).toMatchObject({ source: 'sync', changeCount: 4 });
    for (const [i, uuid] of ids.entries()) {
      expect(props(b, uuid)).toMatchObject({ code: `CN-${i}`, diameter_mm: 150 + i, material: 'hdpe', pressure_zone: 'Vùng Mỹ Phú' });
      expect(maxDistance(b.featureByUuid('water_mains', uuid)!.geometry, main(i))).toBeLessThanOrEqual(0.001);
    }
    expect(syncPreview(b).changes).toEqual([]);
  });

  it('edits to different features and different attributes of one feature merge without a conflict', async () => {
    edit(a, [{ op: 'update', layer: 'water_mains', uuid: ids[0], properties: { diameter_mm: 300 } }]);
    edit(b, [
      { op: 'update', layer: 'water_mains', uuid: ids[0], properties: { pressure_zone: 'Vùng Hòa Thuận' } },
      { op: 'update', layer: 'water_mains', uuid: ids[1], properties: { code: 'CN-1B' }, geometry: main(10) },
    ]);
    expect(await push(a)).toMatchObject({ pushed: 1, conflicts: 0 });
    // B's push of ids[0] meets A's version: compare-and-set touches nothing, B pulls it and merges.
    const stale = await push(b);
    expect(stale).toMatchObject({ conflicts: 0 });
    expect(props(b, ids[0]!)).toMatchObject({ diameter_mm: 300, pressure_zone: 'Vùng Hòa Thuận' });
    await push(b);
    expect(syncStatus(b).pending).toEqual({ inserts: 0, updates: 0, deletes: 0 });
    expect(await pull(a)).toMatchObject({ conflicts: 0 });
    for (const uuid of ids) expect(props(a, uuid)).toEqual(props(b, uuid));
    expect(props(a, ids[0]!)).toMatchObject({ diameter_mm: 300, pressure_zone: 'Vùng Hòa Thuận' });
    expect(maxDistance(a.featureByUuid('water_mains', ids[1]!)!.geometry, main(10))).toBeLessThanOrEqual(0.001);
    expect(serverRows(sdi, 'water_mains', ['code', 'diameter_mm', 'pressure_zone']).find((r) => r.startsWith(ids[0]!))).toBe(`${ids[0]}|CN-0|300|Vùng Hòa Thuận`);
  });

  it('the same attribute edited on both sides is one conflict: resolved "mine" it wins on the server', async () => {
    edit(a, [{ op: 'update', layer: 'water_mains', uuid: ids[2], properties: { code: 'A đặt' } }]);
    edit(b, [{ op: 'update', layer: 'water_mains', uuid: ids[2], properties: { code: 'B đặt' } }]);
    await push(a);
    const result = await pull(b);
    expect(result.conflicts).toBe(1);
    const [conflict] = syncConflicts(b).filter((c) => c.state === 'open');
    expect(conflict).toMatchObject({ kind: 'attribute', attribute: 'code', base: 'CN-2', local: 'B đặt', server: 'A đặt' });
    // Blocked: nothing of that feature is pushed while the conflict is open.
    expect(syncPreview(b).changes).toMatchObject([{ uuid: ids[2], blocked: true }]);
    expect(await push(b)).toMatchObject({ pushed: 0 });
    syncResolve(b, { conflictId: conflict!.id, choice: 'mine' });
    expect(await push(b)).toMatchObject({ pushed: 1, conflicts: 0 });
    await pull(a);
    expect(props(a, ids[2]!)!.code).toBe('B đặt');
    expect(serverRows(sdi, 'water_mains', ['code']).find((r) => r.startsWith(ids[2]!))).toBe(`${ids[2]}|B đặt`);
  });

  it('the same attribute edited on both sides, resolved "theirs": the local value is replaced, nothing pushed', async () => {
    edit(a, [{ op: 'update', layer: 'water_mains', uuid: ids[2], properties: { diameter_mm: 400 } }]);
    edit(b, [{ op: 'update', layer: 'water_mains', uuid: ids[2], properties: { diameter_mm: 500 } }]);
    await push(a);
    expect((await pull(b)).conflicts).toBe(1);
    const conflict = syncConflicts(b).find((c) => c.state === 'open')!;
    expect(conflict).toMatchObject({ attribute: 'diameter_mm', local: 500, server: 400 });
    syncResolve(b, { conflictId: conflict.id, choice: 'theirs' });
    expect(props(b, ids[2]!)!.diameter_mm).toBe(400);
    expect(syncPreview(b).changes).toEqual([]);
    expect(await push(b)).toMatchObject({ pushed: 0 });
  });

  it('a server delete against a local edit is a conflict; a local delete against a server edit too', async () => {
    // A deletes ids[3] and pushes; B has edited it meanwhile.
    edit(a, [{ op: 'delete', layer: 'water_mains', uuid: ids[3] }]);
    edit(b, [{ op: 'update', layer: 'water_mains', uuid: ids[3], properties: { code: 'vẫn cần' } }]);
    expect(await push(a)).toMatchObject({ pushed: 1 });
    expect((await pull(b)).conflicts).toBe(1);
    const editVsDelete = syncConflicts(b).find((c) => c.state === 'open')!;
    expect(editVsDelete).toMatchObject({ kind: 'edit-vs-delete', attribute: null, uuid: ids[3] });
    // Keep mine: B's feature goes back to the server as an insert with the same uuid.
    syncResolve(b, { conflictId: editVsDelete.id, choice: 'mine' });
    expect(syncPreview(b).changes).toMatchObject([{ kind: 'insert', uuid: ids[3] }]);
    expect(await push(b)).toMatchObject({ pushed: 1 });
    expect(serverRows(sdi, 'water_mains', ['code']).filter((r) => r.startsWith(ids[3]!))).toEqual([`${ids[3]}|vẫn cần`]);

    // B deletes ids[1] locally; A edits it and pushes first.
    edit(b, [{ op: 'delete', layer: 'water_mains', uuid: ids[1] }]);
    edit(a, [{ op: 'update', layer: 'water_mains', uuid: ids[1], properties: { diameter_mm: 999 } }]);
    await push(a);
    await pull(b);
    const deleteVsEdit = syncConflicts(b).find((c) => c.state === 'open')!;
    expect(deleteVsEdit).toMatchObject({ kind: 'delete-vs-edit', uuid: ids[1] });
    syncResolve(b, { conflictId: deleteVsEdit.id, choice: 'theirs' });
    expect(props(b, ids[1]!)).toMatchObject({ diameter_mm: 999, code: 'CN-1B' });
    expect(syncStatus(b)).toMatchObject({ openConflicts: 0, pending: { inserts: 0, updates: 0, deletes: 0 } });
    await pull(a);
    for (const uuid of ids) expect(props(a, uuid)).toEqual(props(b, uuid));
  });

  it('a wrong password and a server that is down give clear errors and keep the pending changes and the outbox', async () => {
    let proxy: AuthProxy | undefined = await startAuthProxy(sdi.url, { username: 'quyhoach', password: 'mật-khẩu', token: 'tok-1' });
    try {
      const c = createProject(dir, 'c');
      const good = { username: 'quyhoach', password: 'mật-khẩu' };
      await syncConnect(c, { url: proxy.url, credentials: good });
      await checkout(c, good);
      edit(c, [{ op: 'update', layer: 'water_mains', uuid: ids[0], properties: { code: 'C sửa' } }]);
      const unfinished = (): number => syncStatus(c).outbox.pending + syncStatus(c).outbox.sent;
      expect(syncStatus(c).pending.updates).toBe(1);
      await expect(push(c, { username: 'quyhoach', password: 'sai' })).rejects.toMatchObject({ code: 'SYNC_AUTH_FAILED', message: expect.stringMatching(/401|credential|password|auth/i) });
      // The change is still pending and its outbox operation kept (to be resumed), nothing on the server.
      expect(syncStatus(c).pending.updates).toBe(1);
      expect(unfinished()).toBe(1);
      expect(serverRows(sdi, 'water_mains', ['code']).find((r) => r.startsWith(ids[0]!))).not.toContain('C sửa');
      expect(await push(c, good)).toMatchObject({ pushed: 1 });
      expect(serverRows(sdi, 'water_mains', ['code']).find((r) => r.startsWith(ids[0]!))).toBe(`${ids[0]}|C sửa`);

      edit(c, [{ op: 'update', layer: 'water_mains', uuid: ids[0], properties: { code: 'C sửa lần 2' } }]);
      await proxy.close();
      proxy = undefined;
      await expect(push(c, good)).rejects.toMatchObject({ code: 'SYNC_UNREACHABLE' });
      expect(syncStatus(c).pending.updates).toBe(1);
      expect(unfinished()).toBe(1);
      c.close();
    } finally {
      await proxy?.close();
    }
  });

  it('the API and the jobs: connect, a checkout job (arguments checked first), status', async () => {
    const d = createProject(dir, 'd');
    const service = new PlanDeskService(d);
    try {
      await expect(service.jobStart({ kind: 'sync-checkout', args: { bbox: [1, 2, 3, 4] } })).rejects.toMatchObject({ code: 'SYNC_NOT_CONNECTED' });
      const url = `${sdi.url}wfs3/`;
      await expect(service.syncConnect({ url, layers: [{ layer: 'water_mains', featureType: 'water_mains', fields: { code: 'no_such' } }] })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('no_such'),
      });
      const narrow = await service.syncConnect({ url, layers: [{ layer: 'water_mains', featureType: 'water_mains', fields: { code: 'code', diameter_mm: 'diameter_mm', material: '' } }] });
      expect(narrow.layers[0]!.fields).toEqual({ code: 'code', diameter_mm: 'diameter_mm' });
      await service.syncConnect({ url });
      await expect(service.jobStart({ kind: 'sync-checkout', args: { bbox: [5, 5, 1, 1] } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(service.jobStart({ kind: 'sync-pull', args: {} })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/checkout/) });
      const started = await service.jobStart({ kind: 'sync-checkout', args: { bbox: [568_000, 1_155_000, 571_000, 1_158_000] } });
      await vi.waitFor(async () => expect((await service.job(started.id)).state).not.toBe('running'), { timeout: 30_000, interval: 100 });
      const done = await service.job(started.id);
      expect(done).toMatchObject({ state: 'done', result: { fetched: 4, conflicts: 0 } });
      const status = await service.syncStatus();
      expect(status).toMatchObject({ connection: { protocol: 'ogcapi-features', area: [568_000, 1_155_000, 571_000, 1_158_000] }, openConflicts: 0 });
      expect(d.count('water_mains')).toBe(4);
      expect((await service.syncPreview()).changes).toEqual([]);
    } finally {
      d.close();
    }
  });

  it('an insert whose uuid is already on the server (another copy of the feature) is not sent: it is merged, a conflict where values differ', async () => {
    const e = createProject(dir, 'e');
    try {
      await syncConnect(e, { url: sdi.url, protocol: 'wfs-1.1' });
      const fresh = newUuid();
      // ids[0] is already on the server (the uuid column is unique there) but unknown to this project.
      edit(e, [
        { op: 'insert', layer: 'water_mains', uuid: ids[0], properties: { code: 'trùng', diameter_mm: 300, material: 'hdpe', pressure_zone: 'Vùng Hòa Thuận' }, geometry: main(0) },
        { op: 'insert', layer: 'water_mains', uuid: fresh, properties: { code: 'E mới', diameter_mm: 120 }, geometry: main(21) },
      ]);
      const before = serverRows(sdi, 'water_mains', ['code', 'row_version']).find((r) => r.startsWith(ids[0]!));
      const result = await push(e);
      expect(result).toMatchObject({ pushed: 2, rejected: 0, conflicts: 1 });
      expect(serverRows(sdi, 'water_mains', ['code']).filter((r) => r.startsWith(fresh))).toEqual([`${fresh}|E mới`]);
      expect(serverRows(sdi, 'water_mains', ['code', 'row_version']).find((r) => r.startsWith(ids[0]!))).toBe(before);
      expect(syncConflicts(e).filter((c) => c.state === 'open')).toMatchObject([{ uuid: ids[0], kind: 'attribute', attribute: 'code', base: null, local: 'trùng' }]);
      // The rest of that feature equals the server's: once the conflict is resolved only the code is sent.
      const conflict = syncConflicts(e).find((c) => c.state === 'open')!;
      syncResolve(e, { conflictId: conflict.id, choice: 'theirs' });
      expect(syncPreview(e).changes).toEqual([]);
    } finally {
      e.close();
    }
  });

  it('a push cancelled between chunks stops with CANCELLED, keeps the rest in the outbox, and the next push finishes it', async () => {
    const f = createProject(dir, 'f');
    try {
      await syncConnect(f, { url: sdi.url, protocol: 'wfs-1.1' });
      const news = Array.from({ length: 250 }, () => newUuid());
      edit(f, news.map((uuid, i) => ({ op: 'insert', layer: 'water_mains', uuid, properties: { code: `HUỶ-${i}`, diameter_mm: 90 }, geometry: main(30 + i) })));
      let cancelled = false;
      const context = {
        signal: new AbortController().signal,
        progress: () => {
          cancelled = true;
        },
        throwIfCancelled: () => {
          if (cancelled) throw new PlanDeskError('CANCELLED', 'cancelled');
        },
      };
      await expect(runPush(await openSession(f, undefined), context)).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(sdi.pg.psql(`SELECT count(*) FROM public.water_mains WHERE code LIKE 'HUỶ-%'`).trim()).toBe('100');
      expect(syncStatus(f).outbox).toMatchObject({ acknowledged: 100, pending: 150, sent: 0 });
      expect(await push(f)).toMatchObject({ pushed: 150, rejected: 0 });
      expect(sdi.pg.psql(`SELECT count(*), count(DISTINCT uuid) FROM public.water_mains WHERE code LIKE 'HUỶ-%'`).trim()).toBe('250|250');
    } finally {
      f.close();
    }
  });
});
