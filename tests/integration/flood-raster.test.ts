/**
 * DEM reading (geotiff.js) and depth writing (GDAL) on real files, bad DEMs with clear errors,
 * and `plandesk flood` end to end on the demo project (gdalinfo as the independent reader).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../gis-core/cli/main.js';
import { writeDemoProject } from '../../gis-core/demo/write.js';
import type { FloodScenarioResult as FloodSummary } from '../../gis-core/flood/scenario.js';
import type { RasterGrid } from '../../gis-core/raster/grid.js';
import { readDem } from '../../gis-core/raster/read-geotiff.js';
import { writeFloat32GeoTiff } from '../../gis-core/raster/write-geotiff.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-flood-raster-');
const grid: RasterGrid = { columns: 3, rows: 2, originX: 560000, originY: 1150000, cellX: 2, cellY: 2, epsg: 5897 };

function write(name: string, rows: number[][], g: RasterGrid = grid): string {
  const file = join(dir, name);
  writeFloat32GeoTiff(file, g, rows.map((r) => Float32Array.from(r)), { nodata: -9999 });
  return file;
}

function gdal(args: string[]): void {
  execFileSync('gdal_translate', ['-q', ...args]);
}

describe('DEM GeoTIFF reading', () => {
  it('reads Float32 tiled with nodata, and the same as Int16 striped', async () => {
    const file = write('f32.tif', [
      [1.5, 2, -9999],
      [3, 4.25, 5],
    ]);
    const dem = await readDem(file);
    expect(dem.grid).toEqual(grid);
    expect(dem.nodata).toBe(-9999);
    expect(Array.from(dem.values)).toEqual([1.5, 2, NaN, 3, 4.25, 5]);
    const i16 = join(dir, 'i16.tif');
    gdal(['-ot', 'Int16', '-co', 'TILED=NO', file, i16]);
    const dem16 = await readDem(i16);
    expect(dem16.grid).toEqual(grid);
    // gdal_translate rounds 1.5 to 2 and 4.25 to 4 when it makes the Int16 file.
    expect(Array.from(dem16.values)).toEqual([2, 2, NaN, 3, 4, 5]);
  });

  it('refuses unreadable, CRS-less, all-nodata and 1×1 files with clear messages', async () => {
    const junk = join(dir, 'junk.tif');
    writeFileSync(junk, 'not a tiff');
    await expect(readDem(junk)).rejects.toMatchObject({ code: 'FILE_CORRUPT', message: expect.stringContaining('junk.tif is not a readable GeoTIFF') });
    await expect(readDem(join(dir, 'missing.tif'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    const custom = join(dir, 'custom-crs.tif');
    gdal(['-a_srs', '+proj=tmerc +lon_0=104.7 +k=0.9999 +x_0=500000 +ellps=WGS84 +units=m', write('c.tif', [[1, 2, 3], [4, 5, 6]]), custom]);
    await expect(readDem(custom)).rejects.toMatchObject({ code: 'UNKNOWN_CRS', message: expect.stringContaining('custom-crs.tif has no EPSG') });
    await expect(readDem(write('empty.tif', [[-9999, -9999, -9999], [-9999, -9999, -9999]]))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('every cell is nodata'),
    });
    await expect(readDem(write('one.tif', [[1]], { ...grid, columns: 1, rows: 1 }))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('1×1'),
    });
  });
});

describe('plandesk flood', () => {
  const out: string[] = [];
  const err: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    out.length = 0;
    err.length = 0;
  });
  function capture() {
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  }

  it('floods the demo from the project terrain and writes a depth GeoTIFF', async () => {
    const demo = writeDemoProject(join(dir, 'demo.plandesk.sqlite'), { scale: 'small' });
    const dem = await readDem(demo.terrainFile);
    const water = dem.values.findIndex((e) => e === Math.fround(0.3));
    const row = Math.floor(water / dem.grid.columns);
    const x = dem.grid.originX + (water - row * dem.grid.columns + 0.5) * 2;
    const y = dem.grid.originY - (row + 0.5) * 2;
    const depthFile = join(dir, 'depth.tif');
    capture();
    const code = await runCli(['flood', demo.file, '--level', '1.0', '--seed', `${x},${y}`, '--seed', `${x},${y}`, '--out', depthFile, '--json']);
    vi.restoreAllMocks();
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(out.join('')) as FloodSummary;
    expect(summary.epsg).toBe(5897);
    expect(summary.floodedCells).toBeGreaterThan(1000);
    expect(summary.areaM2).toBe(summary.floodedCells * 4);
    expect(summary.maxDepthM).toBeCloseTo(0.7, 5);
    expect(summary.meanDepthM).toBeGreaterThan(0);
    expect(summary.seeds.map((s) => s.outcome)).toEqual(['floods', 'floods']);
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', '-stats', depthFile], { encoding: 'utf8' })) as {
      size: number[];
      bands: { type: string; noDataValue: number; maximum: number }[];
      coordinateSystem: { wkt: string };
    };
    expect(info.size).toEqual([dem.grid.columns, dem.grid.rows]);
    expect(info.bands[0]?.type).toBe('Float32');
    expect(info.bands[0]?.noDataValue).toBe(-9999);
    expect(info.bands[0]?.maximum).toBeCloseTo(0.7, 5);
    expect(info.coordinateSystem.wkt).toContain('"EPSG",5897');
    const depth = await readDem(depthFile);
    expect(depth.values.reduce((n, v) => n + (Number.isNaN(v) ? 0 : 1), 0)).toBe(summary.floodedCells);
  }, 60_000);

  it('says when a seed floods nothing, and refuses bad arguments in one line', async () => {
    const file = write('small.tif', [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const project = join(dir, 'demo.plandesk.sqlite');
    capture();
    expect(await runCli(['flood', project, '--dem', file, '--level', '0.5', '--seed', '560001,1149999', '--out', join(dir, 'd.tif')])).toBe(0);
    expect(out.join('')).toMatch(/flooded:\s+0 cells/);
    expect(out.join('')).toContain('note: seed 560001,1149999 is at 1.000 m, not below the level: it floods nothing');
    expect(await runCli(['flood', project, '--dem', file, '--level', 'high', '--seed', '560001,1149999', '--out', join(dir, 'd.tif')])).toBe(1);
    expect(await runCli(['flood', project, '--dem', file, '--level', '2', '--seed', '1,1', '--out', join(dir, 'd.tif')])).toBe(1);
    expect(await runCli(['flood', project, '--dem', file, '--level', '2', '--out', join(dir, 'd.tif')])).toBe(1);
    vi.restoreAllMocks();
    expect(err).toEqual([
      'plandesk: Invalid water level "high": use metres, e.g. 1.2\n',
      expect.stringMatching(/^plandesk: Seed 1,1 lies outside .*small\.tif \(EPSG:5897, extent 560000\.0, 1149996\.0, 560006\.0, 1150000\.0\)\n$/),
      'plandesk: Say where the water enters: --sources water|LAYER, --seed x,y or --edge\n',
    ]);
  });
  it('floods the demo from its river and canals at the 50-year design flood, with the report CSV and polygons', async () => {
    const project = join(dir, 'demo.plandesk.sqlite');
    const csv = join(dir, 'demo-report.csv');
    const geojson = join(dir, 'demo-flood.geojson');
    capture();
    const code = await runCli(['flood', project, '--return-period', '50', '--rise', '0.05', '--sources', 'water', '--out', join(dir, 'rp.tif'), '--report', csv, '--polygons', geojson]);
    vi.restoreAllMocks();
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    const text = out.join('');
    expect(text).toContain("level:    1.15 m (50-year design flood 1.1 m from the project's flood_levels + rise 0.05 m)");
    expect(text).toContain('QCVN:     urban class II: design flood 50 years for centres, housing and industry, 2 years for parks and sport');
    expect(text).toMatch(/report:\s+\d+ zones, \d+ parcels, \d+ buildings flooded; [\d.]+ m of road under water/);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows.some((r) => r.startsWith('parcel,parcels,'))).toBe(true);
    expect(rows.some((r) => r.startsWith('road_class,roads,'))).toBe(true);
    expect(rows.some((r) => r.startsWith('freeboard,zoning,'))).toBe(true);
    const polygons = JSON.parse(readFileSync(geojson, 'utf8')) as { features: unknown[] };
    expect(polygons.features.length).toBeGreaterThan(0);
    capture();
    expect(await runCli(['flood', project, '--return-period', '25', '--sources', 'water', '--out', join(dir, 'x.tif')])).toBe(1);
    expect(await runCli(['flood', project, '--level', '1', '--sources', 'nowhere', '--out', join(dir, 'x.tif')])).toBe(1);
    expect(await runCli(['flood', project, '--sources', 'water', '--out', join(dir, 'x.tif')])).toBe(1);
    vi.restoreAllMocks();
    expect(err).toEqual([
      expect.stringContaining('has no design flood level for a 25-year return period (it has 2, 10, 50, 100 years in metadata flood_levels)'),
      "plandesk: Unknown source layer \"nowhere\": use 'water' (river and canal zones) or a layer id\n",
      'plandesk: Give --level METRES or --return-period YEARS\n',
    ]);
  }, 60_000);

  it('says so when the level is below every cell', async () => {
    const file = write('high.tif', [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    capture();
    expect(await runCli(['flood', join(dir, 'demo.plandesk.sqlite'), '--dem', file, '--level', '0.5', '--edge', '--out', join(dir, 'h.tif')])).toBe(0);
    vi.restoreAllMocks();
    expect(out.join('')).toContain('note: no source cell is below the level: nothing floods');
    expect(out.join('')).toMatch(/flooded:\s+0 cells/);
  });

  it('reprojects a DEM in WGS 84 or another VN-2000 zone to the project CRS (gdalwarp, bilinear)', async () => {
    const project = join(dir, 'demo.plandesk.sqlite');
    const own = join(dir, 'demo.dem.tif');
    for (const epsg of [4326, 9209]) {
      const other = join(dir, `dem-${epsg}.tif`);
      execFileSync('gdalwarp', ['-q', '-overwrite', '-t_srs', `EPSG:${epsg}`, '-r', 'bilinear', own, other]);
      expect((await readDem(other)).grid.epsg).toBe(epsg);
      capture();
      const code = await runCli(['flood', project, '--dem', other, '--level', '1.0', '--sources', 'water', '--out', join(dir, `r${epsg}.tif`), '--json']);
      vi.restoreAllMocks();
      expect(err.join('')).toBe('');
      expect(code).toBe(0);
      const summary = JSON.parse(out.join('')) as FloodSummary;
      out.length = 0;
      expect(summary).toMatchObject({ demEpsg: epsg, reprojected: true, epsg: 5897 });
      const reference = (await readDem(own)).grid;
      capture();
      await runCli(['flood', project, '--dem', own, '--level', '1.0', '--sources', 'water', '--out', join(dir, 'r-own.tif'), '--json']);
      vi.restoreAllMocks();
      const direct = JSON.parse(out.join('')) as FloodSummary;
      out.length = 0;
      expect(direct.reprojected).toBe(false);
      // Twice resampled, the same flood within a few per cent of the area.
      expect(Math.abs(summary.areaM2 - direct.areaM2) / direct.areaM2).toBeLessThan(0.05);
      expect(Math.abs(summary.extent[0] - reference.originX)).toBeLessThan(10);
    }
  }, 60_000);
});
