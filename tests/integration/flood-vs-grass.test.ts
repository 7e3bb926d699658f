/**
 * PlanDesk's inundation against GRASS GIS `r.lake`, run by the test in a throwaway location:
 * the same flooded cells (IoU = 1.0) and depths within 1 mm, on the demo DEM and on synthetic
 * DEMs with known basins, for several levels and seeds. Counts are printed per case.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDemoProject } from '../../gis-core/demo/write.js';
import { inundate } from '../../gis-core/flood/inundate.js';
import type { Dem, RasterGrid } from '../../gis-core/raster/grid.js';
import { readDem } from '../../gis-core/raster/read-geotiff.js';
import { writeFloat32GeoTiff } from '../../gis-core/raster/write-geotiff.js';
import { GrassLocation, grassVersion } from '../helpers/grass.js';
import { tempDir } from '../helpers/temp.js';

/** Cell-by-cell comparison of two depth rasters (NaN = dry): counts, IoU, largest depth gap. */
interface DepthComparison {
  readonly cells: number;
  readonly ours: number;
  readonly theirs: number;
  readonly both: number;
  /** |ours ∩ theirs| / |ours ∪ theirs|; 1 when both are empty. */
  readonly iou: number;
  /** Largest |ours − theirs| over cells flooded in both (m). */
  readonly maxDepthDiff: number;
}

function compareDepths(ours: Float32Array, theirs: Float32Array): DepthComparison {
  if (ours.length !== theirs.length) throw new Error(`depth rasters differ in size: ${ours.length} vs ${theirs.length}`);
  let a = 0;
  let b = 0;
  let both = 0;
  let diff = 0;
  for (let i = 0; i < ours.length; i++) {
    const x = ours[i] as number;
    const y = theirs[i] as number;
    const wa = !Number.isNaN(x);
    const wb = !Number.isNaN(y);
    if (wa) a++;
    if (wb) b++;
    if (wa && wb) {
      both++;
      diff = Math.max(diff, Math.abs(x - y));
    }
  }
  const union = a + b - both;
  return { cells: ours.length, ours: a, theirs: b, both, iou: union === 0 ? 1 : both / union, maxDepthDiff: diff };
}

/** Cell-wise union of depth rasters (NaN = dry), as r.lake from several seeds one by one. */
function unionDepths(rasters: readonly Float32Array[], n: number): Float32Array {
  const out = new Float32Array(n).fill(NaN);
  for (const r of rasters) for (let i = 0; i < n; i++) if (!Number.isNaN(r[i] as number)) out[i] = r[i] as number;
  return out;
}

const dir = tempDir('plandesk-flood-grass-');
const NODATA = -9999;
const _ = NaN;
let grass: GrassLocation;
let runs = 0;
const totals = { cases: 0, cells: 0, flooded: 0, maxDepthDiff: 0 };

beforeAll(() => {
  // Fails (not skips) without GRASS, with the way to get it.
  grassVersion();
  grass = new GrassLocation(dir, 5897);
});

function centre(g: RasterGrid, cell: number): [number, number] {
  const row = Math.floor(cell / g.columns);
  const col = cell - row * g.columns;
  return [g.originX + (col + 0.5) * g.cellX, g.originY - (row + 0.5) * g.cellY];
}

/** r.lake's depth for one seed cell, or null when r.lake refuses a seed not below the level. */
async function rLake(dem: Dem, name: string, level: number, cell: number, padEast = true): Promise<Float32Array | null> {
  const [x, y] = centre(dem.grid, cell);
  const out = join(dir, `lake-${++runs}.tif`);
  if (!grass.lake(name, level, x, y, out, { padEast })) return null;
  const lake = await readDem(out);
  expect(lake.grid.columns).toBe(dem.grid.columns);
  expect(lake.grid.rows).toBe(dem.grid.rows);
  return lake.values;
}

/** Ours vs r.lake from the same seeds (several seeds: the union of r.lake runs, one per seed). */
async function check(label: string, dem: Dem, name: string, level: number, seeds: number[]): Promise<DepthComparison> {
  const ours = inundate({ values: dem.values, columns: dem.grid.columns, rows: dem.grid.rows, level, seeds });
  const lakes: Float32Array[] = [];
  for (const s of seeds) {
    const lake = await rLake(dem, name, level, s);
    if (lake) lakes.push(lake);
    else expect(ours.seeds.find((r) => r.cell === s)?.outcome, `${label}: r.lake refused seed ${s}`).toBe('above-level');
  }
  const c = compareDepths(ours.depth, unionDepths(lakes, dem.values.length));
  console.log(
    `${label}: level ${level}, ${seeds.length} seed(s): ${c.cells} cells compared, flooded ours ${c.ours} / r.lake ${c.theirs} / both ${c.both}, IoU ${c.iou}, max depth diff ${c.maxDepthDiff.toExponential(2)} m`,
  );
  expect(c.ours, label).toBe(c.theirs);
  expect(c.iou, label).toBe(1);
  expect(c.maxDepthDiff, label).toBeLessThanOrEqual(0.001);
  totals.cases++;
  totals.cells += c.cells;
  totals.flooded += c.both;
  totals.maxDepthDiff = Math.max(totals.maxDepthDiff, c.maxDepthDiff);
  return c;
}

/** A synthetic DEM (rows of values, NaN = nodata) written as GeoTIFF and imported into GRASS. */
async function synthetic(name: string, rows: number[][]): Promise<{ dem: Dem; name: string }> {
  const columns = (rows[0] as number[]).length;
  const grid: RasterGrid = { columns, rows: rows.length, originX: 560000, originY: 1150000, cellX: 2, cellY: 2, epsg: 5897 };
  const file = join(dir, `${name}.tif`);
  writeFloat32GeoTiff(file, grid, rows.map((r) => Float32Array.from(r, (v) => (Number.isNaN(v) ? NODATA : v))), { nodata: NODATA });
  return { dem: await readDem(file), name: grass.importRaster(file) };
}

