/**
 * Merges polygons that touch (share an edge) or overlap into one simple polygon (iD's
 * `actionMergePolygon`, for areas). Pure: coordinates in, coordinates out (project CRS, metres).
 *
 * Drawn neighbours rarely share an edge to the last bit: vertices within SNAP_M of each other
 * are first made one, and a vertex within SNAP_M of another polygon's edge is put into that
 * edge, so the shared boundary is the same segments on both sides. The union itself is
 * @turf/turf's (polyclip-ts); its rings are then cleaned of repeated positions and spikes.
 */
import { featureCollection, polygon as turfPolygon, union } from '@turf/turf';
import type { Position } from '../../../layers/types.js';
import { PlanDeskError } from '../../errors.js';
import { bboxOf, cleanRing, growBox, nearestOnSegment, polygonArea, ringIsSimple, signedRingArea, xy, type XY } from '../geometry.js';

/** Vertices (and vertex–edge gaps) closer than this (m) are made one before the union. */
export const MERGE_SNAP_M = 1e-3;
/** Holes of the result smaller than this (m²) are slivers of noise, dropped. */
const SLIVER_M2 = 1e-4;

export interface MergePolygonsOptions {
  /** Names the features in messages, e.g. "zoning 0192…, 0193…". */
  readonly features: string;
}

type Rings = XY[][];

/** Makes vertices closer than `snap` identical (to the first one seen), through a hash grid. */
function snapVertices(polygons: Rings[], snap: number): Rings[] {
  const grid = new Map<string, XY[]>();
  const cell = (v: number): number => Math.floor(v / snap);
  const find = (p: XY): XY => {
    const cx = cell(p[0]);
    const cy = cell(p[1]);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const q of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (Math.hypot(q[0] - p[0], q[1] - p[1]) <= snap) return q;
        }
      }
    }
    const key = `${cx},${cy}`;
    const list = grid.get(key);
    if (list) list.push(p);
    else grid.set(key, [p]);
    return p;
  };
  return polygons.map((rings) => rings.map((ring) => ring.map((p) => [...find(p)] as XY)));
}

/** Puts into each edge the other polygons' vertices that lie on it (within `snap`). */
function nodeEdges(polygons: Rings[], snap: number): Rings[] {
  const vertices = polygons.map((rings) => rings.flatMap((ring) => ring));
  return polygons.map((rings, self) => {
    const others = vertices.filter((_, i) => i !== self).flat();
    const [minx, miny, maxx, maxy] = growBox(bboxOf(rings[0] as XY[]), snap);
    const near = others.filter((p) => p[0] >= minx && p[0] <= maxx && p[1] >= miny && p[1] <= maxy);
    if (near.length === 0) return rings;
    return rings.map((ring) => {
      const out: XY[] = [];
      for (let i = 0; i < ring.length - 1; i++) {
        const a = ring[i] as XY;
        const b = ring[i + 1] as XY;
        out.push(a);
        const inserts: { t: number; p: XY }[] = [];
        for (const p of near) {
          const hit = nearestOnSegment(p, a, b);
          if (hit.t <= 0 || hit.t >= 1 || hit.distance > snap) continue;
          if (Math.hypot(p[0] - a[0], p[1] - a[1]) <= snap || Math.hypot(p[0] - b[0], p[1] - b[1]) <= snap) continue;
          inserts.push({ t: hit.t, p });
        }
        inserts.sort((u, v) => u.t - v.t);
        for (const { p } of inserts) {
          const last = out[out.length - 1] as XY;
          if (last[0] !== p[0] || last[1] !== p[1]) out.push(p);
        }
      }
      out.push(out[0] as XY);
      return out;
    });
  });
}

/**
 * The union of `polygons` (each outer ring then holes, closed) as one polygon. Refuses with
 * INVALID_ARGUMENT when fewer than two are given or the union has more than one part.
 */
export function mergePolygons(polygons: readonly (readonly (readonly Position[])[])[], options: MergePolygonsOptions): XY[][] {
  const refuse = (why: string): PlanDeskError => new PlanDeskError('INVALID_ARGUMENT', `Cannot merge ${options.features}: ${why}.`);
  if (polygons.length < 2) throw refuse('merging needs at least two polygons');
  const input: Rings[] = polygons.map((rings) => rings.map((ring) => ring.map(xy)));
  const prepared = nodeEdges(snapVertices(input, MERGE_SNAP_M), MERGE_SNAP_M).map((rings) => rings.map((ring) => cleanRing(ring)));
  prepared.forEach((rings, i) => {
    const which = `polygon ${i + 1} of ${prepared.length}`;
    if (!rings[0] || rings[0].length < 4) throw refuse(`${which} has no area`);
    if (!ringIsSimple(rings[0])) throw refuse(`${which} is not simple (its boundary crosses itself); fix it first`);
  });
  const result = union(featureCollection(prepared.map((rings) => turfPolygon(rings))));
  if (!result) throw refuse('the union is empty');
  if (result.geometry.type !== 'Polygon') {
    const parts = result.geometry.coordinates.length;
    throw refuse(`the zones do not touch (the union has ${parts} separate parts)`);
  }
  const rings: XY[][] = [];
  for (const [i, ring] of result.geometry.coordinates.entries()) {
    const clean = cleanRing(ring as Position[]);
    if (clean.length < 4 || (i > 0 && Math.abs(signedRingArea(clean)) < SLIVER_M2)) {
      if (i === 0) throw refuse('the union has no area');
      continue;
    }
    if (!ringIsSimple(clean)) throw refuse(`the union's ${i === 0 ? 'outer ring' : `hole ${i}`} is not simple`);
    rings.push(clean);
  }
  // Keep the orientation of the first polygon's rings.
  const wantPositive = signedRingArea((input[0] as Rings)[0] as XY[]) >= 0;
  if (signedRingArea(rings[0] as XY[]) >= 0 !== wantPositive) for (const ring of rings) ring.reverse();
  if (polygonArea(rings) <= 0) throw refuse('the union has no area');
  return rings;
}
