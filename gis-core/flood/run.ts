/**
 * One flood scenario end to end: read the DEM, place the seeds, inundate, write the depth
 * GeoTIFF (Float32, nodata where dry) and summarise.
 */
import { readDem } from '../raster/read-geotiff.js';
import type { RasterGrid } from '../raster/grid.js';
import { writeFloat32GeoTiff } from '../raster/write-geotiff.js';
import { inundate, type SeedOutcome } from './inundate.js';
import { seedCells, type SeedPoint } from './seeds.js';

export const DEPTH_NODATA = -9999;

export interface FloodScenario {
  readonly dem: string;
  /** Water level, m (the DEM's height datum). */
  readonly level: number;
  readonly seeds: readonly SeedPoint[];
  readonly out: string;
}

export interface FloodSummary {
  readonly dem: string;
  readonly out: string;
  readonly epsg: number;
  readonly level: number;
  readonly floodedCells: number;
  readonly areaM2: number;
  readonly maxDepthM: number;
  readonly meanDepthM: number;
  readonly seeds: readonly { readonly x: number; readonly y: number; readonly elevation: number | null; readonly outcome: SeedOutcome }[];
}

function* depthRows(depth: Float32Array, grid: RasterGrid): Generator<Float32Array> {
  for (let r = 0; r < grid.rows; r++) {
    const row = depth.slice(r * grid.columns, (r + 1) * grid.columns);
    for (let c = 0; c < row.length; c++) if (Number.isNaN(row[c])) row[c] = DEPTH_NODATA;
    yield row;
  }
}

export async function runFlood(scenario: FloodScenario): Promise<FloodSummary> {
  const dem = await readDem(scenario.dem);
  const cells = seedCells(dem.grid, scenario.seeds, scenario.dem);
  const result = inundate({ values: dem.values, columns: dem.grid.columns, rows: dem.grid.rows, level: scenario.level, seeds: cells });
  writeFloat32GeoTiff(scenario.out, dem.grid, depthRows(result.depth, dem.grid), {
    nodata: DEPTH_NODATA,
    description: `PlanDesk flood depth (m), water level ${scenario.level} m`,
  });
  return {
    dem: scenario.dem,
    out: scenario.out,
    epsg: dem.grid.epsg,
    level: scenario.level,
    floodedCells: result.floodedCells,
    areaM2: result.floodedCells * dem.grid.cellX * dem.grid.cellY,
    maxDepthM: result.maxDepth,
    meanDepthM: result.meanDepth,
    seeds: result.seeds.map((s, i) => {
      const [x, y] = scenario.seeds[i] as SeedPoint;
      return { x, y, elevation: Number.isNaN(s.elevation) ? null : s.elevation, outcome: s.outcome };
    }),
  };
}
