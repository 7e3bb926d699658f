/**
 * Connected inundation speed and memory: PlanDesk's flood (gis-core/flood/inundate.ts, the r.lake
 * rule) against GRASS GIS `r.lake` on the same synthetic DEMs (2000² and 4000² cells by default),
 * in the same run, from the same seed at the same level. Each side runs in its own process so its
 * peak memory is its own:
 * - PlanDesk: `node` child reading the GeoTIFF (geotiff.js) and flooding; times reported apart
 *   (read, flood, and the arrival-level pass the level slider uses), peak RSS of the child;
 * - GRASS: `r.lake` on the DEM imported once (r.in.gdal, timed apart), run through
 *   `grass MAPSET --exec` (wall time, minus GRASS's own start-up measured with `g.region -p`),
 *   peak RSS from `/usr/bin/time` (the largest process of the run).
 * Both must flood the same number of cells (r.lake's region is padded one null column east, see
 * tests/helpers/grass.ts).
 *
 *   node dist/bench/flood-vs-rlake.js [--sizes 2000,4000] [--runs 3] [--dir .bench-data/flood]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { arrivalLevels } from '../gis-core/flood/fill.js';
import { inundate } from '../gis-core/flood/inundate.js';
import type { RasterGrid } from '../gis-core/raster/grid.js';
import { readDem } from '../gis-core/raster/read-geotiff.js';
import { writeFloat32GeoTiff } from '../gis-core/raster/write-geotiff.js';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sizes: { type: 'string', default: '2000,4000' },
    runs: { type: 'string', default: '3' },
    dir: { type: 'string', default: '.bench-data/flood' },
    child: { type: 'boolean', default: false },
  },
});

const EPSG = 5897;
const CELL = 2;
const LEVEL = 2.0;

function wallMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** A delta-like surface: broad basins and ridges, a finer ripple, deterministic. */
function makeDem(file: string, n: number): RasterGrid {
  const grid: RasterGrid = { columns: n, rows: n, originX: 560000, originY: 1160000 + n * CELL, cellX: CELL, cellY: CELL, epsg: EPSG };
  function* rows(): Generator<Float32Array> {
    for (let r = 0; r < n; r++) {
      const row = new Float32Array(n);
      for (let c = 0; c < n; c++) {
        row[c] = 2 + 1.5 * Math.sin(r / 97) * Math.cos(c / 131) + 0.3 * Math.sin((r + 2 * c) / 23) + 0.05 * Math.sin(r * 12.9898 + c * 78.233);
      }
      yield row;
    }
  }
  writeFloat32GeoTiff(file, grid, rows(), { nodata: -9999 });
  return grid;
}

/** The child: read, flood, arrival levels; prints JSON. */
async function child(file: string, level: number, x: number, y: number): Promise<void> {
  let t = process.hrtime.bigint();
  const dem = await readDem(file);
  const readMs = wallMs(t);
  const g = dem.grid;
  const seed = Math.floor((g.originY - y) / g.cellY) * g.columns + Math.floor((x - g.originX) / g.cellX);
  t = process.hrtime.bigint();
  const flood = inundate({ values: dem.values, columns: g.columns, rows: g.rows, level, seeds: [seed] });
  const floodMs = wallMs(t);
  const rssAfterFlood = process.resourceUsage().maxRSS * 1024;
  t = process.hrtime.bigint();
  const arrival = arrivalLevels(dem.values, g.columns, g.rows, [seed]);
  const arrivalMs = wallMs(t);
  let check = 0;
  const l = Math.fround(level);
  for (const a of arrival) if (a < l) check++;
  process.stdout.write(
    `${JSON.stringify({ readMs, floodMs, arrivalMs, cells: g.columns * g.rows, flooded: flood.floodedCells, arrivalAgrees: check === flood.floodedCells, rssAfterFlood, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`,
  );
}

interface Timed {
  readonly ms: number;
  readonly maxRss: number;
  readonly out: string;
}

