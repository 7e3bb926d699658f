/**
 * Planned massing: the building envelope a zoning plot's indicators allow, as a pure function
 * (used by the 3D view's "planned" mode; no I/O, imports nothing outside layers/).
 *
 * Per zone:
 * - footprint = the zone's outer ring inset by `setback_m` (every edge moved inward by the
 *   setback, adjacent offset edges intersected). This is exact for convex polygons and fine
 *   for gently concave ones; a deeply concave plot (an L or U whose arms are thinner than
 *   2 × setback) can give a self-intersecting ring — then, or when the inset collapses
 *   (area ≤ 0, orientation flipped), the zone gets no massing (null). Holes are ignored.
 * - the footprint is then scaled about its centroid so that its area ≤ max_density_pct % of
 *   the zone's area (net building density). Scaling towards the centroid keeps it inside the
 *   inset for convex (star-shaped) footprints.
 * - height = max_floors × storey height (3.6 m), capped by max_height_m when both are given;
 *   floors = ⌊max_height_m / storey⌋ when only the height is given. No indicator: null.
 */

export const STOREY_HEIGHT_M = 3.6;

export type Point2 = readonly [number, number];

export interface ZoneIndicators {
  readonly maxFloors?: number | null;
  readonly maxHeightM?: number | null;
  readonly setbackM?: number | null;
  readonly maxDensityPct?: number | null;
}

export interface MassingEnvelope {
  /** Counter-clockwise, not closed (the first point is not repeated). */
  readonly footprint: Point2[];
  readonly footprintArea: number;
  readonly zoneArea: number;
  readonly floors: number;
  readonly heightM: number;
}

/** Signed area (positive when counter-clockwise); a closing duplicate point is ignored. */
export function ringArea(ring: readonly (readonly number[])[]): number {
  const n = openLength(ring);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    s += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return s / 2;
}

function openLength(ring: readonly (readonly number[])[]): number {
  const n = ring.length;
  if (n > 1) {
    const a = ring[0]!;
    const b = ring[n - 1]!;
    if (a[0] === b[0] && a[1] === b[1]) return n - 1;
  }
  return n;
}

/** The ring as open, counter-clockwise points without repeated vertices. */
export function normalizeRing(ring: readonly (readonly number[])[]): Point2[] {
  const n = openLength(ring);
  const out: Point2[] = [];
  for (let i = 0; i < n; i++) {
    const p = ring[i]!;
    const last = out[out.length - 1];
    if (last && Math.abs(last[0] - p[0]!) < 1e-9 && Math.abs(last[1] - p[1]!) < 1e-9) continue;
    out.push([p[0]!, p[1]!]);
  }
  if (out.length > 1) {
    const a = out[0]!;
    const b = out[out.length - 1]!;
    if (Math.abs(a[0] - b[0]) < 1e-9 && Math.abs(a[1] - b[1]) < 1e-9) out.pop();
  }
  if (ringArea(out) < 0) out.reverse();
  return out;
}

function segmentsCross(a: Point2, b: Point2, c: Point2, d: Point2): boolean {
  const o = (p: Point2, q: Point2, r: Point2) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const d1 = o(c, d, a);
  const d2 = o(c, d, b);
  const d3 = o(a, b, c);
  const d4 = o(a, b, d);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

function selfIntersects(ring: readonly Point2[]): boolean {
  const n = ring.length;
  if (n > 200) return false; // not checked on very detailed rings (O(n²)); the area check remains
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsCross(ring[i]!, ring[(i + 1) % n]!, ring[j]!, ring[(j + 1) % n]!)) return true;
    }
  }
  return false;
}

/**
 * Moves every edge of a counter-clockwise ring inward by `d` metres. Null when the result
 * collapses or turns inside out (see the module note on concave plots).
 */
