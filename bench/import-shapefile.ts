/**
 * Import of a 1,000,000-feature shapefile into a layer (gis-core/io/import.ts: GDAL reads,
 * PlanDesk maps, checks and writes ONE journaled, undoable edit batch), against raw
 * `ogr2ogr` of the same file into SpatiaLite (new table with its spatial index, one
 * transaction) in the same run. Memory: PlanDesk's peak RSS (sampled) and ogr2ogr's max RSS.
 *
 * The shapefile is made once from the 1M-parcel demo with ogr2ogr (layer fields only).
 *
 *   node dist/bench/import-shapefile.js [--file .bench-data/parcels-1m.plandesk.sqlite] [--features 1000000]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importFile } from '../gis-core/io/import.js';
import { Project } from '../gis-core/store/project.js';
import { getLayer } from '../layers/index.js';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: '.bench-data/parcels-1m.plandesk.sqlite' },
    features: { type: 'string', default: '1000000' },
  },
});
const FEATURES = Number(args.features);

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

function run(tool: string, argv: string[]): { seconds: number; maxRssKib: number } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', tool, ...argv], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  return { seconds: seconds(t0), maxRssKib: Number(lines.at(-1)) };
}

async function main(): Promise<void> {
  if (!existsSync(args.file)) throw new Error(`${args.file} is missing: make it with "node bin/plandesk.js demo --scale … --out ${args.file}"`);
  const dataDir = '.bench-data';
  const shp = join(dataDir, `parcels-${FEATURES}.shp`);
  const layer = getLayer('parcels');
  if (!existsSync(shp)) {
    const fields = layer.fields.filter((f) => !f.derived).map((f) => f.key);
    process.stderr.write(`making ${shp} from ${args.file} …\n`);
    run('ogr2ogr', ['-f', 'ESRI Shapefile', shp, args.file, 'parcels', '-select', fields.join(','), '-limit', String(FEATURES), '-lco', 'ENCODING=UTF-8', '-nlt', 'POLYGON']);
  }
  const source = Project.open(args.file, { readonly: true });
  const info = source.info();
  source.close();

  const work = join(tmpdir(), `plandesk-import-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    // PlanDesk
    const file = join(work, 'import.plandesk.sqlite');
    const project = Project.create(file, { name: 'bench', province: info.province, crsEpsg: info.crsEpsg, layers: ['parcels'] });
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const phases: Record<string, number> = {};
    let phaseStart = process.hrtime.bigint();
    let phase = '';
    const t0 = process.hrtime.bigint();
    const result = await importFile(project, shp, {
      layer: 'parcels',
      saveMapping: false,
      onProgress: (p) => {
        if (p !== phase) {
          if (phase) phases[phase] = (phases[phase] ?? 0) + seconds(phaseStart);
          phase = p;
          phaseStart = process.hrtime.bigint();
        }
      },
    });
    if (phase) phases[phase] = (phases[phase] ?? 0) + seconds(phaseStart);
    const plandeskSeconds = seconds(t0);
    clearInterval(sampler);
    // The write is one synchronous transaction the sampler cannot interrupt: the OS's max RSS covers it.
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    const count = project.count('parcels');
    project.close();
    if (result.imported !== count || result.rejected.length) throw new Error(`imported ${result.imported}, in the layer ${count}, rejected ${result.rejected.length}`);

    // Peer: raw ogr2ogr into SpatiaLite.
    const peer = join(work, 'peer.sqlite');
    const ogr = run('ogr2ogr', ['-f', 'SQLite', '-dsco', 'SPATIALITE=YES', peer, shp, '-nln', 'parcels', '-gt', 'unlimited', '-nlt', 'POLYGON']);

    const rows = [
      ['PlanDesk import (one edit batch)', plandeskSeconds, count / plandeskSeconds, mib(peak)],
      ['peer: ogr2ogr → SpatiaLite', ogr.seconds, count / ogr.seconds, mib(ogr.maxRssKib * 1024)],
    ] as const;
    console.log(`\nImport of ${count.toLocaleString('en-US')} parcels (shapefile, EPSG:${info.crsEpsg}) — ${new Date().toISOString()}`);
    console.log('| run | seconds | features/s | peak memory |');
    console.log('|---|---:|---:|---:|');
    for (const [name, s, rate, mem] of rows) console.log(`| ${name} | ${s.toFixed(1)} | ${Math.round(rate).toLocaleString('en-US')} | ${mem} |`);
    console.log(`| **ratio PlanDesk / ogr2ogr (time)** | **${(plandeskSeconds / ogr.seconds).toFixed(2)}×** | | |`);
    console.log(`phases (s): ${Object.entries(phases).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
    console.log(JSON.stringify({ features: count, plandesk: { seconds: plandeskSeconds, peakRssBytes: peak, phases }, ogr2ogr: { seconds: ogr.seconds, maxRssKib: ogr.maxRssKib } }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
