/**
 * A push of 1,000 operations over WFS-T to the real SDI server, interrupted twice: once by a
 * client crash after the server applied a chunk but before the client recorded it (QGIS Server
 * killed at that moment too), once by QGIS Server killed between chunks. Each time the server is
 * restarted on the same port (PostGIS stays) and the push resumed. The server must end with
 * exactly the 1,000 features — none lost, none duplicated — and the outbox must survive every
 * failure. Then the CLI: status, preview and push, with exit codes.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../gis-core/store/project.js';
import { newUuid } from '../../gis-core/util/uuid.js';
import { syncConnect, syncStatus } from '../../sync/engine/api.js';
import { PUSH_CHUNK } from '../../sync/engine/push.js';
import { qgisServerAvailable, startSdiServer, type SdiServer } from '../helpers/sdi-server.js';
import { checkout, createProject, edit, push, serverRows } from '../helpers/sync-fixture.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-sync-faults-');
const bin = fileURLToPath(new URL('../../bin/plandesk.js', import.meta.url));
const COUNT = 1000;
let sdi: SdiServer;
let project: Project;
const uuids = Array.from({ length: COUNT }, () => newUuid());

function serverCount(): { total: number; distinct: number } {
  const [total, distinct] = sdi.pg.psql(`SELECT count(*), count(DISTINCT uuid) FROM public.water_mains`).trim().split('|').map(Number);
  return { total: total!, distinct: distinct! };
}

function unfinished(): number {
  const { pending, sent } = syncStatus(project).outbox;
  return pending + sent;
}

beforeAll(async () => {
  sdi = await startSdiServer(['water_mains']);
  project = createProject(dir, 'faults');
}, 180_000);

afterAll(async () => {
  project?.close();
  await sdi?.stop();
}, 60_000);

describe.runIf(qgisServerAvailable())('push of 1,000 operations with the server killed and restarted', () => {
  it('resumes after a crash and after a dead server, ending with exactly the right features', async () => {
    await syncConnect(project, { url: sdi.url, protocol: 'wfs-1.1' });
    await checkout(project);
    edit(
      project,
      uuids.map((uuid, i) => ({
        op: 'insert',
        layer: 'water_mains',
        uuid,
        properties: { code: `ỐNG-${i}`, diameter_mm: 100 + (i % 50) },
        geometry: { type: 'LineString', coordinates: [[568_100 + (i % 40) * 60.001, 1_155_100 + Math.floor(i / 40) * 90.002], [568_140.5 + (i % 40) * 60, 1_155_150.25 + Math.floor(i / 40) * 90]] },
      })),
    );
    expect(syncStatus(project).pending.inserts).toBe(COUNT);

    // 1. The third chunk is applied by the server, then the server dies and so does the client before recording it.
    await expect(
      push(project, undefined, {
        afterSend: async (chunk) => {
          if (chunk === 2) {
            await sdi.killQgisServer();
            throw new Error('simulated crash after the server answered');
          }
        },
      }),
    ).rejects.toThrow(/simulated crash/);
    expect(serverCount()).toEqual({ total: 3 * PUSH_CHUNK, distinct: 3 * PUSH_CHUNK });
    expect(syncStatus(project).outbox).toMatchObject({ acknowledged: 2 * PUSH_CHUNK, sent: PUSH_CHUNK, pending: COUNT - 3 * PUSH_CHUNK });

    // 2. While the server is down: a clear error, and the outbox is as it was.
    const before = syncStatus(project).outbox;
    await expect(push(project)).rejects.toMatchObject({ code: 'SYNC_UNREACHABLE' });
    expect(syncStatus(project).outbox).toEqual(before);

    // 3. Restarted: the resume finds the 'sent' chunk on the server (not sent again); killed again after 500 acknowledged.
    await sdi.restartQgisServer();
    let killedAt = 0;
    await expect(
      push(project, undefined, {
        onAcknowledged: async (acknowledged) => {
          if (killedAt === 0 && acknowledged >= 500) {
            killedAt = acknowledged;
            await sdi.killQgisServer();
          }
        },
      }),
    ).rejects.toMatchObject({ code: 'SYNC_UNREACHABLE' });
    expect(killedAt).toBeGreaterThanOrEqual(500);
    const landed = serverCount();
    expect(landed.total).toBe(landed.distinct);
    expect(landed.total).toBeLessThan(COUNT);
    expect(unfinished()).toBe(COUNT - landed.total);

    // 4. Restarted again: the push completes.
    await sdi.restartQgisServer();
    const result = await push(project);
    expect(result.rejected).toBe(0);
    expect(serverCount()).toEqual({ total: COUNT, distinct: COUNT });
    expect(serverRows(sdi, 'water_mains', []).map((line) => line.split('|')[0])).toEqual([...uuids].sort());
    expect(sdi.pg.psql(`SELECT count(*) FROM public.water_mains WHERE code LIKE 'ỐNG-%'`).trim()).toBe(String(COUNT));
    expect(syncStatus(project)).toMatchObject({ pending: { inserts: 0, updates: 0, deletes: 0 }, outbox: { pending: 0, sent: 0, failed: 0 } });
    // Every feature's base knows its server id, so an update goes by compare-and-set.
    expect(project.syncState().bases('water_mains').filter((b) => b.serverId && b.rowVersion === 1)).toHaveLength(COUNT);
  }, 300_000);

  it('the CLI: status, preview and push with exit codes (0 done, 2 could not run)', async () => {
    const file = project.file;
    edit(project, [{ op: 'update', layer: 'water_mains', uuid: uuids[0], properties: { diameter_mm: 777 } }]);
    const run = (args: string[]) => spawnSync(process.execPath, [bin, 'sync', ...args], { encoding: 'utf8' });
    const status = run(['status', file, '--json']);
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ pending: { updates: 1 }, connection: { url: sdi.url, protocol: 'wfs-1.1' } });
    const preview = run(['preview', file]);
    expect(preview.stdout).toContain(`diameter_mm: 100 → 777`);
    await sdi.killQgisServer();
    const down = run(['push', file]);
    expect(down.status).toBe(2);
    expect(down.stderr).toMatch(/plandesk: .*(reach|connect|refused)/i);
    await sdi.restartQgisServer();
    const pushed = run(['push', file, '--json']);
    expect(pushed.stderr).not.toContain('plandesk:');
    expect(pushed.status).toBe(0);
    expect(JSON.parse(pushed.stdout)).toMatchObject({ result: { pushed: 1 }, status: { openConflicts: 0 } });
    expect(sdi.pg.psql(`SELECT diameter_mm, row_version FROM public.water_mains WHERE uuid = '${uuids[0]}'`).trim()).toBe('777|2');
    expect(run(['status', 'no-such-file.plandesk.sqlite']).status).toBe(2);

    // A second project checked out from the command line, connecting on the way.
    const other = createProject(dir, 'cli');
    const otherFile = other.file;
    other.close();
    expect(run(['checkout', otherFile, '--bbox', '1,1,0,0']).status).toBe(2);
    const checkedOut = run(['checkout', otherFile, '--server', sdi.url, '--layers', 'water_mains', '--bbox', '568000,1155000,571000,1158000']);
    expect(checkedOut.stderr).not.toContain('plandesk:');
    expect(checkedOut.status).toBe(0);
    expect(checkedOut.stdout).toMatch(/1000 tải về\/fetched/);
    const conflicts = run(['conflicts', otherFile]);
    expect([conflicts.status, conflicts.stdout.trim()]).toEqual([0, 'Không có xung đột / no conflicts']);
    const badResolve = run(['resolve', otherFile, '42', 'mine']);
    expect(badResolve.status).toBe(2);
    expect(badResolve.stderr).toContain('No sync conflict 42');
  }, 120_000);
});