export function insetRing(ring: readonly (readonly number[])[], d: number): Point2[] | null {
  const pts = normalizeRing(ring);
  const n = pts.length;
  if (n < 3) return null;
  if (!(d > 0)) return pts;
  const area0 = ringArea(pts);
  // Offset line of edge i: point + direction, moved along the inward (left) normal.
  const lines: { px: number; py: number; dx: number; dy: number }[] = [];
  for (let i = 0; i < n; i++) {
    const a = pts[i]!;
    const b = pts[(i + 1) % n]!;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    const nx = -dy / len;
    const ny = dx / len;
    lines.push({ px: a[0] + nx * d, py: a[1] + ny * d, dx, dy });
  }
  const out: Point2[] = [];
  for (let i = 0; i < n; i++) {
    const l1 = lines[(i + n - 1) % n]!;
    const l2 = lines[i]!;
    const cross = l1.dx * l2.dy - l1.dy * l2.dx;
    if (Math.abs(cross) < 1e-9 * Math.hypot(l1.dx, l1.dy) * Math.hypot(l2.dx, l2.dy)) {
      out.push([l2.px, l2.py]); // collinear edges: the offset point of the vertex
      continue;
    }
    const t = ((l2.px - l1.px) * l2.dy - (l2.py - l1.py) * l2.dx) / cross;
    out.push([l1.px + l1.dx * t, l1.py + l1.dy * t]);
  }
  const area = ringArea(out);
  if (!(area > 0) || area > area0 || selfIntersects(out)) return null;
  return out;
}

/** Area centroid of an open ring. */
export function ringCentroid(ring: readonly Point2[]): Point2 {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % n]!;
    const f = p[0] * q[1] - q[0] * p[1];
    a += f;
    cx += (p[0] + q[0]) * f;
    cy += (p[1] + q[1]) * f;
  }
  if (a === 0) {
    const sx = ring.reduce((s, p) => s + p[0], 0);
    const sy = ring.reduce((s, p) => s + p[1], 0);
    return [sx / n, sy / n];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/** Scales a ring about its centroid so that its area is multiplied by `areaFactor`. */
export function scaleRing(ring: readonly Point2[], areaFactor: number): Point2[] {
  const [cx, cy] = ringCentroid(ring);
  const k = Math.sqrt(areaFactor);
  return ring.map(([x, y]) => [cx + (x - cx) * k, cy + (y - cy) * k] as Point2);
}

/** The floors and height the indicators allow; null without max_floors or max_height_m. */
export function allowedHeight(ind: ZoneIndicators, storey = STOREY_HEIGHT_M): { floors: number; heightM: number } | null {
  const floors = ind.maxFloors != null && ind.maxFloors > 0 ? ind.maxFloors : null;
  const height = ind.maxHeightM != null && ind.maxHeightM > 0 ? ind.maxHeightM : null;
  if (floors === null && height === null) return null;
  if (floors !== null) {
    const h = floors * storey;
    return { floors, heightM: height !== null ? Math.min(h, height) : h };
  }
  return { floors: Math.max(1, Math.floor(height! / storey)), heightM: height! };
}

/**
 * The envelope a zone's indicators allow (see the module note). `outerRing`: the zone's outer
 * ring in metres (any orientation, closed or not).
 */
export function planMassing(outerRing: readonly (readonly number[])[], ind: ZoneIndicators, storey = STOREY_HEIGHT_M): MassingEnvelope | null {
  const h = allowedHeight(ind, storey);
  if (!h) return null;
  const zone = normalizeRing(outerRing);
  if (zone.length < 3) return null;
  const zoneArea = ringArea(zone);
  if (!(zoneArea > 0)) return null;
  let footprint = insetRing(zone, ind.setbackM ?? 0);
  if (!footprint) return null;
  let footprintArea = ringArea(footprint);
  const density = ind.maxDensityPct;
  if (density != null && density >= 0) {
    const allowed = (Math.min(density, 100) / 100) * zoneArea;
    if (allowed <= 0) return null;
    if (footprintArea > allowed) {
      footprint = scaleRing(footprint, allowed / footprintArea);
      footprintArea = ringArea(footprint);
    }
  }
  return { footprint, footprintArea, zoneArea, floors: h.floors, heightM: h.heightM };
}
