/**
 * Water supply: a main under the sidewalk of every street (on the centre line of alleys),
 * broken where mains meet; a valve at every meeting point and washout valves at dead ends
 * (alleys stopped by a canal); hydrants 100–145 m apart along each street's main, out of the
 * crossings.
 */
import { cumulative, dot, intersectLines, offsetPolyline, sub, unit, type Pt } from '../geometry.js';
import type { Run } from '../layout/network.js';
import type { DemoPlan } from '../layout/plan.js';
import { mainOffset } from '../layout/road-classes.js';
import type { Street } from '../layout/types.js';
import { HYDRANT_MAX_SPACING_M } from '../../../layers/standards/qcvn01.js';
import { rngFor, type Rng } from '../random.js';

export interface Main {
  readonly index: number;
  readonly run: number;
  points: Pt[];
  readonly street: Street;
  readonly diameter: number;
  readonly material: string;
  readonly year: number;
  readonly zone: string;
  /** Meeting points at its ends (-1: a dead end). */
  readonly ends: [number, number];
}

export interface Valve {
  readonly index: number;
  p: Pt;
  readonly type: 'gate' | 'butterfly' | 'washout';
  readonly diameter: number;
  readonly state: 'open' | 'closed';
}

export interface Hydrant {
  readonly index: number;
  readonly run: number;
  readonly p: Pt;
  /** Distance along its street's main. */
  readonly station: number;
  readonly diameter: number;
  readonly type: 'pillar' | 'underground';
}

export const HYDRANT_MIN_SPACING_M = 100;
const HYDRANT_TARGET_SPACING_M = 145;

interface Stop {
  readonly s: number;
  readonly p: Pt;
  /** Index into `meetings`; -1 for a dead end. */
  readonly meeting: number;
}

export interface RunMain {
  readonly run: Run;
  readonly line: Pt[];
  readonly cum: number[];
  readonly stops: Stop[];
}

function mainDiameter(street: Street, rng: Rng): number {
  switch (street.roadClass) {
    case 'urban_arterial':
    case 'inter_area':
      return rng.pick([300, 400]);
    case 'main_area':
    case 'area':
      return rng.pick([200, 250]);
    case 'sub_area':
      return 150;
    case 'local':
      return rng.pick([100, 150]);
    default:
      return 100;
  }
}

function mainMaterial(diameter: number, year: number, rng: Rng): string {
  if (year < 1998) return rng.pick(['cast_iron', 'asbestos_cement']);
  if (diameter >= 300) return rng.pick(['ductile_iron', 'ductile_iron', 'steel']);
  if (diameter >= 200) return rng.pick(['ductile_iron', 'upvc', 'hdpe']);
  return rng.pick(['upvc', 'hdpe', 'hdpe']);
}

/** Station of p along a polyline, measured on segment k (extended beyond the ends). */
function stationOn(line: readonly Pt[], cum: readonly number[], k: number, p: Pt): number {
  const a = line[k] as Pt;
  return (cum[k] as number) + dot(sub(p, a), unit(sub(line[k + 1] as Pt, a)));
}

