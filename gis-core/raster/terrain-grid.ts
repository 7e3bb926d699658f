/**
 * The terrain as numbers for the 3D view: the DEM sampled on a `columns × rows` grid over a
 * box (cell centres, bilinear between DEM cell centres), north row first, elevations in metres
 * rounded to the centimetre, null outside the DEM or on nodata. The DEM itself stays in the core.
 */
import { PlanDeskError } from '../errors.js';
import type { Dem } from './grid.js';

/** Most cells one call answers (per side). */
export const TERRAIN_GRID_MAX = 512;

export interface TerrainGridResult {
  readonly bbox: readonly [number, number, number, number];
  readonly columns: number;
  readonly rows: number;
  /** Row-major, row 0 = north; null = no data. */
  readonly values: (number | null)[];
  /** Over the values given (null when all are null). */
  readonly min: number | null;
  readonly max: number | null;
}

function invalid(message: string): PlanDeskError {
  return new PlanDeskError('INVALID_ARGUMENT', message);
}

export function checkTerrainGridArgs(bbox: unknown, columns: unknown, rows: unknown): void {
  if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === 'number' && Number.isFinite(v)) || !(bbox[0] < bbox[2] && bbox[1] < bbox[3])) {
    throw invalid(`bbox must be [minx, miny, maxx, maxy] with min < max, got ${JSON.stringify(bbox)}`);
  }
  for (const [name, v] of [['columns', columns], ['rows', rows]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 2 || v > TERRAIN_GRID_MAX) throw invalid(`${name} must be an integer from 2 to ${TERRAIN_GRID_MAX}, got ${JSON.stringify(v)}`);
  }
}

export function sampleTerrainGrid(dem: Dem, bbox: readonly [number, number, number, number], columns: number, rows: number): TerrainGridResult {
  checkTerrainGridArgs(bbox, columns, rows);
  const [minx, miny, maxx, maxy] = bbox;
  const g = dem.grid;
  const cell = (c: number, r: number): number => (c < 0 || r < 0 || c >= g.columns || r >= g.rows ? NaN : (dem.values[r * g.columns + c] as number));
  const values: (number | null)[] = new Array<number | null>(columns * rows);
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < rows; j++) {
    const y = maxy - ((j + 0.5) * (maxy - miny)) / rows;
    const fy = (g.originY - y) / g.cellY - 0.5;
    for (let i = 0; i < columns; i++) {
      const x = minx + ((i + 0.5) * (maxx - minx)) / columns;
      const fx = (x - g.originX) / g.cellX - 0.5;
      const c0 = Math.floor(fx);
      const r0 = Math.floor(fy);
      const tx = fx - c0;
      const ty = fy - r0;
      // Bilinear where all four neighbours have data, the nearest cell otherwise.
      const a = cell(c0, r0);
      const b = cell(c0 + 1, r0);
      const c = cell(c0, r0 + 1);
      const d = cell(c0 + 1, r0 + 1);
      let v = (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
      if (Number.isNaN(v)) v = cell(Math.round(fx), Math.round(fy));
      if (Number.isNaN(v)) values[j * columns + i] = null;
      else {
        const rounded = Math.round(v * 100) / 100;
        values[j * columns + i] = rounded;
        if (rounded < min) min = rounded;
        if (rounded > max) max = rounded;
      }
    }
  }
  return { bbox: [minx, miny, maxx, maxy], columns, rows, values, min: Number.isFinite(min) ? min : null, max: Number.isFinite(max) ? max : null };
}

const cache = new WeakMap<object, Promise<Dem>>();

/** The DEM of `owner` (a project), read once by `load` and kept; a failed read is retried next time. */
export function cachedDem(owner: object, load: () => Promise<Dem>): Promise<Dem> {
  let dem = cache.get(owner);
  if (!dem) {
    dem = load();
    cache.set(owner, dem);
    dem.catch(() => cache.delete(owner));
  }
  return dem;
}
