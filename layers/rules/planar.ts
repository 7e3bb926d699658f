/**
 * Plane geometry for rules and checks, on GeoJSON coordinates in a projected CRS (metres):
 * bounding boxes, segment crossings, ring simplicity, point in polygon, distances, lengths,
 * areas and the overlap area of two polygons. Small, dependency-free and exact enough at the
 * millimetre scale projects are rounded to. The one home of this geometry: the rules, the rule
 * engine and the demo's tests all use it.
 *
 * Rings are closed (first position = last), as GeoJSON has them.
 */
export type P = readonly number[];

/** [minx, miny, maxx, maxy]. */
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

/** The box grown by d on every side. */
export function growBox(b: readonly number[], d: number): BBox {
  return [(b[0] as number) - d, (b[1] as number) - d, (b[2] as number) + d, (b[3] as number) + d];
}

/** The box of the points within d (along each axis) of p. */
export function boxAround(p: P, d = 0): BBox {
  return [(p[0] as number) - d, (p[1] as number) - d, (p[0] as number) + d, (p[1] as number) + d];
}

export function boxesIntersect(a: readonly number[], b: readonly number[]): boolean {
  return (a[0] as number) <= (b[2] as number) && (a[2] as number) >= (b[0] as number) && (a[1] as number) <= (b[3] as number) && (a[3] as number) >= (b[1] as number);
}

export function distance(a: P, b: P): number {
  return Math.hypot((a[0] as number) - (b[0] as number), (a[1] as number) - (b[1] as number));
}

/** Twice the signed area of triangle abc: > 0 when c is left of a→b. */
export function orient(a: P, b: P, c: P): number {
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

/** Area of a polygon (outer ring less its holes), whatever the rings' orientation. */
export function polygonArea(rings: readonly (readonly P[])[]): number {
  let area = 0;
  rings.forEach((ring, i) => {
    const a = Math.abs(signedRingArea(ring));
    area += i === 0 ? a : -a;
  });
  return Math.max(0, area);
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

/** The parameter t in [0, 1] of the point of segment ab nearest p (a + t·(b − a)). */
export function nearestSegmentParameter(p: P, a: P, b: P): number {
  const ax = a[0] as number;
  const ay = a[1] as number;
  const abx = (b[0] as number) - ax;
  const aby = (b[1] as number) - ay;
  const len2 = abx * abx + aby * aby;
  const t = len2 > 0 ? (((p[0] as number) - ax) * abx + ((p[1] as number) - ay) * aby) / len2 : 0;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

export function distanceToSegment(p: P, a: P, b: P): number {
  const t = nearestSegmentParameter(p, a, b);
  const ax = a[0] as number;
  const ay = a[1] as number;
  return Math.hypot((p[0] as number) - ax - ((b[0] as number) - ax) * t, (p[1] as number) - ay - ((b[1] as number) - ay) * t);
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

export function lineLength(coords: readonly P[]): number {
  let s = 0;
  for (let i = 1; i < coords.length; i++) s += distance(coords[i - 1] as P, coords[i] as P);
  return s;
}

/** Where p projects onto a polyline: its distance from the line and the station (length along the line) of its foot. */
export function projectOnLine(p: P, coords: readonly P[]): { distance: number; station: number } {
  let best = Infinity;
  let station = 0;
  let along = 0;
  for (let i = 0; i < coords.length - 1; i++) {
    const a = coords[i] as P;
    const b = coords[i + 1] as P;
    const abx = (b[0] as number) - (a[0] as number);
    const aby = (b[1] as number) - (a[1] as number);
    const len = Math.hypot(abx, aby);
    let t = len > 0 ? (((p[0] as number) - (a[0] as number)) * abx + ((p[1] as number) - (a[1] as number)) * aby) / (len * len) : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const d = Math.hypot((p[0] as number) - (a[0] as number) - abx * t, (p[1] as number) - (a[1] as number) - aby * t);
    if (d < best) {
      best = d;
      station = along + t * len;
    }
    along += len;
  }
  return { distance: best, station };
}

/** Area centroid of a closed ring (the vertex mean when the ring has no area). */
export function ringCentroid(ring: readonly P[]): [number, number] {
  const x0 = (ring[0] as P)[0] as number;
  const y0 = (ring[0] as P)[1] as number;
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const xa = ((ring[i] as P)[0] as number) - x0;
    const ya = ((ring[i] as P)[1] as number) - y0;
    const xb = ((ring[i + 1] as P)[0] as number) - x0;
    const yb = ((ring[i + 1] as P)[1] as number) - y0;
    const c = xa * yb - xb * ya;
    a += c;
    cx += (xa + xb) * c;
    cy += (ya + yb) * c;
  }
  if (Math.abs(a) < 1e-12) {
    const n = Math.max(1, ring.length - 1);
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      sx += (ring[i] as P)[0] as number;
      sy += (ring[i] as P)[1] as number;
    }
    return [sx / n, sy / n];
  }
  return [x0 + cx / (3 * a), y0 + cy / (3 * a)];
}

/**
 * A point inside the ring: its centroid when that is inside, otherwise the middle of the widest
 * inside stretch of the horizontal line through the centroid (concave rings).
 */
export function interiorPoint(ring: readonly P[]): [number, number] {
  const c = ringCentroid(ring);
  if (pointInRing(c, ring)) return c;
  const y = c[1];
  const xs: number[] = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i] as P;
    const b = ring[i + 1] as P;
    const ay = a[1] as number;
    const by = b[1] as number;
    if (ay > y !== by > y) xs.push((a[0] as number) + (((b[0] as number) - (a[0] as number)) * (y - ay)) / (by - ay));
  }
  xs.sort((p, q) => p - q);
  let best: [number, number] = c;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const w = (xs[i + 1] as number) - (xs[i] as number);
    if (w > width) {
      width = w;
      best = [((xs[i] as number) + (xs[i + 1] as number)) / 2, y];
    }
  }
  return best;
}

