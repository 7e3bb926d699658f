/**
 * Polygons into merged triangles: a roof (ear-cut, holes kept) at base + height and one wall
 * quad per ring edge; height 0 drapes the polygon (roof only). Roads become flat ribbons.
 */
import { ShapeUtils, Vector2 } from 'three';
import type { MeshBuilder } from './buffers.js';

type Ring = readonly (readonly number[])[];

function openRing(ring: Ring): Vector2[] {
  const pts = ring.map((p) => new Vector2(p[0]!, p[1]!));
  if (pts.length > 1 && pts[0]!.equals(pts[pts.length - 1]!)) pts.pop();
  return pts;
}

/** Adds one polygon; answers false when it has no usable outer ring. */
export function extrudePolygon(m: MeshBuilder, rings: readonly Ring[], base: number, height: number, feature: number): boolean {
  const outer = rings[0] ? openRing(rings[0]) : [];
  if (outer.length < 3) return false;
  // ShapeUtils wants the outer ring clockwise-agnostic; we orient outer CCW, holes CW.
  if (ShapeUtils.isClockWise(outer)) outer.reverse();
  const holes = rings.slice(1).map(openRing).filter((h) => h.length >= 3);
  for (const h of holes) if (!ShapeUtils.isClockWise(h)) h.reverse();
  const top = base + height;
  const faces = ShapeUtils.triangulateShape(outer, holes);
  const all = holes.length ? outer.concat(...holes) : outer;
  for (const f of faces) {
    const pa = all[f[0]!]!;
    const pb = all[f[1]!]!;
    const pc = all[f[2]!]!;
    // Counter-clockwise seen from above (normal up).
    const cross = (pb.x - pa.x) * (pc.y - pa.y) - (pb.y - pa.y) * (pc.x - pa.x);
    if (cross >= 0) m.triangle(pa.x, pa.y, top, pb.x, pb.y, top, pc.x, pc.y, top, feature);
    else m.triangle(pa.x, pa.y, top, pc.x, pc.y, top, pb.x, pb.y, top, feature);
  }
  if (height > 0) {
    for (const ring of [outer, ...holes]) {
      const n = ring.length;
      for (let i = 0; i < n; i++) {
        const p = ring[i]!;
        const q = ring[(i + 1) % n]!;
        // Outer CCW / holes CW: the outside is to the right of p→q.
        m.triangle(p.x, p.y, base, q.x, q.y, base, q.x, q.y, top, feature);
        m.triangle(p.x, p.y, base, q.x, q.y, top, p.x, p.y, top, feature);
      }
    }
  }
  return true;
}

/** A flat ribbon `width` wide along a line, `z(x, y)` giving its height at each vertex. */
export function ribbon(m: MeshBuilder, coords: Ring, width: number, z: (x: number, y: number) => number, feature: number): void {
  const w = width / 2;
  for (let i = 0; i + 1 < coords.length; i++) {
    const ax = coords[i]![0]!, ay = coords[i]![1]!;
    const bx = coords[i + 1]![0]!, by = coords[i + 1]![1]!;
    const len = Math.hypot(bx - ax, by - ay);
    if (len === 0) continue;
    const nx = (-(by - ay) / len) * w;
    const ny = ((bx - ax) / len) * w;
    const za = z(ax, ay);
    const zb = z(bx, by);
    m.triangle(ax - nx, ay - ny, za, bx - nx, by - ny, zb, bx + nx, by + ny, zb, feature);
    m.triangle(ax - nx, ay - ny, za, bx + nx, by + ny, zb, ax + nx, ay + ny, za, feature);
  }
}