/** Segment of a polyline nearest to p. */
export function nearestSegment(line: readonly Pt[], p: Pt): number {
  let best = 0;
  let bestD = Infinity;
  for (let k = 0; k < line.length - 1; k++) {
    const a = line[k] as Pt;
    const ab = sub(line[k + 1] as Pt, a);
    const t = Math.min(1, Math.max(0, dot(sub(p, a), ab) / dot(ab, ab)));
    const d = Math.hypot(p[0] - a[0] - ab[0] * t, p[1] - a[1] - ab[1] * t);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

/** The point at station s along a polyline (extended past its ends). */
export function pointAtStation(line: readonly Pt[], cum: readonly number[], s: number): Pt {
  let k = 0;
  while (k < line.length - 2 && s > (cum[k + 1] as number)) k++;
  const a = line[k] as Pt;
  const d = unit(sub(line[k + 1] as Pt, a));
  const t = s - (cum[k] as number);
  return [a[0] + d[0] * t, a[1] + d[1] * t];
}

export class WaterNetwork {
  readonly mains: Main[] = [];
  readonly valves: Valve[] = [];
  readonly hydrants: Hydrant[] = [];
  /** Points where mains meet (a valve stands on each). */
  readonly meetings: Pt[] = [];
  readonly runMains: RunMain[];

  constructor(plan: DemoPlan, seed: number) {
    const net = plan.network;
    this.runMains = net.runs.map((run) => {
      const line = offsetPolyline(run.points, mainOffset(run.street.width, run.street.carriageway));
      return { run, line, cum: cumulative(line), stops: [] };
    });
    const runsAt = new Map<number, number[]>();
    for (const seg of net.segments) {
      for (const j of [seg.a, seg.b]) {
        const list = runsAt.get(j) ?? [];
        if (!list.includes(seg.run)) list.push(seg.run);
        runsAt.set(j, list);
      }
    }
    for (const [j, runs] of runsAt) {
      const junction = net.junctions[j];
      if (!junction || junction.kind === 'bank') continue; // mains cross canals on the bridges
      const mains = runs.map((r) => this.runMains[r] as RunMain);
      if (mains.length === 1) {
        const rm = mains[0] as RunMain;
        rm.stops.push({ s: stationOn(rm.line, rm.cum, nearestSegment(rm.line, junction.p), junction.p), p: junction.p, meeting: -1 });
        continue;
      }
      // The through main: the east–west street's, or at an alley the north–south street's.
      const through = mains.find((m) => m.run.kind === 'h') ?? mains.find((m) => m.run.kind === 'v') ?? (mains[0] as RunMain);
      const here: number[] = [];
      for (const other of mains) {
        if (other === through) continue;
        const k0 = nearestSegment(through.run.points, junction.p);
        const k1 = northernSegment(other, junction.p);
        const a0 = through.line[k0] as Pt;
        const a1 = other.line[k1] as Pt;
        let p = intersectLines(a0, sub(through.line[k0 + 1] as Pt, a0), a1, sub(other.line[k1 + 1] as Pt, a1)) ?? junction.p;
        // Two alleys meeting a street face to face join its main at one point.
        let meeting = here.find((m) => Math.hypot((this.meetings[m] as Pt)[0] - p[0], (this.meetings[m] as Pt)[1] - p[1]) < 1);
        if (meeting === undefined) {
          meeting = this.meetings.length;
          this.meetings.push(p);
          here.push(meeting);
          through.stops.push({ s: stationOn(through.line, through.cum, nearestSegment(through.line, p), p), p, meeting });
        } else p = this.meetings[meeting] as Pt;
        other.stops.push({ s: stationOn(other.line, other.cum, nearestSegment(other.line, p), p), p, meeting });
      }
    }
    for (const rm of this.runMains) rm.stops.sort((a, b) => a.s - b.s);
    this.cutMains(plan, seed);
    this.placeValves(seed);
    for (const rm of this.runMains) this.placeHydrants(plan, seed, rm);
  }

  /** x of the main canal: mains west of it are pressure zone VA-1, east of it VA-2. */
  private static zoneBoundary(plan: DemoPlan): number {
    let best: { x: number; w: number } | undefined;
    for (const c of plan.skeleton.chains) {
      const p = c.pieces[0];
      if (c.street.kind === 'canal' && p && (!best || c.street.width > best.w)) best = { x: p.bottom[0], w: c.street.width };
    }
    return best?.x ?? Infinity;
  }

  private cutMains(plan: DemoPlan, seed: number): void {
    const split = WaterNetwork.zoneBoundary(plan);
    for (const rm of this.runMains) {
      const rng = rngFor(seed, 'main', rm.run.id);
      const diameter = mainDiameter(rm.run.street, rng);
      for (let i = 0; i < rm.stops.length - 1; i++) {
        const s0 = rm.stops[i] as Stop;
        const s1 = rm.stops[i + 1] as Stop;
        if (s1.s - s0.s < 0.01) continue;
        const points: Pt[] = [s0.p];
        for (let k = 0; k < rm.line.length; k++) {
          const c = rm.cum[k] as number;
          if (c > s0.s + 0.5 && c < s1.s - 0.5) points.push(rm.line[k] as Pt);
        }
        points.push(s1.p);
        const year = Math.min(2024, rm.run.street.year + rng.int(0, 8));
        this.mains.push({
          index: this.mains.length,
          run: rm.run.id,
          points,
          street: rm.run.street,
          diameter,
          material: mainMaterial(diameter, year, rng),
          year,
          zone: s0.p[0] < split ? 'VA-1' : 'VA-2',
          ends: [s0.meeting, s1.meeting],
        });
      }
    }
  }

  private placeValves(seed: number): void {
    const rng = rngFor(seed, 'valves');
    const diameterAt = new Map<number, number>();
    for (const m of this.mains) for (const e of m.ends) if (e >= 0) diameterAt.set(e, Math.max(diameterAt.get(e) ?? 0, m.diameter));
    this.meetings.forEach((p, i) => {
      const d = diameterAt.get(i) ?? 100;
      this.valves.push({ index: this.valves.length, p, type: d >= 400 ? 'butterfly' : 'gate', diameter: d, state: rng.chance(0.02) ? 'closed' : 'open' });
    });
    for (const m of this.mains) {
      if (m.ends[0] < 0) this.valves.push({ index: this.valves.length, p: m.points[0] as Pt, type: 'washout', diameter: m.diameter, state: 'closed' });
      if (m.ends[1] < 0) this.valves.push({ index: this.valves.length, p: m.points[m.points.length - 1] as Pt, type: 'washout', diameter: m.diameter, state: 'closed' });
    }
  }

  /** Hydrants along one street's main: 100–145 m apart, each out of the crossings. */
  private placeHydrants(plan: DemoPlan, seed: number, rm: RunMain): void {
    if (rm.stops.length < 2) return;
    const start = (rm.stops[0] as Stop).s;
    const end = (rm.stops[rm.stops.length - 1] as Stop).s;
    const length = end - start;
    const rng = rngFor(seed, 'hydrants', rm.run.id);
    const clear = 1.5 + Math.max(3, ...crossingHalfWidths(plan, rm.run));
    const windowAt = (s: number) => rm.stops.find((st) => st.meeting >= 0 && Math.abs(st.s - s) < clear);
    const intervals = length <= HYDRANT_MAX_SPACING_M ? 0 : Math.ceil((length - HYDRANT_MAX_SPACING_M) / HYDRANT_TARGET_SPACING_M);
    const spacing = intervals === 0 ? 0 : Math.min(HYDRANT_TARGET_SPACING_M, Math.max(HYDRANT_MIN_SPACING_M, (length - 60) / intervals));
    const diameter = rm.run.street.width >= 30 ? 125 : 100;
    let previous: number | undefined;
    let target = start + (length - intervals * spacing) / 2;
    for (let i = 0; i <= intervals && target < end - 2; i++) {
      let at = target;
      const w = windowAt(at);
      if (w) {
        const forward = w.s + clear + 0.1;
        const backward = w.s - clear - 0.1;
        const lo = previous === undefined ? start + 2 : previous + HYDRANT_MIN_SPACING_M;
        const hi = previous === undefined ? end - 2 : previous + HYDRANT_TARGET_SPACING_M;
        if (forward <= hi && !windowAt(forward)) at = forward;
        else if (backward >= lo && !windowAt(backward)) at = backward;
      }
      this.hydrants.push({
        index: this.hydrants.length,
        run: rm.run.id,
        p: pointAtStation(rm.line, rm.cum, at),
        station: at,
        diameter,
        type: rng.chance(0.85) ? 'pillar' : 'underground',
      });
      previous = at;
      target = at + spacing;
    }
  }
}

/** For a north–south run at a junction it passes through, its segment north of the junction. */
function northernSegment(rm: RunMain, p: Pt): number {
  const centre = rm.run.points;
  const k = nearestSegment(centre, p);
  if (rm.run.kind !== 'v' || k + 1 > centre.length - 2) return k;
  // The run bends at its crossings with east–west streets: take the piece that starts there.
  const top = centre[k + 1] as Pt;
  return Math.hypot(p[0] - top[0], p[1] - top[1]) < 0.01 ? k + 1 : k;
}

/** Half widths of the other streets that meet a run. */
function crossingHalfWidths(plan: DemoPlan, run: Run): number[] {
  const widths: number[] = [];
  for (const id of run.segments) {
    const seg = plan.network.segments[id];
    if (!seg) continue;
    for (const j of [seg.a, seg.b]) for (const s of plan.network.junctions[j]?.streets ?? []) if (s !== run.street) widths.push(s.width / 2);
  }
  return widths;
}
