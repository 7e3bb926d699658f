/**
 * Bounding-box query latency of the project store on the large demo, against GDAL reading the
 * same file (`ogrinfo -spat`, one process per query as a user would run it, plus its start-up
 * cost measured alone) and against the same R*Tree SQL run inside one `sqlite3` process (the
 * floor: C only, no decoding into objects). Also times generating the large demo.
 *
 *   node dist/bench/store-bbox.js [--file F] [--scale large|N] [--layer ID] [--queries 200] [--ogr-queries 60]
 * Defaults: a 2.9M-feature demo whose `parcels` layer holds 1,033,211 polygons.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDemoProject } from '../gis-core/demo/write.js';
import { Project } from '../gis-core/store/project.js';
import type { BBox } from '../gis-core/store/types.js';
import { ms, seededRandom, summarize } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    // A demo whose parcels layer alone holds ~1,000,000 polygons (2.9M features in all).
    file: { type: 'string', default: '.bench-data/parcels-1m.plandesk.sqlite' },
    scale: { type: 'string', default: '2900000' },
    layer: { type: 'string', default: 'parcels' },
    queries: { type: 'string', default: '200' },
    'ogr-queries': { type: 'string', default: '60' },
    // A viewport of 1920 × 1080 px at 0.25 m/px (about 1:1000 on screen).
    'box-width': { type: 'string', default: '480' },
    'box-height': { type: 'string', default: '270' },
  },
});

function wallMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function generateIfMissing(file: string): void {
  if (existsSync(file)) {
    console.log(`using existing ${file} (delete it to time generation again)`);
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  const start = process.hrtime.bigint();
  const scale = /^\d+$/.test(args.scale) ? Number(args.scale) : args.scale;
  writeDemoProject(file, { scale: scale as never, seed: 2025 });
  const elapsed = wallMs(start);
  console.log(`generate demo --scale ${args.scale}: ${(elapsed / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

function pickBoxes(extent: BBox, count: number, width: number, height: number): BBox[] {
  const random = seededRandom(42);
  const boxes: BBox[] = [];
  for (let i = 0; i < count; i++) {
    const x = extent[0] + random() * Math.max(0, extent[2] - extent[0] - width);
    const y = extent[1] + random() * Math.max(0, extent[3] - extent[1] - height);
    boxes.push([x, y, x + width, y + height]);
  }
  return boxes;
}

function ogrinfo(file: string, layer: string, box: BBox): { ms: number; count: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync('ogrinfo', ['-ro', '-q', file, layer, '-spat', ...box.map(String)], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const elapsed = wallMs(start);
  if (result.status !== 0) throw new Error(`ogrinfo failed: ${result.stderr}`);
  return { ms: elapsed, count: (result.stdout.match(/^OGRFeature\(/gm) ?? []).length };
}

/** Mean time per query of the same SQL inside one sqlite3 process, start-up subtracted. */
function sqliteBatchMean(file: string, layer: string, boxes: readonly BBox[], srid: number): number {
  const dir = join(dirname(file), 'sql');
  mkdirSync(dir, { recursive: true });
  const load = `.load mod_spatialite\n`;
  const queries = boxes
    .map(
      ([a, b, c, d]) =>
        `SELECT t.*, AsBinary(t.geom) FROM "${layer}" t WHERE t.id IN (SELECT pkid FROM "idx_${layer}_geom" WHERE xmin <= ${c} AND xmax >= ${a} AND ymin <= ${d} AND ymax >= ${b}) ` +
        `AND (MbrWithin(t.geom, BuildMbr(${a}, ${b}, ${c}, ${d}, ${srid})) OR ST_Intersects(t.geom, BuildMbr(${a}, ${b}, ${c}, ${d}, ${srid})));`,
    )
    .join('\n');
  writeFileSync(join(dir, 'empty.sql'), `${load}SELECT 1;\n`);
  writeFileSync(join(dir, 'queries.sql'), `${load}${queries}\n`);
  const run = (name: string): number => {
    const start = process.hrtime.bigint();
    const result = spawnSync('sh', ['-c', `sqlite3 -readonly '${file}' < '${join(dir, name)}' > /dev/null`]);
    if (result.status !== 0) throw new Error(`sqlite3 failed: ${result.stderr}`);
    return wallMs(start);
  };
  run('queries.sql'); // warm the page cache like the other two
  const empty = Math.min(run('empty.sql'), run('empty.sql'));
  const total = Math.min(run('queries.sql'), run('queries.sql'));
  rmSync(dir, { recursive: true, force: true });
  return (total - empty) / boxes.length;
}

