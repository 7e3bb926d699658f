/**
 * Edit batch throughput on the large demo: inserts, geometry moves with topology (valves drag
 * the ends of their mains), attribute updates, deletes and undo, each through the service's
 * `editApply` / `editUndo` (the path every client takes; HTTP adds only JSON transport), with
 * the journal's triggers on and the WAL fsync'ed at every commit.
 *
 * Peer in the same run: GDAL appending the same inserted features into the same kind of table
 * with raw `ogr2ogr -append` (one transaction, `-gt unlimited`), its triggers — SpatiaLite's and
 * PlanDesk's journal — firing as they do for PlanDesk.
 *
 *   node dist/bench/edit-throughput.js [--file .bench-data/large.plandesk.sqlite] [--batches 10] [--per-batch 5000]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EditBatch, EditOperation } from '../gis-core/api/contract.js';
import { PlanDeskService } from '../gis-core/api/service.js';
import { Project } from '../gis-core/store/project.js';
import { newUuid } from '../gis-core/util/uuid.js';
import { seededRandom } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: '.bench-data/large.plandesk.sqlite' },
    batches: { type: 'string', default: '10' },
    'per-batch': { type: 'string', default: '5000' },
  },
});

const BATCHES = Number(args.batches);
const PER_BATCH = Number(args['per-batch']);

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function rate(features: number, s: number): string {
  return `${Math.round(features / s).toLocaleString('en-US')} features/s`;
}

async function main(): Promise<void> {
  if (!existsSync(args.file)) {
    throw new Error(`${args.file} is missing: make it with "node bin/plandesk.js demo --scale large --out ${args.file}"`);
  }
  const work = join(tmpdir(), `plandesk-edit-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const file = join(work, 'edit.plandesk.sqlite');
  const peerFile = join(work, 'peer.plandesk.sqlite');
  copyFileSync(args.file, file);
  copyFileSync(args.file, peerFile);
  try {
    const project = Project.open(file);
    const service = new PlanDeskService(project);
    const total = project.layers().reduce((s, l) => s + l.featureCount, 0);
    const extent = project.extent('parcels');
    if (!extent) throw new Error('the demo has no parcels');
    console.log(`edit throughput on ${args.file}: ${total.toLocaleString('en-US')} features; ${BATCHES} batches × ${PER_BATCH} features`);
    const random = seededRandom(7);
    const point = (): [number, number] => [extent[0] + random() * (extent[2] - extent[0]), extent[1] + random() * (extent[3] - extent[1])];

    // 1. Inserts.
    const inserted: EditOperation[][] = [];
    for (let b = 0; b < BATCHES; b++) {
      inserted.push(
        Array.from({ length: PER_BATCH }, (_, i): EditOperation => ({
          op: 'insert',
          layer: 'water_hydrants',
          uuid: newUuid(),
          properties: { hydrant_type: 'pillar', code: `B${b}-${i}` },
          geometry: { type: 'Point', coordinates: point() },
        })),
      );
    }
    let start = process.hrtime.bigint();
    for (const operations of inserted) await service.editApply({ operations, source: 'import', topology: false });
    const insertS = seconds(start);
    console.log(`  insert            ${rate(BATCHES * PER_BATCH, insertS)}  (${insertS.toFixed(2)} s)`);

    // 2. Attribute updates (parcels' addresses).
    const parcels = project.features('parcels', { limit: BATCHES * PER_BATCH });
    start = process.hrtime.bigint();
    for (let b = 0; b < BATCHES; b++) {
      const operations = parcels.slice(b * PER_BATCH, (b + 1) * PER_BATCH).map(
        (p): EditOperation => ({ op: 'update', layer: 'parcels', uuid: p.uuid, properties: { address: `Số ${b} Nguyễn Huệ` } }),
      );
      await service.editApply({ operations });
    }
    const updateS = seconds(start);
    console.log(`  attribute update  ${rate(parcels.length, updateS)}  (${updateS.toFixed(2)} s)`);

    // 3. Node moves with topology: each valve moves 0.5 m and drags its mains' ends.
    const valves = project.features('water_valves', { limit: PER_BATCH });
    const moveBatch: EditBatch = {
      operations: valves.map((v): EditOperation => {
        const [x, y] = v.geometry.coordinates as number[];
        return { op: 'update', layer: 'water_valves', uuid: v.uuid, geometry: { type: 'Point', coordinates: [(x as number) + 0.5, y as number] } };
      }),
    };
    start = process.hrtime.bigint();
    const moved = await service.editApply(moveBatch);
    const moveS = seconds(start);
    console.log(`  move + topology   ${rate(moved.changes.length, moveS)}  (${valves.length} valves moved, ${moved.changes.length - valves.length} main ends dragged, ${moveS.toFixed(2)} s)`);

    // 4. Deletes.
    start = process.hrtime.bigint();
    const deleted = await service.editApply({ operations: inserted[0]!.map((op) => ({ op: 'delete', layer: 'water_hydrants', uuid: (op as { uuid: string }).uuid })) });
    const deleteS = seconds(start);
    console.log(`  delete            ${rate(deleted.changes.length, deleteS)}  (${deleteS.toFixed(2)} s)`);

    // 5. Undo of the last three batches (delete, move, one attribute batch).
    start = process.hrtime.bigint();
    let undoneFeatures = 0;
    for (let i = 0; i < 3; i++) undoneFeatures += (await service.editUndo()).changes.length;
    const undoS = seconds(start);
    console.log(`  undo              ${rate(undoneFeatures, undoS)}  (3 batches, ${undoneFeatures} features, ${undoS.toFixed(2)} s)`);
    const problems = project.journalProblems();
    console.log(`  journal agrees with the tables: ${problems.length === 0 ? 'yes' : `NO (${problems.length} problems)`}`);
    project.close();

    // Peer: ogr2ogr appends the same inserted features into the same table of a copy.
    Project.open(peerFile).close(); // migrate the copy too, so its journal triggers fire like PlanDesk's
    const now = new Date().toISOString();
    const geojson = join(work, 'hydrants.geojson');
    writeFileSync(
      geojson,
      JSON.stringify({
        type: 'FeatureCollection',
        features: inserted.flat().map((op) => {
          const insert = op as Extract<EditOperation, { op: 'insert' }>;
          return {
            type: 'Feature',
            properties: { uuid: insert.uuid, ...insert.properties, created_at: now, updated_at: now, updated_by: 'ogr2ogr' },
            geometry: insert.geometry,
          };
        }),
      }),
    );
    start = process.hrtime.bigint();
    const ogr = spawnSync('ogr2ogr', ['-append', '-update', '-f', 'SQLite', peerFile, geojson, '-nln', 'water_hydrants', '-gt', 'unlimited', '-a_srs', 'EPSG:5897'], {
      encoding: 'utf8',
    });
    const peerS = seconds(start);
    if (ogr.status !== 0) throw new Error(`ogr2ogr failed: ${ogr.stderr}`);
    const peer = Project.open(peerFile, { readonly: true });
    const peerCount = peer.count('water_hydrants');
    peer.close();
    console.log(`  peer: ogr2ogr -append of the same ${BATCHES * PER_BATCH} points: ${rate(BATCHES * PER_BATCH, peerS)} (${peerS.toFixed(2)} s, layer now ${peerCount})`);
    console.log(`  ratio insert PlanDesk / ogr2ogr: ${(BATCHES * PER_BATCH / insertS / (BATCHES * PER_BATCH / peerS)).toFixed(2)}×`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
