/** The terrain grid the 3D view reads (gis-core/raster/terrain-grid.ts): sampling, nodata, checks. */
import { describe, expect, it } from 'vitest';
import type { Dem } from '../../gis-core/raster/grid.js';
import { sampleTerrainGrid } from '../../gis-core/raster/terrain-grid.js';

/** A 4 × 3 DEM of 10 m cells from (1000, 2030) down; elevation = column + 10 × row, one nodata cell. */
function dem(): Dem {
  const values = new Float32Array(12);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) values[r * 4 + c] = c + 10 * r;
  values[11] = NaN;
  return { file: 'test.tif', nodata: -9999, values, grid: { columns: 4, rows: 3, originX: 1000, originY: 2030, cellX: 10, cellY: 10, epsg: 5897 } };
}

describe('sampleTerrainGrid', () => {
  it('samples cell centres north row first, bilinear between them', () => {
    const g = sampleTerrainGrid(dem(), [1000, 2000, 1030, 2030], 3, 3);
    expect(g.columns).toBe(3);
    expect(g.rows).toBe(3);
    // Sample centres fall on DEM cell centres: (c, r) → c + 10 r.
    expect(g.values.slice(0, 3)).toEqual([0, 1, 2]);
    expect(g.values.slice(6, 9)).toEqual([20, 21, 22]);
    expect(g.min).toBe(0);
    expect(g.max).toBe(22);
    // A quarter cell east and south of the first cell centre: 0.25 of a column + 0.25 of a row.
    const between = sampleTerrainGrid(dem(), [1005, 2015, 1015, 2025], 2, 2);
    expect(between.values[0]).toBeCloseTo(0.25 + 2.5, 6);
  });

  it('answers null outside the DEM, the nearest cell next to nodata, and refuses bad grids', () => {
    const g = sampleTerrainGrid(dem(), [1040, 2000, 1060, 2010], 2, 2);
    expect(g.values).toEqual([null, null, null, null]);
    expect(g.min).toBeNull();
    const nearNodata = sampleTerrainGrid(dem(), [1020, 2000, 1040, 2010], 2, 2);
    expect(nearNodata.values[0]).toBe(22);
    expect(nearNodata.values[1]).toBeNull();
    expect(() => sampleTerrainGrid(dem(), [1000, 2000, 1030, 2030], 1, 3)).toThrow(/columns/);
    expect(() => sampleTerrainGrid(dem(), [1000, 2000, 990, 2030], 3, 3)).toThrow(/bbox/);
    expect(() => sampleTerrainGrid(dem(), [1000, 2000, 1030, 2030], 3, 600)).toThrow(/rows/);
  });
});
