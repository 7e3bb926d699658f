/**
 * Level of detail for the extruded layers (buildings, planned massing): features are grouped
 * into square tiles by their footprint's centre; each tile has its full extrusions (near) and a
 * simplified version (far): per FAR_CELL square and height band, one box standing for the
 * buildings there (their mean orientation, their total footprint area, their area-weighted mean
 * height), or one oriented bounding box per feature where features are not clustered (massing).
 * Pure: runs in the build worker.
 */
import { MeshBuilder } from './buffers.js';
import { extrudePolygon } from './extrude.js';
import type { LodTile, TiledMeshData } from './types.js';

/** Side of a tile (metres). */
export const TILE_SIZE = 320;
/** Side of the squares whose buildings become one box in the far version (metres). */
export const FAR_CELL = 64;
/** Height bands (metres) kept apart in the far version, so towers stay towers. */
const HEIGHT_BANDS = [15, 40];

type Ring = readonly (readonly number[])[];

export interface LodItem {
  readonly rings: readonly Ring[];
  /** Ground z (scene units) the extrusion stands on. */
  readonly base: number;
  readonly height: number;
  readonly color: number;
  /** Input index the triangles point back to. */
  readonly feature: number;
  /** Footprint centre (local metres). */
  readonly cx: number;
  readonly cy: number;
}

export interface TiledResult {
  readonly data: TiledMeshData;
  /** Features extruded (usable outer ring). */
  readonly count: number;
  /** Tallest extruded height. */
  readonly maxHeight: number;
}

function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % n]!;
    a += p[0]! * q[1]! - q[0]! * p[1]!;
  }
  return Math.abs(a) / 2;
}

/** The angle (radians, mod π/2) of the smallest-area bounding rectangle aligned with an edge. */
function obbAngle(ring: Ring): number {
  let best = Infinity;
  let angle = 0;
  const n = ring.length;
  for (let i = 0; i + 1 < n; i++) {
    const dx = ring[i + 1]![0]! - ring[i]![0]!;
    const dy = ring[i + 1]![1]! - ring[i]![1]!;
    const len = Math.hypot(dx, dy);
    if (len < 1e-6) continue;
    const ux = dx / len;
    const uy = dy / len;
    let u0 = Infinity, u1 = -Infinity, v0 = Infinity, v1 = -Infinity;
    for (const p of ring) {
      const u = p[0]! * ux + p[1]! * uy;
      const v = -p[0]! * uy + p[1]! * ux;
      if (u < u0) u0 = u;
      if (u > u1) u1 = u;
      if (v < v0) v0 = v;
      if (v > v1) v1 = v;
    }
    const area = (u1 - u0) * (v1 - v0);
    if (area < best - 1e-9) {
      best = area;
      angle = Math.atan2(uy, ux);
    }
  }
  return angle;
}

interface Footprint {
  readonly item: LodItem;
  readonly area: number;
  readonly angle: number;
}

/** One box for a group of footprints (see the module comment), coloured as its largest. */
function farBox(m: MeshBuilder, group: readonly Footprint[]): void {
  let area = 0;
  let s4 = 0;
  let c4 = 0;
  let mx = 0;
  let my = 0;
  let mh = 0;
  let base = Infinity;
  let largest = group[0]!;
  for (const f of group) {
    const w = Math.max(f.area, 1e-6);
    area += w;
    s4 += w * Math.sin(4 * f.angle);
    c4 += w * Math.cos(4 * f.angle);
    mx += w * f.item.cx;
    my += w * f.item.cy;
    mh += w * f.item.height;
    base = Math.min(base, f.item.base);
    if (f.area > largest.area) largest = f;
  }
  const angle = group.length === 1 ? group[0]!.angle : Math.atan2(s4, c4) / 4;
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  let u0 = Infinity, u1 = -Infinity, v0 = Infinity, v1 = -Infinity;
  for (const f of group) for (const p of f.item.rings[0]!) {
    const u = p[0]! * ux + p[1]! * uy;
    const v = -p[0]! * uy + p[1]! * ux;
    if (u < u0) u0 = u;
    if (u > u1) u1 = u;
    if (v < v0) v0 = v;
    if (v > v1) v1 = v;
  }
  let hu = (u1 - u0) / 2;
  let hv = (v1 - v0) / 2;
  let cu = (u0 + u1) / 2;
  let cv = (v0 + v1) / 2;
  if (group.length > 1) {
    // The group's footprint area, not its bounding box (streets between buildings stay open),
    // centred on the area-weighted centre.
    const k = Math.sqrt(Math.min(1, area / Math.max(1e-6, 4 * hu * hv)));
    hu *= k;
    hv *= k;
    // Kept inside the group's bounding rectangle.
    cu = Math.min(u1 - hu, Math.max(u0 + hu, (mx / area) * ux + (my / area) * uy));
    cv = Math.min(v1 - hv, Math.max(v0 + hv, -(mx / area) * uy + (my / area) * ux));
  }
  const corner = (a: number, b: number) => [(cu + a) * ux - (cv + b) * uy, (cu + a) * uy + (cv + b) * ux];
  const ring = [corner(-hu, -hv), corner(hu, -hv), corner(hu, hv), corner(-hu, hv)];
  m.setColor(largest.item.color);
  extrudePolygon(m, [ring], base, group.length === 1 ? group[0]!.item.height : mh / area, largest.item.feature);
}

