/**
 * Flood through the API: the 'flood' job (inline under the test runner; in a worker thread in the
 * built server, with progress and cancel), the terrain and depth drawn as PNGs, the level slider
 * (any level from the run's arrival levels), values under the pointer and inundation polygons.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { FloodJobResult, JobInfo } from '../../gis-core/api/contract.js';
import { createHttpClient } from '../../gis-core/api/http-client.js';
import { PlanDeskService } from '../../gis-core/api/service.js';
import { writeDemoProject } from '../../gis-core/demo/write.js';
import { inundate } from '../../gis-core/flood/inundate.js';
import { geometryCells } from '../../gis-core/flood/rasterize.js';
import type { RasterGrid } from '../../gis-core/raster/grid.js';
import { readDem } from '../../gis-core/raster/read-geotiff.js';
import { writeFloat32GeoTiff } from '../../gis-core/raster/write-geotiff.js';
import { Project } from '../../gis-core/store/project.js';
import { startServeProcess } from '../helpers/serve-process.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-flood-api-');
const demo = writeDemoProject(join(dir, 'demo.plandesk.sqlite'), { scale: 'small', seed: 2025 });

async function settle(get: () => Promise<JobInfo>): Promise<JobInfo> {
  let info = await get();
  await vi.waitFor(
    async () => {
      info = await get();
      expect(info.state).not.toBe('running');
    },
    { timeout: 60_000, interval: 50 },
  );
  return info;
}

/** Decodes our own PNGs (RGBA, filter 0): width, height and the pixels. */
function decodePng(dataUrl: string): { width: number; height: number; rgba: Buffer } {
  const bytes = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const idatLength = bytes.readUInt32BE(33);
  const raw = inflateSync(bytes.subarray(41, 41 + idatLength));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, rgba };
}

function opaquePixels(rgba: Buffer): number {
  let n = 0;
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i]! > 0) n++;
  return n;
}

