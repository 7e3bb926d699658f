/**
 * A north-up raster grid: where its cells are and how big. Row 0 is the northern row; cell
 * (row, col) covers x ∈ [originX + col·cellX, originX + (col+1)·cellX) and
 * y ∈ (originY − (row+1)·cellY, originY − row·cellY].
 */
export interface RasterGrid {
  readonly columns: number;
  readonly rows: number;
  /** Upper-left corner of the upper-left cell, in the grid's CRS. */
  readonly originX: number;
  readonly originY: number;
  /** Cell width and height (both positive), CRS units. */
  readonly cellX: number;
  readonly cellY: number;
  /** EPSG code of the grid's CRS. */
  readonly epsg: number;
}

/** A single-band elevation raster in memory: `values[row * columns + col]`, NaN where nodata. */
export interface Dem {
  readonly file: string;
  readonly grid: RasterGrid;
  readonly values: Float32Array;
  /** The file's nodata value, if it declares one (the values hold NaN there). */
  readonly nodata: number | null;
}

/** [minx, miny, maxx, maxy]. */
export function gridExtent(g: RasterGrid): [number, number, number, number] {
  return [g.originX, g.originY - g.rows * g.cellY, g.originX + g.columns * g.cellX, g.originY];
}

/** The cell index holding point (x, y), or -1 when it lies outside the grid. */
export function cellAt(g: RasterGrid, x: number, y: number): number {
  const col = Math.floor((x - g.originX) / g.cellX);
  const row = Math.floor((g.originY - y) / g.cellY);
  if (!(col >= 0 && col < g.columns && row >= 0 && row < g.rows)) return -1;
  return row * g.columns + col;
}
