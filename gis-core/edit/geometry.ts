/**
 * Planar helpers for the edit actions (project CRS, metres): what `layers/rules/planar.ts` (the
 * one home of plane geometry) has, re-exported, plus what only editing needs: the nearest
 * point of a segment or line, segment intersection points, and ring cleaning. The differences
 * of large projected coordinates are taken before multiplying, so products keep their digits
 * at the millimetre scale.
 */
import { distance, nearestSegmentParameter, orient } from '../../layers/rules/planar.js';
import type { Position } from '../../layers/types.js';

export {
  bboxOf,
  distance,
  distanceToLine,
  growBox,
  lineLength,
  orient,
  pointInRing,
  polygonArea,
  ringIsSimple,
  segmentsCross,
  signedRingArea,
} from '../../layers/rules/planar.js';

/** A 2D position as the actions build them. */
export type XY = [number, number];

export const xy = (p: Position): XY => [p[0] as number, p[1] as number];

export function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** The point of segment ab nearest p: its parameter t in [0, 1], the point and the distance. */
export function nearestOnSegment(p: Position, a: Position, b: Position): { t: number; point: XY; distance: number } {
  const t = nearestSegmentParameter(p, a, b);
  const ax = a[0] as number;
  const ay = a[1] as number;
  const point: XY = t === 0 ? xy(a) : t === 1 ? xy(b) : [ax + ((b[0] as number) - ax) * t, ay + ((b[1] as number) - ay) * t];
  return { t, point, distance: distance(p, point) };
}

export interface LinePosition {
  /** Index of the segment (coords[segment] → coords[segment + 1]). */
  readonly segment: number;
  readonly t: number;
  readonly point: XY;
  /** Distance from the query point. */
  readonly distance: number;
  /** Distance along the line from its start. */
  readonly station: number;
}

/** The point of a polyline nearest p (the first one on ties). */
export function nearestOnLine(p: Position, coords: readonly Position[]): LinePosition {
  let best: LinePosition | undefined;
  let along = 0;
  for (let i = 0; i < coords.length - 1; i++) {
    const a = coords[i] as Position;
    const b = coords[i + 1] as Position;
    const hit = nearestOnSegment(p, a, b);
    const length = distance(a, b);
    if (!best || hit.distance < best.distance) best = { segment: i, t: hit.t, point: hit.point, distance: hit.distance, station: along + hit.t * length };
    along += length;
  }
  if (!best) throw new Error('nearestOnLine needs a line of at least two positions');
  return best;
}

/**
 * Where segments ab and cd meet at one point: the parameters along each and the point, or
 * undefined when they are parallel (collinear overlaps included) or do not meet.
 */
export function segmentIntersection(a: Position, b: Position, c: Position, d: Position): { s: number; t: number; point: XY } | undefined {
  const ax = a[0] as number;
  const ay = a[1] as number;
  const rx = (b[0] as number) - ax;
  const ry = (b[1] as number) - ay;
  const sx = (d[0] as number) - (c[0] as number);
  const sy = (d[1] as number) - (c[1] as number);
  const denom = rx * sy - ry * sx;
  const scale = Math.hypot(rx, ry) * Math.hypot(sx, sy);
  if (scale === 0 || Math.abs(denom) <= 1e-12 * scale) return undefined;
  const qx = (c[0] as number) - ax;
  const qy = (c[1] as number) - ay;
  const s = (qx * sy - qy * sx) / denom;
  const t = (qx * ry - qy * rx) / denom;
  const eps = 1e-12;
  if (s < -eps || s > 1 + eps || t < -eps || t > 1 + eps) return undefined;
  const sc = Math.min(1, Math.max(0, s));
  const point: XY = sc === 0 ? xy(a) : sc === 1 ? xy(b) : [ax + rx * sc, ay + ry * sc];
  return { s: sc, t: Math.min(1, Math.max(0, t)), point };
}

/**
 * A closed ring with repeated consecutive positions and spikes removed. A spike is a vertex
 * where the ring turns back on itself (both neighbours on one side of it, the sliver between
 * the two edges at most `tolerance` m wide); a vertex on a straight run is kept (a neighbour
 * may share it).
 */
export function cleanRing(ring: readonly Position[], tolerance = 1e-6): XY[] {
  const open: XY[] = [];
  for (const p of ring) {
    const last = open[open.length - 1];
    if (!last || !samePosition(last, p)) open.push(xy(p));
  }
  if (open.length > 1 && samePosition(open[0] as XY, open[open.length - 1] as XY)) open.pop();
  let changed = true;
  while (changed && open.length >= 3) {
    changed = false;
    for (let i = 0; i < open.length && open.length >= 3; i++) {
      const prev = open[(i + open.length - 1) % open.length] as XY;
      const here = open[i] as XY;
      const next = open[(i + 1) % open.length] as XY;
      // Turning back: both neighbours lie on the same side of `here`; the sliver between the
      // two arms is no wider than `tolerance` at the shorter arm's end.
      const back = (prev[0] - here[0]) * (next[0] - here[0]) + (prev[1] - here[1]) * (next[1] - here[1]) > 0;
      const longer = Math.max(distance(prev, here), distance(next, here));
      const width = longer > 0 ? Math.abs(orient(prev, here, next)) / longer : 0;
      if (samePosition(prev, here) || (back && width <= tolerance)) {
        open.splice(i, 1);
        changed = true;
        i--;
      }
    }
  }
  if (open.length === 0) return [];
  return [...open, [(open[0] as XY)[0], (open[0] as XY)[1]]];
}

/** A box of half-width `radius` around p. */
export function boxAround(p: Position, radius: number): [number, number, number, number] {
  const x = p[0] as number;
  const y = p[1] as number;
  return [x - radius, y - radius, x + radius, y + radius];
}
