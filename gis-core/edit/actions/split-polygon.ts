/**
 * Cuts a polygon in two along a polyline that crosses it: enters through the outer ring and
 * leaves through it once. Pure: coordinates in, coordinates out (project CRS, metres).
 *
 * Both parts share the cut exactly (the same positions where the cut meets the ring, the same
 * cut vertices in between). Holes go to the part that contains them; a cut through a hole is
 * refused. Both parts keep the orientation of the original rings.
 */
import type { Position } from '../../../layers/types.js';
import { PlanDeskError } from '../../errors.js';
import { cleanRing, pointInRing, polygonArea, ringIsSimple, samePosition, segmentIntersection, xy, type XY } from '../geometry.js';

export interface SplitPolygonOptions {
  /** Names the feature in messages, e.g. "zoning 0192…". */
  readonly feature: string;
}

/** A polygon part: outer ring then holes, each closed. */
export type PolygonRings = XY[][];

/** Smallest part (m²) a cut may leave. */
export const MIN_PART_AREA_M2 = 0.01;

interface Crossing {
  /** Parameter along the cut: segment index + fraction. */
  readonly cut: number;
  /** Parameter along the outer ring: edge index + fraction, in [0, n). */
  readonly ring: number;
  readonly point: XY;
}

function pointAt(line: readonly Position[], param: number): XY {
  const i = Math.min(Math.floor(param), line.length - 2);
  const f = param - i;
  const a = line[i] as Position;
  const b = line[i + 1] as Position;
  return [(a[0] as number) + ((b[0] as number) - (a[0] as number)) * f, (a[1] as number) + ((b[1] as number) - (a[1] as number)) * f];
}

/** Where the cut meets the open ring (n vertices), ordered along the cut, one per point. */
function crossings(cut: readonly Position[], ring: readonly XY[]): Crossing[] {
  const n = ring.length;
  const found: Crossing[] = [];
  for (let j = 0; j < cut.length - 1; j++) {
    for (let i = 0; i < n; i++) {
      const hit = segmentIntersection(cut[j] as Position, cut[j + 1] as Position, ring[i] as XY, ring[(i + 1) % n] as XY);
      if (!hit) continue;
      const ringParam = hit.t === 1 ? (i + 1) % n : i + hit.t;
      found.push({ cut: j + hit.s, ring: ringParam, point: hit.point });
    }
  }
  found.sort((a, b) => a.cut - b.cut);
  const unique: Crossing[] = [];
  for (const c of found) {
    const last = unique[unique.length - 1];
    if (last && (Math.abs(last.cut - c.cut) < 1e-9 || samePosition(last.point, c.point))) continue;
    unique.push(c);
  }
  return unique;
}

/** Vertices of the open ring strictly between ring parameters `from` and `to`, going forward. */
function ringWalk(ring: readonly XY[], from: number, to: number): XY[] {
  const n = ring.length;
  const span = (to - from + n) % n;
  const out: XY[] = [];
  // Stepping forward from the edge `from` lies on, the distance along the ring only grows.
  for (let step = 1; step <= n; step++) {
    const k = (Math.floor(from) + step) % n;
    const d = (k - from + n) % n;
    if (d >= span) break;
    if (d > 0) out.push(ring[k] as XY);
  }
  return out;
}

/** Splits `polygon` along `cut`: [larger part, smaller part]. Refuses with INVALID_ARGUMENT naming the feature. */
export function splitPolygon(polygon: readonly (readonly Position[])[], cut: readonly Position[], options: SplitPolygonOptions): [PolygonRings, PolygonRings] {
  const refuse = (why: string): PlanDeskError => new PlanDeskError('INVALID_ARGUMENT', `Cannot split ${options.feature}: ${why}.`);
  if (cut.length < 2) throw refuse('the cutting line needs at least two positions');
  const outerClosed = polygon[0];
  if (!outerClosed || outerClosed.length < 4) throw refuse('the polygon has no outer ring');
  const outer = outerClosed.slice(0, -1).map(xy);
  const holes = polygon.slice(1);

  const all = crossings(cut, outer);
  const cutEnd = cut.length - 1;
  // Pieces of the cut between consecutive crossings (and before the first, after the last).
  const stops = [0, ...all.map((c) => c.cut), cutEnd];
  const inside: number[] = [];
  for (let k = 0; k < stops.length - 1; k++) {
    const a = stops[k] as number;
    const b = stops[k + 1] as number;
    if (b - a < 1e-9) continue;
    if (pointInRing(pointAt(cut, (a + b) / 2), outerClosed)) inside.push(k);
  }
  if (inside.length === 0) throw refuse('the line does not cross the polygon');
  if (inside.length > 1) throw refuse('the line crosses the polygon more than once (it would make more than two parts)');
  const k = inside[0] as number;
  const enter = all[k - 1];
  const leave = all[k];
  if (!enter || !leave) throw refuse('the line must start and end outside the polygon (it has to enter and leave it)');

  const between: XY[] = [];
  for (let j = Math.floor(enter.cut) + 1; j < leave.cut; j++) between.push(xy(cut[j] as Position));
  const path: XY[] = [enter.point, ...between, leave.point];
  for (let h = 0; h < holes.length; h++) {
    const hole = holes[h] as readonly Position[];
    for (let i = 0; i < path.length - 1; i++) {
      for (let e = 0; e < hole.length - 1; e++) {
        if (segmentIntersection(path[i] as XY, path[i + 1] as XY, hole[e] as Position, hole[e + 1] as Position)) {
          throw refuse(`the line cuts hole ${h + 1} (draw it around the hole)`);
        }
      }
    }
  }

  const a = cleanRing([...path, ...ringWalk(outer, leave.ring, enter.ring), enter.point]);
  const b = cleanRing([leave.point, ...[...path].reverse().slice(1), ...ringWalk(outer, enter.ring, leave.ring), leave.point]);
  const parts: PolygonRings[] = [[a], [b]];
  for (const hole of holes) {
    const target = pointInRing(hole[0] as Position, a) ? parts[0] : parts[1];
    (target as PolygonRings).push(hole.map(xy));
  }
  for (const part of parts) {
    if (!ringIsSimple(part[0] as XY[])) throw refuse('a part would not be a simple polygon (does the line cross itself or run along the boundary?)');
  }
  const [areaA, areaB] = parts.map((p) => polygonArea(p)) as [number, number];
  const whole = polygonArea(polygon);
  if (Math.min(areaA, areaB) < MIN_PART_AREA_M2) throw refuse(`a part would be smaller than ${MIN_PART_AREA_M2} m²`);
  if (Math.abs(areaA + areaB - whole) > 1e-6 * Math.max(1, whole)) throw refuse('the parts do not add up to the polygon (is its outer ring self-intersecting?)');
  return areaA >= areaB ? [parts[0] as PolygonRings, parts[1] as PolygonRings] : [parts[1] as PolygonRings, parts[0] as PolygonRings];
}
