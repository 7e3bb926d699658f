/**
 * The water network as the water rules read it: mains meet end to end, and a main runs on
 * through a meeting point into the main that continues it straightest (a street's main is cut
 * at every crossing, but runs on along the street). Answers are memoised per run.
 */
import type { RuleContext, RuleFeature } from '../types.js';
import { bboxOf, boxAround, distance, distanceToLine, growBox, lineLength, projectOnLine, type P } from './planar.js';
import { NETWORK_SNAP_M, lineOf, pointOf } from './support.js';

/** A main runs on into another whose direction turns by at most this (degrees) at their meeting point. */
export const MAX_TURN_DEG = 35;

/** End 0 is a main's first vertex, end 1 its last. */
export type End = 0 | 1;

interface MainEnd {
  readonly main: RuleFeature;
  readonly end: End;
  /** Unit direction from the end into the main. */
  readonly dx: number;
  readonly dy: number;
}

function endOf(coords: readonly P[], end: End): P {
  return (end === 0 ? coords[0] : coords[coords.length - 1]) as P;
}

/** The direction from a main's end into it (towards the first vertex at least 5 cm away). */
function direction(coords: readonly P[], end: End): [number, number] | undefined {
  const n = coords.length;
  const p = endOf(coords, end);
  for (let k = 1; k < n; k++) {
    const q = coords[end === 0 ? k : n - 1 - k] as P;
    const d = distance(p, q);
    if (d > NETWORK_SNAP_M) return [((q[0] as number) - (p[0] as number)) / d, ((q[1] as number) - (p[1] as number)) / d];
  }
  return undefined;
}

/** Main ends at a point (within the snap distance). */
function endsAt(ctx: RuleContext, p: P): MainEnd[] {
  const out: MainEnd[] = [];
  for (const main of ctx.featuresIn('water_mains', boxAround(p, NETWORK_SNAP_M))) {
    const coords = lineOf(main.geometry);
    if (!coords || coords.length < 2) continue;
    for (const end of [0, 1] as const) {
      const dir = direction(coords, end);
      if (dir && distance(endOf(coords, end), p) <= NETWORK_SNAP_M) out.push({ main, end, dx: dir[0], dy: dir[1] });
    }
  }
  return out.sort((a, b) => (a.main.uuid === b.main.uuid ? a.end - b.end : a.main.uuid < b.main.uuid ? -1 : 1));
}

/**
 * The main (and its end at the meeting point) that `main` runs on into past its end `end`:
 * at the meeting point, main ends are paired straightest first (turn ≤ MAX_TURN_DEG).
 */
export function continuation(ctx: RuleContext, main: RuleFeature, end: End): { main: RuleFeature; end: End } | undefined {
  return ctx.memo(end === 0 ? 'main-before' : 'main-after', main, () => {
    const coords = lineOf(main.geometry);
    if (!coords || coords.length < 2) return undefined;
    const ends = endsAt(ctx, endOf(coords, end));
    const limit = -Math.cos((MAX_TURN_DEG * Math.PI) / 180);
    const pairs: { i: number; j: number; dot: number }[] = [];
    for (let i = 0; i < ends.length; i++) {
      for (let j = i + 1; j < ends.length; j++) {
        const a = ends[i] as MainEnd;
        const b = ends[j] as MainEnd;
        if (a.main.uuid === b.main.uuid) continue;
        const dot = a.dx * b.dx + a.dy * b.dy;
        if (dot <= limit) pairs.push({ i, j, dot });
      }
    }
    pairs.sort((a, b) => a.dot - b.dot || a.i - b.i || a.j - b.j);
    const used = new Set<number>();
    for (const { i, j } of pairs) {
      if (used.has(i) || used.has(j)) continue;
      used.add(i).add(j);
      const a = ends[i] as MainEnd;
      const b = ends[j] as MainEnd;
      if (a.main.uuid === main.uuid && a.end === end) return { main: b.main, end: b.end };
      if (b.main.uuid === main.uuid && b.end === end) return { main: a.main, end: a.end };
    }
    return undefined;
  });
}

/** Hydrants standing on a main (within the snap distance), with their station along it, in station order. */
export function hydrantsOn(ctx: RuleContext, main: RuleFeature): { hydrant: RuleFeature; station: number }[] {
  return ctx.memo('hydrants-on', main, () => {
    const coords = lineOf(main.geometry);
    if (!coords) return [];
    const out: { hydrant: RuleFeature; station: number }[] = [];
    for (const hydrant of ctx.featuresIn('water_hydrants', growBox(bboxOf(coords), NETWORK_SNAP_M))) {
      const p = pointOf(hydrant.geometry);
      if (!p) continue;
      const at = projectOnLine(p, coords);
      if (at.distance <= NETWORK_SNAP_M) out.push({ hydrant, station: at.station });
    }
    return out.sort((x, y) => x.station - y.station || (x.hydrant.uuid < y.hydrant.uuid ? -1 : 1));
  });
}

/** Mains passing within `d` of a point. */
export function mainsNear(ctx: RuleContext, p: P, d: number): RuleFeature[] {
  const out: RuleFeature[] = [];
  for (const main of ctx.featuresIn('water_mains', boxAround(p, d))) {
    const coords = lineOf(main.geometry);
    if (coords && distanceToLine(p, coords) <= d) out.push(main);
  }
  return out;
}

/** The length of a main (memoised). */
export function mainLength(ctx: RuleContext, main: RuleFeature): number {
  return ctx.memo('main-length', main, () => {
    const coords = lineOf(main.geometry);
    return coords ? lineLength(coords) : 0;
  });
}