/** Runs a command under /usr/bin/time: wall ms and peak RSS (bytes). */
function timed(command: string, argv: string[]): Timed {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS_KB=%M', command, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = wallMs(start);
  if (r.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  const kb = Number(/MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ms, maxRss: kb * 1024, out: `${r.stdout}\n${r.stderr}` };
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

function rate(cells: number, ms: number): string {
  return `${((cells / ms) * 1000 / 1e6).toFixed(1)} M cells/s`;
}

async function main(): Promise<void> {
  if (args.child) {
    const [file, level, x, y] = positionals;
    await child(file as string, Number(level), Number(x), Number(y));
    return;
  }
  const sizes = args.sizes.split(',').map(Number);
  const runs = Number(args.runs);
  const dir = resolve(args.dir);
  mkdirSync(dir, { recursive: true });
  const self = fileURLToPath(import.meta.url);
  const grassVersion = spawnSync('grass', ['--version'], { encoding: 'utf8' });
  if (grassVersion.status !== 0) throw new Error('GRASS GIS (`grass`) is not installed: scripts/setup.sh installs grass-core');
  const location = join(dir, 'grass-loc');
  rmSync(location, { recursive: true, force: true });
  const made = spawnSync('grass', ['-c', `EPSG:${EPSG}`, location, '-e'], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`grass -c failed: ${made.stderr}`);
  const mapset = join(location, 'PERMANENT');
  const grass = (...a: string[]) => timed('grass', [mapset, '--exec', ...a]);
  console.log(`PlanDesk flood vs ${(grassVersion.stdout || grassVersion.stderr).split('\n')[0]} r.lake; node ${process.version}; ${runs} runs each, medians`);
  const startup = median(Array.from({ length: runs }, () => grass('g.region', '-p').ms));
  console.log(`GRASS --exec start-up (g.region -p): ${startup.toFixed(0)} ms (subtracted from r.lake below)\n`);

  for (const n of sizes) {
    const file = join(dir, `synthetic-${n}.tif`);
    let t = process.hrtime.bigint();
    const existed = existsSync(file);
    const grid = existed ? (await readDem(file)).grid : makeDem(file, n);
    const makeMs = wallMs(t);
    // The seed: the lowest cell of a basin near the centre (found by PlanDesk's reader once).
    const dem = await readDem(file);
    let seed = 0;
    const r0 = Math.floor(n * 0.4);
    seed = r0 * n + r0;
    for (let r = r0; r < n * 0.6; r++) for (let c = r0; c < n * 0.6; c++) if ((dem.values[r * n + c] as number) < (dem.values[seed] as number)) seed = r * n + c;
    const x = grid.originX + ((seed % n) + 0.5) * CELL;
    const y = grid.originY - (Math.floor(seed / n) + 0.5) * CELL;
    const cells = n * n;
    console.log(`${n}×${n} = ${(cells / 1e6).toFixed(1)} M cells (DEM ${existed ? 'read' : 'written'} in ${(makeMs / 1000).toFixed(1)} s), level ${LEVEL} m, seed ${x},${y}`);

    const ours = Array.from({ length: runs }, () => {
      const r = spawnSync(process.execPath, [self, '--child', file, String(LEVEL), String(x), String(y)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (r.status !== 0) throw new Error(`PlanDesk child failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as { readMs: number; floodMs: number; arrivalMs: number; flooded: number; arrivalAgrees: boolean; rssAfterFlood: number; maxRss: number };
    });

    t = process.hrtime.bigint();
    const name = `dem${n}`;
    grass('r.in.gdal', `input=${file}`, `output=${name}`, '--overwrite', '--quiet');
    const importMs = wallMs(t);
    grass('g.region', `raster=${name}`, `e=${grid.originX + n * CELL + CELL}`);
    const lakes = Array.from({ length: runs }, () => grass('r.lake', `elevation=${name}`, `water_level=${LEVEL}`, `coordinates=${x},${y}`, `lake=${name}_lake`, '--overwrite', '--quiet'));
    const univar = grass('r.univar', '-g', `map=${name}_lake`).out;
    const grassFlooded = Number(/^n=(\d+)/m.exec(univar)?.[1] ?? NaN);

    const floodMs = median(ours.map((o) => o.floodMs));
    const readMs = median(ours.map((o) => o.readMs));
    const arrivalMs = median(ours.map((o) => o.arrivalMs));
    const lakeWall = median(lakes.map((l) => l.ms));
    const lakeMs = Math.max(1, lakeWall - startup);
    const flooded = ours[0]!.flooded;
    console.log(`  flooded cells: PlanDesk ${flooded.toLocaleString('en-US')}, r.lake ${grassFlooded.toLocaleString('en-US')} ${flooded === grassFlooded ? '(identical count)' : '(DIFFERENT)'}; arrival levels agree: ${ours.every((o) => o.arrivalAgrees)}`);
    console.log(`  PlanDesk inundate:      ${floodMs.toFixed(0).padStart(6)} ms  ${rate(cells, floodMs)}   (+ read GeoTIFF ${readMs.toFixed(0)} ms; arrival levels for the slider ${arrivalMs.toFixed(0)} ms)`);
    console.log(`  GRASS r.lake:           ${lakeMs.toFixed(0).padStart(6)} ms  ${rate(cells, lakeMs)}   (wall ${lakeWall.toFixed(0)} ms incl. start-up; r.in.gdal import ${importMs.toFixed(0)} ms)`);
    console.log(`  ratio (r.lake / PlanDesk): flood ${(lakeMs / floodMs).toFixed(1)}×; PlanDesk read+flood vs r.lake alone ${(lakeMs / (readMs + floodMs)).toFixed(2)}×`);
    console.log(`  peak RSS: PlanDesk child ${mb(median(ours.map((o) => o.rssAfterFlood)))} after the flood (${mb(median(ours.map((o) => o.maxRss)))} with the arrival pass), r.lake run ${mb(median(lakes.map((l) => l.maxRss)))}\n`);
  }
}

await main();
