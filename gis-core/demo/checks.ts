/**
 * Plain geometry checks over generated features (GeoJSON coordinates in metres): what the demo's
 * tests use to prove the "valid" part of the city valid. Small, dependency-free, exact enough
 * at the millimetre scale the demo rounds to.
 */
type P = readonly number[];

export type BBox = [number, number, number, number];

export function bboxOf(coords: readonly P[]): BBox {
  let minx = Infinity;
  let miny = Infinity;
  let maxx = -Infinity;
  let maxy = -Infinity;
  for (const p of coords) {
    const x = p[0] as number;
    const y = p[1] as number;
    if (x < minx) minx = x;
    if (y < miny) miny = y;
    if (x > maxx) maxx = x;
    if (y > maxy) maxy = y;
  }
  return [minx, miny, maxx, maxy];
}

function orient(a: P, b: P, c: P): number {
  return ((b[0] as number) - (a[0] as number)) * ((c[1] as number) - (a[1] as number)) - ((b[1] as number) - (a[1] as number)) * ((c[0] as number) - (a[0] as number));
}

/** Whether segments ab and cd cross at a point interior to both (touching does not count). */
export function segmentsCross(a: P, b: P, c: P, d: P): boolean {
  const d1 = orient(c, d, a);
  const d2 = orient(c, d, b);
  const d3 = orient(a, b, c);
  const d4 = orient(a, b, d);
  const eps = 1e-9;
  return ((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps)) && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps));
}

/** A closed ring (first = last) without repeated points or crossing edges, with non-zero area. */
export function ringIsSimple(ring: readonly P[]): boolean {
  const n = ring.length - 1;
  if (n < 3) return false;
  const first = ring[0] as P;
  const last = ring[n] as P;
  if (first[0] !== last[0] || first[1] !== last[1]) return false;
  for (let i = 0; i < n; i++) {
    const a = ring[i] as P;
    const b = ring[i + 1] as P;
    if (a[0] === b[0] && a[1] === b[1]) return false;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsCross(a, b, ring[j] as P, ring[j + 1] as P)) return false;
    }
  }
  return Math.abs(signedRingArea(ring)) > 1e-6;
}

/** Signed area of a closed ring; positive when counter-clockwise. */
export function signedRingArea(ring: readonly P[]): number {
  const x0 = (ring[0] as P)[0] as number;
  const y0 = (ring[0] as P)[1] as number;
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i] as P;
    const b = ring[i + 1] as P;
    s += ((a[0] as number) - x0) * ((b[1] as number) - y0) - ((b[0] as number) - x0) * ((a[1] as number) - y0);
  }
  return s / 2;
}

export function pointInRing(p: P, ring: readonly P[]): boolean {
  const x = p[0] as number;
  const y = p[1] as number;
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const a = ring[i] as P;
    const b = ring[j] as P;
    const ay = a[1] as number;
    const by = b[1] as number;
    if (ay > y !== by > y) {
      const xi = (a[0] as number) + (((b[0] as number) - (a[0] as number)) * (y - ay)) / (by - ay);
      if (x < xi) inside = !inside;
    }
  }
  return inside;
}

export function distanceToSegment(p: P, a: P, b: P): number {
  const ax = a[0] as number;
  const ay = a[1] as number;
  const abx = (b[0] as number) - ax;
  const aby = (b[1] as number) - ay;
  const len2 = abx * abx + aby * aby;
  let t = len2 > 0 ? (((p[0] as number) - ax) * abx + ((p[1] as number) - ay) * aby) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return Math.hypot((p[0] as number) - ax - abx * t, (p[1] as number) - ay - aby * t);
}

/** Distance from p to a polyline (or a closed ring). */
export function distanceToLine(p: P, coords: readonly P[]): number {
  let best = Infinity;
  for (let i = 0; i < coords.length - 1; i++) best = Math.min(best, distanceToSegment(p, coords[i] as P, coords[i + 1] as P));
  return best;
}

/** Inside the ring, or within `tolerance` of its boundary. */
export function insideOrOn(p: P, ring: readonly P[], tolerance: number): boolean {
  return pointInRing(p, ring) || distanceToLine(p, ring) <= tolerance;
}

/**
 * Whether two polylines (or rings) have crossing segments. With a tolerance, a crossing within
 * that distance of a segment end does not count (a corner on an edge, moved by rounding).
 */
export function linesCross(a: readonly P[], b: readonly P[], tolerance = 0): boolean {
  for (let i = 0; i < a.length - 1; i++) {
    for (let j = 0; j < b.length - 1; j++) {
      const p = a[i] as P;
      const q = a[i + 1] as P;
      const r = b[j] as P;
      const s = b[j + 1] as P;
      if (!segmentsCross(p, q, r, s)) continue;
      if (tolerance > 0 && Math.min(distanceToSegment(p, r, s), distanceToSegment(q, r, s), distanceToSegment(r, p, q), distanceToSegment(s, p, q)) <= tolerance) continue;
      return true;
    }
  }
  return false;
}

/** A uniform grid of bounding boxes, for finding candidate neighbours. */
export class GridIndex<T> {
  private readonly cells = new Map<string, { box: BBox; item: T }[]>();

  constructor(private readonly size: number) {}

  private *keys(box: BBox): Generator<string> {
    const s = this.size;
    for (let x = Math.floor(box[0] / s); x <= Math.floor(box[2] / s); x++) {
      for (let y = Math.floor(box[1] / s); y <= Math.floor(box[3] / s); y++) yield `${x},${y}`;
    }
  }

  insert(box: BBox, item: T): void {
    for (const key of this.keys(box)) {
      const list = this.cells.get(key);
      if (list) list.push({ box, item });
      else this.cells.set(key, [{ box, item }]);
    }
  }

  /** Items whose boxes intersect `box` (each once). */
  query(box: BBox): T[] {
    const seen = new Set<T>();
    for (const key of this.keys(box)) {
      for (const e of this.cells.get(key) ?? []) {
        if (e.box[0] <= box[2] && e.box[2] >= box[0] && e.box[1] <= box[3] && e.box[3] >= box[1]) seen.add(e.item);
      }
    }
    return [...seen];
  }
}
