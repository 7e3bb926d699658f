/**
 * Power-cut safety of the edit path: `plandesk serve` (the built binary, a real process) takes
 * a stream of edit batches over HTTP and is killed with SIGKILL in the middle of it, three
 * times. After each kill the file must hold every acknowledged batch whole, no batch in part,
 * and a journal that agrees with the tables.
 */
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EditBatch, EditOperation } from '../../gis-core/api/contract.js';
import { Project } from '../../gis-core/store/project.js';
import { newUuid } from '../../gis-core/util/uuid.js';
import { ORIGIN, buildFixtureProject } from '../helpers/api-fixture.js';
import { startServeProcess } from '../helpers/serve-process.js';
import { tempDir } from '../helpers/temp.js';


/** Hydrants per batch: enough that a batch takes a while to write, so kills land inside transactions. */
const PER_BATCH = 400;

interface SentBatch {
  readonly tag: string;
  readonly uuids: readonly string[];
  readonly parcel: string;
  readonly address: string;
}

function makeBatch(tag: string, parcel: string, index: number): { batch: EditBatch; sent: SentBatch } {
  const uuids = Array.from({ length: PER_BATCH }, () => newUuid());
  const address = `${tag} address`;
  const operations: EditOperation[] = uuids.map((uuid, i) => ({
    op: 'insert',
    layer: 'water_hydrants',
    uuid,
    properties: { hydrant_type: 'pillar', code: `${tag}-${i}` },
    geometry: { type: 'Point', coordinates: [ORIGIN[0] + 200 + (i % 20) * 3 + index * 0.001, ORIGIN[1] + 200 + Math.floor(i / 20) * 3] },
  }));
  operations.push({ op: 'update', layer: 'parcels', uuid: parcel, properties: { address } });
  return { batch: { operations, message: tag, source: 'cli', author: 'crash-test' }, sent: { tag, uuids, parcel, address } };
}

describe('a killed server loses nothing acknowledged and leaves nothing half-done', () => {
  it('survives SIGKILL in the middle of a stream of edit batches, three times', async () => {
    const file = join(tempDir('plandesk-crash-'), 'crash.plandesk.sqlite');
    copyFileSync(buildFixtureProject('crash'), file);
    const setup = Project.open(file);
    const parcels = setup.features('parcels', { limit: 3 }).map((p) => p.uuid);
    setup.close();

    const acknowledged: SentBatch[] = [];
    const unacknowledged: SentBatch[] = [];
    let killedInFlight = 0;
    for (let round = 0; round < 3; round++) {
      const { url, child, exited } = await startServeProcess(file);
      // Kill after a varying delay, whatever the server is doing then.
      const delay = 400 + round * 350;
      const killer = setTimeout(() => child.kill('SIGKILL'), delay);
      for (let i = 0; ; i++) {
        const { batch, sent } = makeBatch(`r${round}-b${i}`, parcels[i % parcels.length]!, i);
        let response: Response;
        try {
          response = await fetch(`${url}api/edits`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(batch) });
        } catch {
          unacknowledged.push(sent);
          killedInFlight++;
          break;
        }
        expect(response.status).toBe(200);
        const result = (await response.json()) as { changes: unknown[] };
        expect(result.changes).toHaveLength(PER_BATCH + 1);
        acknowledged.push(sent);
      }
      clearTimeout(killer);
      await exited;
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(killedInFlight).toBe(3);

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const project = Project.open(file);
    try {
      const present = (sent: SentBatch) => sent.uuids.filter((uuid) => project.featureByUuid('water_hydrants', uuid) !== undefined).length;
      for (const sent of acknowledged) expect(present(sent), `acknowledged batch ${sent.tag}`).toBe(PER_BATCH);
      // A batch cut off by the kill is all there (committed just before the kill) or not at all.
      let landedUnacknowledged = 0;
      for (const sent of unacknowledged) {
        const n = present(sent);
        expect([0, PER_BATCH], `batch ${sent.tag} in flight at the kill`).toContain(n);
        if (n === PER_BATCH) landedUnacknowledged++;
      }
      // Every journaled batch is whole: PER_BATCH inserts and one update, and nothing else.
      const history = project.editHistory(500).filter((e) => e.kind === 'edit');
      expect(history).toHaveLength(acknowledged.length + landedUnacknowledged);
      for (const entry of history) expect(entry.changeCount, entry.message).toBe(PER_BATCH + 1);
      // The spatial index holds them too, and the journal agrees with the tables.
      const total = (acknowledged.length + landedUnacknowledged) * PER_BATCH;
      expect(project.count('water_hydrants', { bbox: [ORIGIN[0] + 190, ORIGIN[1] + 190, ORIGIN[0] + 300, ORIGIN[1] + 300] })).toBe(total);
      expect(project.journalProblems()).toEqual([]);
    } finally {
      project.close();
    }
  }, 180_000);
});
