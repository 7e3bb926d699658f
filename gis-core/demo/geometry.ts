/**
 * Plane geometry for the demo city, in local metres. Points are [x, y] tuples; rings are
 * open (first vertex not repeated) until they are written out.
 */

export type Pt = [number, number];

export function add(a: Pt, b: Pt): Pt {
  return [a[0] + b[0], a[1] + b[1]];
}

export function sub(a: Pt, b: Pt): Pt {
  return [a[0] - b[0], a[1] - b[1]];
}

export function scale(a: Pt, k: number): Pt {
  return [a[0] * k, a[1] * k];
}

export function dot(a: Pt, b: Pt): number {
  return a[0] * b[0] + a[1] * b[1];
}

export function cross(a: Pt, b: Pt): number {
  return a[0] * b[1] - a[1] * b[0];
}

export function length(a: Pt): number {
  return Math.hypot(a[0], a[1]);
}

export function distance(a: Pt, b: Pt): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

export function unit(a: Pt): Pt {
  const l = Math.hypot(a[0], a[1]);
  return [a[0] / l, a[1] / l];
}

/** The left normal of a direction (rotated +90°). */
export function leftNormal(d: Pt): Pt {
  const u = unit(d);
  return [-u[1], u[0]];
}

export function lerp(a: Pt, b: Pt, t: number): Pt {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** Where line p + s·d meets line q + t·e; null when (nearly) parallel. */
export function intersectLines(p: Pt, d: Pt, q: Pt, e: Pt): Pt | null {
  const den = cross(d, e);
  if (Math.abs(den) < 1e-9 * length(d) * length(e)) return null;
  const s = cross(sub(q, p), e) / den;
  return [p[0] + d[0] * s, p[1] + d[1] * s];
}

/**
 * A vertex of an offset ring: where the edge (a→v) shifted left by h1 meets the edge (v→b)
 * shifted left by h2. Equal offsets use the miter formula (stable for nearly straight joins).
 */
export function offsetVertex(a: Pt, v: Pt, b: Pt, h1: number, h2: number): Pt {
  const n1 = leftNormal(sub(v, a));
  const n2 = leftNormal(sub(b, v));
  if (h1 === h2) {
    const k = 1 + dot(n1, n2);
    if (k < 1e-6) return [v[0] + n2[0] * h2, v[1] + n2[1] * h2];
    return [v[0] + ((n1[0] + n2[0]) * h1) / k, v[1] + ((n1[1] + n2[1]) * h1) / k];
  }
  const hit = intersectLines(add(a, scale(n1, h1)), sub(v, a), add(v, scale(n2, h2)), sub(b, v));
  return hit ?? [v[0] + n2[0] * h2, v[1] + n2[1] * h2];
}

/**
 * Shifts every edge of a closed ring to its left by its own offset (`offsets[i]` is the edge
 * from ring[i] to ring[i+1]): insets a counter-clockwise ring, outsets a clockwise one.
 */
export function offsetRing(ring: readonly Pt[], offsets: readonly number[]): Pt[] {
  const n = ring.length;
  const out: Pt[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const prev = ring[(i + n - 1) % n] as Pt;
    const v = ring[i] as Pt;
    const next = ring[(i + 1) % n] as Pt;
    out[i] = offsetVertex(prev, v, next, offsets[(i + n - 1) % n] as number, offsets[i] as number);
  }
  return out;
}

/** Shifts an open polyline to its left by h (miter joins). */
export function offsetPolyline(points: readonly Pt[], h: number): Pt[] {
  const n = points.length;
  const out: Pt[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = points[i] as Pt;
    if (i === 0 || i === n - 1) {
      const a = points[i === 0 ? 0 : n - 2] as Pt;
      const b = points[i === 0 ? 1 : n - 1] as Pt;
      const nrm = leftNormal(sub(b, a));
      out[i] = [v[0] + nrm[0] * h, v[1] + nrm[1] * h];
    } else {
      out[i] = offsetVertex(points[i - 1] as Pt, v, points[i + 1] as Pt, h, h);
    }
  }
  return out;
}

export function polylineLength(points: readonly Pt[]): number {
  let s = 0;
  for (let i = 1; i < points.length; i++) s += distance(points[i - 1] as Pt, points[i] as Pt);
  return s;
}

/** Cumulative distances along a polyline: [0, |p0p1|, …]. */
export function cumulative(points: readonly Pt[]): number[] {
  const out = [0];
  for (let i = 1; i < points.length; i++) out.push((out[i - 1] as number) + distance(points[i - 1] as Pt, points[i] as Pt));
  return out;
}

/** Index of the segment holding distance s along a polyline with cumulative distances `cum` (clamped to the ends). */
export function segmentAt(cum: readonly number[], s: number): number {
  const n = cum.length;
  if (s >= (cum[n - 1] as number)) return n - 2;
  let lo = 0;
  if (s <= 0) return lo;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) <= s) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The point at distance s along a polyline (clamped), and the index of its segment. */
export function pointAlong(points: readonly Pt[], cum: readonly number[], s: number): { p: Pt; seg: number } {
  const n = points.length;
  if (s <= 0) return { p: [...(points[0] as Pt)], seg: 0 };
  const total = cum[n - 1] as number;
  if (s >= total) return { p: [...(points[n - 1] as Pt)], seg: n - 2 };
  const lo = segmentAt(cum, s);
  const a = points[lo] as Pt;
  const b = points[lo + 1] as Pt;
  const len = (cum[lo + 1] as number) - (cum[lo] as number);
  return { p: lerp(a, b, len > 0 ? (s - (cum[lo] as number)) / len : 0), seg: lo };
}

/** The sub-polyline between distances s0 < s1, with the vertices in between. */
export function slicePolyline(points: readonly Pt[], cum: readonly number[], s0: number, s1: number): Pt[] {
  const start = pointAlong(points, cum, s0);
  const end = pointAlong(points, cum, s1);
  const out: Pt[] = [start.p];
  for (let i = start.seg + 1; i <= end.seg; i++) {
    const c = cum[i] as number;
    if (c > s0 + 1e-9 && c < s1 - 1e-9) out.push([...(points[i] as Pt)]);
  }
  out.push(end.p);
  return out;
}

/** y of a polyline that is monotone in x, at x (extrapolating its end segments). */
export function yAtX(points: readonly Pt[], x: number): number {
  const n = points.length;
  let i = 0;
  if (x >= (points[n - 1] as Pt)[0]) i = n - 2;
  else if (x > (points[0] as Pt)[0]) {
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((points[mid] as Pt)[0] <= x) lo = mid;
      else hi = mid;
    }
    i = lo;
  }
  const a = points[i] as Pt;
  const b = points[i + 1] as Pt;
  return a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0]);
}

/** x of a polyline that is monotone in y, at y (extrapolating its end segments). */
export function xAtY(points: readonly Pt[], y: number): number {
  const n = points.length;
  let i = 0;
  if (y >= (points[n - 1] as Pt)[1]) i = n - 2;
  else if (y > (points[0] as Pt)[1]) {
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((points[mid] as Pt)[1] <= y) lo = mid;
      else hi = mid;
    }
    i = lo;
  }
  const a = points[i] as Pt;
  const b = points[i + 1] as Pt;
  return a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]);
}
