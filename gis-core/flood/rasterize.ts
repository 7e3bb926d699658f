/**
 * Vector geometry on a raster grid, the way the flood overlays need it:
 * - a polygon covers the cells whose CENTRE lies inside it (even-odd over all rings, so holes
 *   are out; a point exactly on a left edge is in, on a right edge out — GDAL's rasterize rule);
 * - a line is cut at every cell boundary it crosses, so each piece lies in one cell and the
 *   lengths add up exactly (the flooded length of a road is exact, not sampled);
 * - a line marks every cell it passes through (for dike lines and river lines as seeds).
 */
import type { GeoJSONGeometry } from '../../layers/types.js';
import type { RasterGrid } from '../raster/grid.js';

type Ring = readonly (readonly number[])[];

/** The cells whose centre is inside the polygon (rings: outer first, then holes), row-major order. */
export function polygonCells(grid: RasterGrid, rings: readonly Ring[]): number[] {
  let minY = Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const p of ring) {
      const y = p[1] as number;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (!(minY <= maxY)) return [];
  const r0 = Math.max(0, Math.floor((grid.originY - maxY) / grid.cellY - 0.5));
  const r1 = Math.min(grid.rows - 1, Math.ceil((grid.originY - minY) / grid.cellY - 0.5));
  const cells: number[] = [];
  const xs: number[] = [];
  for (let r = r0; r <= r1; r++) {
    const y = grid.originY - (r + 0.5) * grid.cellY;
    xs.length = 0;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[j] as readonly number[];
        const b = ring[i] as readonly number[];
        const ya = a[1] as number;
        const yb = b[1] as number;
        if (ya <= y !== yb <= y) {
          const xa = a[0] as number;
          const xb = b[0] as number;
          xs.push(xa + ((y - ya) * (xb - xa)) / (yb - ya));
        }
      }
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const c0 = Math.max(0, Math.ceil(((xs[k] as number) - grid.originX) / grid.cellX - 0.5));
      const c1 = Math.min(grid.columns - 1, Math.ceil(((xs[k + 1] as number) - grid.originX) / grid.cellX - 0.5) - 1);
      for (let c = c0; c <= c1; c++) cells.push(r * grid.columns + c);
    }
  }
  return cells;
}

/** A piece of a line inside one cell: its cell (-1 outside the grid) and length. */
export interface LinePiece {
  readonly cell: number;
  readonly length: number;
}

/** Cuts a polyline at every cell boundary; calls `visit` with each piece's cell and length. */
export function forEachLinePiece(grid: RasterGrid, line: readonly (readonly number[])[], visit: (cell: number, length: number) => void): void {
  for (let i = 0; i + 1 < line.length; i++) {
    const [x0, y0] = line[i] as [number, number];
    const [x1, y1] = line[i + 1] as [number, number];
    const dx = x1 - x0;
    const dy = y1 - y0;
    const length = Math.hypot(dx, dy);
    if (length === 0) continue;
    const ts: number[] = [0, 1];
    if (dx !== 0) {
      const ca = (x0 - grid.originX) / grid.cellX;
      const cb = (x1 - grid.originX) / grid.cellX;
      for (let k = Math.ceil(Math.min(ca, cb)); k <= Math.floor(Math.max(ca, cb)); k++) {
        const t = (k - ca) / (cb - ca);
        if (t > 0 && t < 1) ts.push(t);
      }
    }
    if (dy !== 0) {
      const ra = (grid.originY - y0) / grid.cellY;
      const rb = (grid.originY - y1) / grid.cellY;
      for (let k = Math.ceil(Math.min(ra, rb)); k <= Math.floor(Math.max(ra, rb)); k++) {
        const t = (k - ra) / (rb - ra);
        if (t > 0 && t < 1) ts.push(t);
      }
    }
    ts.sort((a, b) => a - b);
    for (let k = 0; k + 1 < ts.length; k++) {
      const ta = ts[k] as number;
      const tb = ts[k + 1] as number;
      if (tb <= ta) continue;
      const tm = (ta + tb) / 2;
      const col = Math.floor((x0 + dx * tm - grid.originX) / grid.cellX);
      const row = Math.floor((grid.originY - (y0 + dy * tm)) / grid.cellY);
      const cell = col >= 0 && col < grid.columns && row >= 0 && row < grid.rows ? row * grid.columns + col : -1;
      visit(cell, (tb - ta) * length);
    }
  }
}

/** Every cell a polyline passes through (each once). */
export function lineCells(grid: RasterGrid, line: readonly (readonly number[])[]): number[] {
  const seen = new Set<number>();
  if (line.length === 1) {
    const [x, y] = line[0] as [number, number];
    const cell = pointCell(grid, x, y);
    if (cell >= 0) seen.add(cell);
  }
  forEachLinePiece(grid, line, (cell) => {
    if (cell >= 0) seen.add(cell);
  });
  return [...seen];
}

/** The cell of a point, -1 outside. */
export function pointCell(grid: RasterGrid, x: number, y: number): number {
  const col = Math.floor((x - grid.originX) / grid.cellX);
  const row = Math.floor((grid.originY - y) / grid.cellY);
  return col >= 0 && col < grid.columns && row >= 0 && row < grid.rows ? row * grid.columns + col : -1;
}

/** The cells a geometry covers: polygon cells by centre, line cells passed through, a point's cell. */
export function geometryCells(grid: RasterGrid, geometry: GeoJSONGeometry): number[] {
  switch (geometry.type) {
    case 'Point': {
      const [x, y] = geometry.coordinates as unknown as [number, number];
      const cell = pointCell(grid, x, y);
      return cell >= 0 ? [cell] : [];
    }
    case 'LineString':
      return lineCells(grid, geometry.coordinates as unknown as number[][]);
    case 'Polygon':
      return polygonCells(grid, geometry.coordinates as unknown as number[][][]);
    case 'MultiPolygon':
      return (geometry.coordinates as unknown as number[][][][]).flatMap((p) => polygonCells(grid, p));
    case 'MultiLineString':
      return (geometry.coordinates as unknown as number[][][]).flatMap((l) => lineCells(grid, l));
    default:
      return [];
  }
}