const at = (dem: Dem, row: number, col: number) => row * dem.grid.columns + col;

describe('inundation equals GRASS r.lake', () => {
  it('two basins separated by a ridge: a seed in one does not flood the other until the water tops the ridge', async () => {
    const { dem, name } = await synthetic('ridge', [
      [9, 9, 9, 9, 9, 9, 9, 9, 9],
      [9, 2, 2, 3, 5, 3, 1, 1, 9],
      [9, 1, 0.5, 2, 5, 2, 0.2, 1, 9],
      [9, 2, 1, 3, 5, 3, 1, 2, 9],
      [9, 9, 9, 9, 9, 9, 9, 9, 9],
    ]);
    const west = at(dem, 2, 2);
    const east = at(dem, 2, 6);
    expect((await check('ridge, level 2.5, west seed', dem, name, 2.5, [west])).both).toBe(7);
    expect((await check('ridge, level 4.9, west seed', dem, name, 4.9, [west])).both).toBe(9);
    expect((await check('ridge, level 6, west seed', dem, name, 6, [west])).both).toBe(21);
    await check('ridge, level 1.5, both seeds', dem, name, 1.5, [west, east]);
    // At exactly a cell's elevation the cell stays dry (strict <).
    expect((await check('ridge, level 2 (= some cells)', dem, name, 2, [west])).both).toBe(3);
  });

  it('connects through a diagonal only, and nodata blocks', async () => {
    const { dem, name } = await synthetic('diagonal', [
      [9, 9, 9, 9, 9, 9, 9],
      [9, 1, 1, 9, 9, 9, 9],
      [9, 1, 1, 9, 9, 9, 9],
      [9, 9, 9, 1, 1, 9, 9],
      [9, 9, 9, 1, _, 1, 9],
      [9, _, _, 9, 1, 1, 9],
      [9, _, 1, _, 9, 9, 9],
      [9, 9, 9, 9, 9, 9, 9],
    ]);
    const c = await check('diagonal + nodata, level 2', dem, name, 2, [at(dem, 1, 1)]);
    expect(c.both).toBe(4 + 3 + 3);
    await check('diagonal + nodata, level 2, from the far end', dem, name, 2, [at(dem, 5, 5)]);
    expect((await check('isolated pocket behind nodata', dem, name, 2, [at(dem, 6, 2)])).both).toBe(1);
  });

  it('a level below every cell, or a seed on a high cell, floods nothing (r.lake refuses the seed)', async () => {
    const { dem, name } = await synthetic('bowl', [
      [5, 5, 5, 5, 5],
      [5, 3, 2, 3, 5],
      [5, 2, 1, 2, 5],
      [5, 3, 2, 3, 5],
      [5, 5, 5, 5, 5],
    ]);
    expect((await check('level below every cell', dem, name, 0.5, [at(dem, 2, 2)])).both).toBe(0);
    expect((await check('seed on the rim', dem, name, 4, [at(dem, 0, 0)])).both).toBe(0);
    expect((await check('seed on the rim and in the bowl', dem, name, 4, [at(dem, 0, 0), at(dem, 2, 2)])).both).toBe(9);
    expect((await check('bowl, level 2.5', dem, name, 2.5, [at(dem, 1, 2)])).both).toBe(5);
  });

  it('r.lake without the padding column drops water in the last column (the bug the helper works around)', async () => {
    const { dem, name } = await synthetic('east-edge', [
      [5, 5, 5, 1, 1],
      [5, 1, 1, 5, 1],
      [5, 5, 5, 5, 1],
    ]);
    const seed = at(dem, 1, 1);
    const raw = await rLake(dem, name, 2, seed, false);
    const padded = await rLake(dem, name, 2, seed, true);
    expect(Number.isNaN((raw as Float32Array)[at(dem, 2, 4)])).toBe(true);
    expect((padded as Float32Array)[at(dem, 2, 4)]).toBe(1);
    expect((await check('east edge', dem, name, 2, [seed])).both).toBe(6);
  });

  it('on the demo DEM, for several levels and seeds', async () => {
    const demo = writeDemoProject(join(dir, 'demo.plandesk.sqlite'), { scale: 'small' });
    const dem = await readDem(demo.terrainFile);
    const name = grass.importRaster(demo.terrainFile);
    const v = dem.values;
    // Seeds: the first river/canal cell (0.3 m), an inland cell near 1.2 m, and a cell near the east edge.
    const water = v.findIndex((e) => e === Math.fround(0.3));
    const inland = v.findIndex((e) => e > 1.15 && e < 1.25);
    let east = -1;
    for (let r = 0; r < dem.grid.rows && east < 0; r++) {
      const k = r * dem.grid.columns + dem.grid.columns - 1;
      if ((v[k] as number) < 1.0) east = k;
    }
    expect(Math.min(water, inland, east)).toBeGreaterThanOrEqual(0);
    for (const level of [0.31, 0.8, 1.3, 1.75]) await check(`demo, water seed`, dem, name, level, [water]);
    for (const level of [1.25, 1.6]) await check(`demo, inland seed`, dem, name, level, [inland]);
    await check('demo, east-edge seed', dem, name, 1.1, [east]);
    await check('demo, three seeds', dem, name, 1.3, [water, inland, east]);
    console.log(
      `r.lake comparison (${grassVersion()}): ${totals.cases} cases, ${totals.cells} cells compared, ${totals.flooded} flooded cells matched, IoU 1.0 in every case, max depth diff ${totals.maxDepthDiff.toExponential(2)} m`,
    );
  }, 240_000);
});