/** The ring reversed when it runs clockwise: counter-clockwise either way. */
function counterClockwise(ring: readonly P[]): readonly P[] {
  return signedRingArea(ring) < 0 ? [...ring].reverse() : ring;
}

/** Distance from p to the ring's boundary, and the index of the nearest edge. */
function nearestEdge(p: P, ring: readonly P[]): { d: number; k: number } {
  let d = Infinity;
  let k = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const e = distanceToSegment(p, ring[i] as P, ring[i + 1] as P);
    if (e < d) {
      d = e;
      k = i;
    }
  }
  return { d, k };
}

/**
 * ∮ x dy over the parts of ring a's edges that bound a ∩ b, relative to `origin` (twice the
 * shoelace contribution). Each edge of a is cut where b's edges cross it or b's vertices touch
 * it; a piece counts when its middle is inside b, or (with `shared`) on b's boundary along an
 * edge of b running the same way (a boundary the two polygons share on the same side).
 */
function overlapBoundary(a: readonly P[], b: readonly P[], tolerance: number, shared: boolean, origin: P): number {
  const ox = origin[0] as number;
  const oy = origin[1] as number;
  let sum = 0;
  for (let i = 0; i < a.length - 1; i++) {
    const p = a[i] as P;
    const q = a[i + 1] as P;
    const px = (p[0] as number) - ox;
    const py = (p[1] as number) - oy;
    const dx = (q[0] as number) - (p[0] as number);
    const dy = (q[1] as number) - (p[1] as number);
    const len2 = dx * dx + dy * dy;
    if (len2 === 0) continue;
    const ts = [0, 1];
    for (let j = 0; j < b.length - 1; j++) {
      const r = b[j] as P;
      const s = b[j + 1] as P;
      const ex = (s[0] as number) - (r[0] as number);
      const ey = (s[1] as number) - (r[1] as number);
      const den = dx * ey - dy * ex;
      if (den !== 0) {
        const wx = (r[0] as number) - (p[0] as number);
        const wy = (r[1] as number) - (p[1] as number);
        const t = (wx * ey - wy * ex) / den;
        const u = (wx * dy - wy * dx) / den;
        if (t > 0 && t < 1 && u >= 0 && u <= 1) ts.push(t);
      }
      // b's vertices on (or within the tolerance of) this edge cut it too: shared stretches.
      if (distanceToSegment(r, p, q) <= tolerance) {
        const t = (((r[0] as number) - (p[0] as number)) * dx + ((r[1] as number) - (p[1] as number)) * dy) / len2;
        if (t > 0 && t < 1) ts.push(t);
      }
    }
    ts.sort((x, y) => x - y);
    for (let k = 0; k + 1 < ts.length; k++) {
      const t0 = ts[k] as number;
      const t1 = ts[k + 1] as number;
      if (t1 - t0 < 1e-12) continue;
      const mid = [(p[0] as number) + dx * ((t0 + t1) / 2), (p[1] as number) + dy * ((t0 + t1) / 2)];
      const near = nearestEdge(mid, b);
      let counts: boolean;
      if (near.d <= tolerance) {
        if (!shared) continue;
        const r = b[near.k] as P;
        const s = b[near.k + 1] as P;
        counts = dx * ((s[0] as number) - (r[0] as number)) + dy * ((s[1] as number) - (r[1] as number)) > 0;
      } else counts = pointInRing(mid, b);
      if (!counts) continue;
      const x0 = px + dx * t0;
      const y0 = py + dy * t0;
      const x1 = px + dx * t1;
      const y1 = py + dy * t1;
      sum += x0 * y1 - x1 * y0;
    }
  }
  return sum;
}

/**
 * Area (m²) of the intersection of two simple polygons given by their outer rings, either
 * orientation. Boundaries within `tolerance` of each other count as shared: two polygons that
 * only touch along an edge overlap by 0. (Green's theorem over the boundary of a ∩ b: the parts
 * of a's edges inside b plus the parts of b's edges inside a.)
 */
export function polygonOverlapArea(a: readonly P[], b: readonly P[], tolerance = 1e-3): number {
  const ra = counterClockwise(a);
  const rb = counterClockwise(b);
  const origin = ra[0] as P;
  const twice = overlapBoundary(ra, rb, tolerance, true, origin) + overlapBoundary(rb, ra, tolerance, false, origin);
  return Math.max(0, twice / 2);
}
