/**
 * Seeds for an inundation: points "x,y" in the DEM's CRS, or a seed mask (non-zero = seed).
 */
import { PlanDeskError } from '../errors.js';
import { cellAt, gridExtent, type RasterGrid } from '../raster/grid.js';

export type SeedPoint = readonly [number, number];

export function parseSeedPoint(text: string): SeedPoint {
  const parts = text.split(',').map((s) => s.trim());
  const [x, y] = parts.map(Number) as [number, number];
  if (parts.length !== 2 || parts.some((p) => p === '') || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new PlanDeskError('INVALID_ARGUMENT', `Invalid seed "${text}": use x,y in the DEM's coordinate system, e.g. 587650.5,1152320`);
  }
  return [x, y];
}

/** The cell of each point; a point outside the grid is an error naming it. */
export function seedCells(grid: RasterGrid, points: readonly SeedPoint[], file: string): number[] {
  return points.map(([x, y]) => {
    const cell = cellAt(grid, x, y);
    if (cell < 0) {
      const e = gridExtent(grid).map((v) => v.toFixed(1)).join(', ');
      throw new PlanDeskError('INVALID_ARGUMENT', `Seed ${x},${y} lies outside ${file} (EPSG:${grid.epsg}, extent ${e})`);
    }
    return cell;
  });
}

/** The seed cells of a mask: every cell where the mask is non-zero. */
export function* maskSeeds(mask: ArrayLike<number>): Generator<number> {
  for (let i = 0; i < mask.length; i++) if (mask[i]) yield i;
}