/**
 * Near and far geometry per tile. `cluster`: buildings of a FAR_CELL square and height band
 * become one box (else one box per feature). `progress(f)` is called with f in 0…1.
 */
export function buildTiled(
  items: readonly LodItem[],
  origin: readonly [number, number],
  cluster: boolean,
  progress: (fraction: number) => void = () => {},
): TiledResult {
  const tileOf = (it: LodItem) => [Math.floor((it.cx - origin[0]) / TILE_SIZE), Math.floor((it.cy - origin[1]) / TILE_SIZE)] as const;
  const byTile = new Map<string, { column: number; row: number; items: LodItem[] }>();
  for (const it of items) {
    const [column, row] = tileOf(it);
    const key = `${column},${row}`;
    let t = byTile.get(key);
    if (!t) byTile.set(key, (t = { column, row, items: [] }));
    t.items.push(it);
  }
  const groups = [...byTile.values()].sort((a, b) => a.row - b.row || a.column - b.column);
  const near = new MeshBuilder();
  const far = new MeshBuilder();
  const tiles: LodTile[] = [];
  let count = 0;
  let maxHeight = 0;
  let done = 0;
  const every = Math.max(1, Math.floor(items.length / 20));
  for (const g of groups) {
    const nearStart = near.triangles;
    const farStart = far.triangles;
    const cells = new Map<string, Footprint[]>();
    for (const it of g.items) {
      near.setColor(it.color);
      if (extrudePolygon(near, it.rings, it.base, it.height, it.feature)) {
        count++;
        maxHeight = Math.max(maxHeight, it.height);
        const outer = it.rings[0]!;
        const band = HEIGHT_BANDS.findIndex((h) => it.height < h);
        const key = cluster ? `${Math.floor(it.cx / FAR_CELL)},${Math.floor(it.cy / FAR_CELL)},${band}` : String(it.feature);
        let cell = cells.get(key);
        if (!cell) cells.set(key, (cell = []));
        cell.push({ item: it, area: ringArea(outer), angle: obbAngle(outer) });
      }
      if (++done % every === 0) progress(done / items.length);
    }
    for (const cell of cells.values()) farBox(far, cell);
    const nearCount = near.triangles - nearStart;
    if (nearCount === 0) continue;
    tiles.push({ column: g.column, row: g.row, bounds: [0, 0, 0, 0, 0, 0], near: { start: nearStart, count: nearCount }, far: { start: farStart, count: far.triangles - farStart } });
  }
  const nearData = near.result();
  const farData = far.result();
  const withBounds = tiles.map((t) => ({ ...t, bounds: boundsOf(nearData.position, t.near.start, t.near.count) }));
  return { data: { ...nearData, far: farData, tiles: withBounds }, count, maxHeight };
}

function boundsOf(position: Float32Array, start: number, count: number): [number, number, number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity;
  for (let i = start * 9, end = (start + count) * 9; i < end; i += 3) {
    const x = position[i]!, y = position[i + 1]!, z = position[i + 2]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    if (z < z0) z0 = z;
    if (z > z1) z1 = z;
  }
  return [x0, y0, z0, x1, y1, z1];
}