describe('flood through the service (inline job)', () => {
  const project = Project.open(demo.file);
  const api = new PlanDeskService(project);
  afterAll(() => project.close());
  let result: FloodJobResult;

  it('runs a 50-year design flood from the river and canals as a job, with the report', async () => {
    const started = await api.jobStart({ kind: 'flood', args: { returnPeriod: 50, sources: { water: true } } });
    const done = await settle(() => api.job(started.id));
    expect(done.error).toBeUndefined();
    expect(done).toMatchObject({ state: 'done', progress: 1 });
    result = done.result as FloodJobResult;
    expect(result).toMatchObject({ level: 1.1, baseLevel: 1.1, returnPeriod: 50, urbanClass: 'II', requiredReturnPeriod: { urban: 50, green: 2 }, epsg: 5897 });
    expect(result.floodedCells).toBeGreaterThan(1000);
    expect(result.polygonCount).toBeGreaterThan(0);
    expect(result.report.counts.parcels).toBeGreaterThan(0);
    expect(result.report.roads.length).toBeGreaterThan(0);
    expect(existsSync(result.depthFile) && existsSync(result.reportCsvFile) && existsSync(result.polygonsFile)).toBe(true);
    // Equal to inundate on the same DEM from the same sources (the depth GeoTIFF as written).
    const depth = await readDem(result.depthFile);
    expect(depth.values.reduce((n, v) => n + (v > 0 ? 1 : 0), 0)).toBe(result.floodedCells);
  }, 60_000);

  it('refuses bad flood arguments at once (400), before any job starts', async () => {
    await expect(api.jobStart({ kind: 'flood', args: { level: 1, sources: {} } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api.jobStart({ kind: 'flood', args: { returnPeriod: 25, sources: { water: true } } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('25-year'),
    });
  });

  it('draws the terrain and the depth as PNGs; the slider level redraws from the arrival levels', async () => {
    const [minx, miny, maxx, maxy] = result.extent;
    const bbox = [minx, miny, maxx, maxy] as const;
    const terrain = await api.rasterImage({ source: 'terrain', bbox, width: 290, height: 285 });
    const t = decodePng(terrain.png);
    expect([t.width, t.height]).toEqual([290, 285]);
    expect(opaquePixels(t.rgba)).toBe(290 * 285);
    expect(terrain.min).toBeCloseTo(0.3, 5);

    const atRun = await api.rasterImage({ source: 'flood', floodId: result.floodId, bbox, width: 290, height: 285 });
    expect(atRun.floodedAreaM2).toBe(result.areaM2);
    expect(atRun.max).toBeCloseTo(result.maxDepthM, 5);
    const runPixels = opaquePixels(decodePng(atRun.png).rgba);
    expect(runPixels).toBeGreaterThan(0);
    // The same level through the arrival levels: the same area; lower and higher levels: less and more.
    const same = await api.rasterImage({ source: 'flood', floodId: result.floodId, level: result.level, bbox, width: 290, height: 285 });
    expect(same.floodedAreaM2).toBe(result.areaM2);
    expect(opaquePixels(decodePng(same.png).rgba)).toBe(runPixels);
    const low = await api.rasterImage({ source: 'flood', floodId: result.floodId, level: 0.8, bbox, width: 290, height: 285 });
    const high = await api.rasterImage({ source: 'flood', floodId: result.floodId, level: 1.9, bbox, width: 290, height: 285 });
    expect(low.floodedAreaM2!).toBeLessThan(result.areaM2);
    expect(high.floodedAreaM2!).toBeGreaterThan(result.areaM2);
    // …and equal to a fresh inundation at that level from the same sources.
    const dem = await readDem(demo.terrainFile);
    const water = project.features('zoning', { where: [{ field: 'function_code', op: '=', value: 'MN' }] });
    const sources = water.flatMap((f) => geometryCells(dem.grid, f.geometry));
    const fresh = inundate({ values: dem.values, columns: dem.grid.columns, rows: dem.grid.rows, level: 0.8, seeds: sources });
    expect(low.floodedAreaM2).toBe(fresh.floodedCells * 4);

    await expect(api.rasterImage({ source: 'flood', floodId: 'nope', bbox, width: 10, height: 10 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api.rasterImage({ source: 'flood', floodId: '0190a0a0-0000-7000-8000-000000000000', bbox, width: 10, height: 10 })).rejects.toMatchObject({ code: 'UNKNOWN_JOB' });
    await expect(api.rasterImage({ source: 'terrain', bbox, width: 0, height: 10 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api.rasterImage({ source: 'terrain', bbox: [1, 1, 0, 0], width: 10, height: 10 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  }, 60_000);

  it('answers the elevation and depth under the pointer, and the inundation polygons', async () => {
    const dem = await readDem(demo.terrainFile);
    const depth = await readDem(result.depthFile);
    const cell = depth.values.findIndex((v) => v > 0.5);
    const g: RasterGrid = dem.grid;
    const x = g.originX + ((cell % g.columns) + 0.5) * g.cellX;
    const y = g.originY - (Math.floor(cell / g.columns) + 0.5) * g.cellY;
    const value = await api.rasterValue(x, y, { floodId: result.floodId });
    expect(value.elevation).toBe(dem.values[cell]);
    expect(value.depth).toBe(depth.values[cell]);
    expect((await api.rasterValue(x, y, { floodId: result.floodId, level: -5 })).depth).toBeNull();
    expect(await api.rasterValue(0, 0)).toEqual({ x: 0, y: 0, elevation: null, depth: null });
    const polygons = await api.floodPolygons(result.floodId);
    expect(polygons.features.length).toBe(result.polygonCount);
  });
});

describe('flood in a worker thread (the built server)', () => {
  it('runs with progress, draws over HTTP, and cancels a long run', async () => {
    // A 2000 × 2000 DEM with depression filling: long enough to cancel.
    const big = join(dir, 'big.dem.tif');
    const grid: RasterGrid = { columns: 2000, rows: 2000, originX: 566000, originY: 1160000, cellX: 2, cellY: 2, epsg: 5897 };
    function* rows() {
      for (let r = 0; r < grid.rows; r++) {
        const row = new Float32Array(grid.columns);
        for (let c = 0; c < grid.columns; c++) row[c] = 1 + Math.sin(r / 37) * Math.cos(c / 23);
        yield row;
      }
    }
    writeFloat32GeoTiff(big, grid, rows(), { nodata: -9999 });
    // A DEM on the server's disk is named by path: serve mode allows that only under --files-root.
    const { url, child } = await startServeProcess(demo.file, ['--files-root', dir]);
    try {
      const client = createHttpClient({ baseUrl: url });
      const started = await client.jobStart({ kind: 'flood', args: { level: 1.2, sources: { water: true } } });
      const done = await settle(() => client.job(started.id));
      expect(done.state).toBe('done');
      const result = done.result as FloodJobResult;
      const image = await client.rasterImage({ source: 'flood', floodId: result.floodId, level: 1.0, bbox: result.extent, width: 100, height: 100 });
      expect(opaquePixels(decodePng(image.png).rgba)).toBeGreaterThan(0);
      expect((await client.rasterValue(result.extent[0] + 1, result.extent[3] - 1)).elevation).not.toBeNull();

      const long = await client.jobStart({ kind: 'flood', args: { level: 1.5, sources: { edge: true }, fill: true, dem: big } });
      // The API keeps answering while the worker floods.
      await vi.waitFor(async () => expect((await client.job(long.id)).progress).toBeGreaterThan(0), { timeout: 30_000, interval: 20 });
      expect((await client.project()).name).toBeTruthy();
      await client.jobCancel(long.id);
      expect(await settle(() => client.job(long.id))).toMatchObject({ state: 'cancelled' });
    } finally {
      child.kill();
    }
  }, 120_000);
});