function main(): void {
  const file = args.file;
  generateIfMissing(file);
  const project = Project.open(file, { readonly: true });
  const layers = project.layers();
  const total = layers.reduce((s, l) => s + l.featureCount, 0);
  const layer = args.layer ? layers.find((l) => l.id === args.layer) : [...layers].sort((a, b) => b.featureCount - a.featureCount)[0];
  if (!layer?.extent) throw new Error('no layer with features to query');
  const srid = project.info().crsEpsg;
  const boxes = pickBoxes(layer.extent, Number(args.queries), Number(args['box-width']), Number(args['box-height']));
  console.log(`project: ${total.toLocaleString('en-US')} features in ${layers.length} layers; querying "${layer.id}" (${layer.featureCount.toLocaleString('en-US')} features)`);
  console.log(`${boxes.length} boxes of ${args['box-width']} × ${args['box-height']} m at seeded random places in the layer's extent\n`);

  // Warm-up: page cache and statement cache, for all three alike.
  for (const box of boxes.slice(0, 20)) project.features(layer.id, { bbox: box, bboxTest: 'exact' });

  const storeExact: number[] = [];
  const storeEnvelope: number[] = [];
  const counts: number[] = [];
  for (const box of boxes) {
    let start = process.hrtime.bigint();
    counts.push(project.features(layer.id, { bbox: box, bboxTest: 'exact' }).length);
    storeExact.push(wallMs(start));
    start = process.hrtime.bigint();
    project.features(layer.id, { bbox: box });
    storeEnvelope.push(wallMs(start));
  }

  const ogrBoxes = boxes.slice(0, Number(args['ogr-queries']));
  const far: BBox = [0, 0, 1, 1];
  const ogrStartup = summarize(ogrBoxes.slice(0, 15).map(() => ogrinfo(file, layer.id, far).ms));
  const ogr: number[] = [];
  let mismatches = 0;
  ogrBoxes.forEach((box, i) => {
    const result = ogrinfo(file, layer.id, box);
    ogr.push(result.ms);
    if (result.count !== counts[i]) mismatches++;
  });
  const sqliteMean = sqliteBatchMean(file, layer.id, boxes, srid);
  project.close();

  const exact = summarize(storeExact);
  const envelope = summarize(storeEnvelope);
  const ogrSummary = summarize(ogr);
  const featuresPerBox = summarize(counts);
  const rows: [string, string, string, string][] = [
    ['PlanDesk store, exact test (→ GeoJSON objects)', ms(exact.p50), ms(exact.p95), ms(exact.mean)],
    ['PlanDesk store, envelope test (map rendering)', ms(envelope.p50), ms(envelope.p95), ms(envelope.mean)],
    [`ogrinfo -spat (${ogrBoxes.length} processes)`, ms(ogrSummary.p50), ms(ogrSummary.p95), ms(ogrSummary.mean)],
    ['ogrinfo start-up alone (empty box)', ms(ogrStartup.p50), ms(ogrStartup.p95), ms(ogrStartup.mean)],
    ['same SQL in one sqlite3 process (mean only)', '', '', ms(sqliteMean)],
  ];
  console.log(`features per box: p50 ${featuresPerBox.p50}, p95 ${featuresPerBox.p95}, max ${featuresPerBox.max}`);
  console.log(`ogrinfo and the store returned the same count for ${ogrBoxes.length - mismatches}/${ogrBoxes.length} boxes\n`);
  console.log('| query | p50 ms | p95 ms | mean ms |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  const ogrNet = ogrSummary.p50 - ogrStartup.p50;
  console.log(`\nratios (p50): store/ogrinfo ${(exact.p50 / ogrSummary.p50).toFixed(3)}, ` +
    `store/(ogrinfo − start-up) ${(exact.p50 / ogrNet).toFixed(2)}, store mean/sqlite3 mean ${(exact.mean / sqliteMean).toFixed(2)}`);
  if (mismatches > 0) process.exitCode = 1;
}

main();
