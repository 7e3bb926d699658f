/**
 * The plane geometry the planning card needs, on top of layers/rules/planar.ts (the one home of
 * plane geometry): the exact area of the intersection of two polygons with holes, and the
 * shortest distance from a polygon to a line. Project CRS, metres.
 */
import {
  distanceToSegment,
  pointInRing,
  polygonArea,
  polygonOverlapArea,
  segmentsCross,
  type P,
} from '../../layers/rules/planar.js';
import type { GeoJSONGeometry } from '../../layers/types.js';

/** A polygon as rings: the outer ring first, then its holes. */
export type Rings = readonly (readonly P[])[];

/** The polygons of a Polygon or MultiPolygon geometry (none for other types). */
export function polygonsOf(geometry: GeoJSONGeometry): Rings[] {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.map((polygon) => polygon);
  return [];
}

/** The lines of a LineString or MultiLineString geometry. */
export function linesOf(geometry: GeoJSONGeometry): (readonly P[])[] {
  if (geometry.type === 'LineString') return [geometry.coordinates];
  if (geometry.type === 'MultiLineString') return geometry.coordinates.map((line) => line);
  return [];
}

export function geometryArea(geometry: GeoJSONGeometry): number {
  return polygonsOf(geometry).reduce((sum, rings) => sum + polygonArea(rings), 0);
}

/**
 * |A ∩ B| for A = OA \ ∪HA and B = OB \ ∪HB (holes inside their outer ring and disjoint):
 * |OA∩OB| − Σ|HA∩OB| − Σ|OA∩HB| + ΣΣ|HA∩HB|. Each term is planar.ts's exact overlap of two
 * simple rings (Green's theorem over the clipped boundaries).
 */
function ringsOverlapArea(a: Rings, b: Rings): number {
  const [outerA, ...holesA] = a;
  const [outerB, ...holesB] = b;
  if (!outerA || !outerB) return 0;
  let area = polygonOverlapArea(outerA, outerB);
  for (const hole of holesA) area -= polygonOverlapArea(hole, outerB);
  for (const hole of holesB) area -= polygonOverlapArea(outerA, hole);
  for (const ha of holesA) for (const hb of holesB) area += polygonOverlapArea(ha, hb);
  return Math.max(0, area);
}

/** Area (m²) of the intersection of two (multi)polygons. */
export function intersectionArea(a: GeoJSONGeometry, b: GeoJSONGeometry): number {
  let area = 0;
  for (const pa of polygonsOf(a)) for (const pb of polygonsOf(b)) area += ringsOverlapArea(pa, pb);
  return area;
}

function segmentDistance(a: P, b: P, c: P, d: P): number {
  if (segmentsCross(a, b, c, d)) return 0;
  return Math.min(distanceToSegment(a, c, d), distanceToSegment(b, c, d), distanceToSegment(c, a, b), distanceToSegment(d, a, b));
}

function insidePolygon(p: P, rings: Rings): boolean {
  const [outer, ...holes] = rings;
  return outer !== undefined && pointInRing(p, outer) && !holes.some((hole) => pointInRing(p, hole));
}

/** Shortest distance (m) from a (multi)polygon to a polyline: 0 when the line touches, crosses or lies inside it. */
export function polygonLineDistance(polygon: GeoJSONGeometry, line: readonly P[]): number {
  let best = Infinity;
  for (const rings of polygonsOf(polygon)) {
    if (line.some((p) => insidePolygon(p, rings))) return 0;
    for (const ring of rings) {
      for (let i = 0; i < ring.length - 1; i++) {
        for (let j = 0; j < line.length - 1; j++) {
          best = Math.min(best, segmentDistance(ring[i] as P, ring[i + 1] as P, line[j] as P, line[j + 1] as P));
          if (best === 0) return 0;
        }
      }
    }
  }
  return best;
}

/** Whether a point lies in a (multi)polygon (holes excluded). */
export function containsPoint(geometry: GeoJSONGeometry, p: P): boolean {
  return polygonsOf(geometry).some((rings) => insidePolygon(p, rings));
}
