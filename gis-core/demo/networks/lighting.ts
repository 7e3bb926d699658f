/**
 * Street lighting: poles 32–38 m apart behind the kerb — on one side of narrow streets,
 * staggered on medium ones, in pairs on wide ones — kept out of the crossings; cabinets on a
 * ~400 m grid, each pole fed by the nearest one.
 */
import { add, cumulative, leftNormal, pointAlong, polylineLength, scale, sub, type Pt } from '../geometry.js';
import type { Segment } from '../layout/network.js';
import type { DemoPlan } from '../layout/plan.js';
import { poleOffset } from '../layout/road-classes.js';
import type { Street } from '../layout/types.js';
import { rngFor, type Rng } from '../random.js';

export interface Pole {
  readonly index: number;
  readonly p: Pt;
  /** Unit vector from the centre line towards the pole. */
  readonly outward: Pt;
  readonly segment: number;
  /** Distance along its segment's centre line. */
  readonly station: number;
  readonly street: Street;
  readonly lamp: 'led' | 'hps' | 'metal_halide';
  readonly wattage: number;
  readonly height: number;
  cabinet: number;
  circuit: number;
}

export interface Cabinet {
  readonly index: number;
  readonly p: Pt;
  readonly street: Street;
  readonly maxCircuitLength: number;
  circuitCount: number;
  power: number;
  /** n-th cabinet on its street (names it). */
  readonly ordinal: number;
}

export const CABINET_CELL_M = 400;

function lamp(street: Street, rng: Rng): Pick<Pole, 'lamp' | 'wattage' | 'height'> {
  const wide = street.width >= 24;
  const medium = street.width >= 16;
  const height = wide ? rng.pick([11, 12]) : medium ? 10 : 8;
  if (street.year < 2012 && rng.chance(0.5)) return { lamp: 'hps', wattage: wide ? 250 : 150, height };
  if (wide && rng.chance(0.05)) return { lamp: 'metal_halide', wattage: 250, height };
  return { lamp: 'led', wattage: wide ? rng.pick([150, 200]) : medium ? rng.pick([100, 120]) : rng.pick([60, 80]), height };
}

export class LightingNetwork {
  readonly poles: Pole[] = [];
  readonly cabinets: Cabinet[] = [];

  constructor(plan: DemoPlan, seed: number) {
    for (const seg of plan.network.segments) if (seg.kind !== 'alley') this.polesAlong(plan, seed, seg);
    this.placeCabinets(plan, seed);
  }

  /** Free space at a segment end: the widest other street there, half of it, plus 3 m. */
  private clearance(plan: DemoPlan, seg: Segment, junction: number): number {
    const j = plan.network.junctions[junction];
    if (!j || j.kind === 'bank') return 2;
    let w = 0;
    for (const s of j.streets) if (s !== seg.street) w = Math.max(w, s.width / 2);
    return w + 3;
  }

  private polesAlong(plan: DemoPlan, seed: number, seg: Segment): void {
    const rng = rngFor(seed, 'poles', seg.id);
    const length = polylineLength(seg.points);
    const from = this.clearance(plan, seg, seg.a);
    const to = length - this.clearance(plan, seg, seg.b);
    if (to - from < 10) return;
    const spacing = rng.range(32, 38);
    const count = Math.floor((to - from) / spacing);
    const start = from + (to - from - count * spacing) / 2;
    const mode = seg.street.width >= 27 ? 'both' : seg.street.width >= 16 ? 'staggered' : 'one';
    const offset = poleOffset(seg.street.carriageway);
    const cum = cumulative(seg.points);
    const spec = lamp(seg.street, rng);
    for (let i = 0; i <= count; i++) {
      const station = start + i * spacing;
      const { p, seg: k } = pointAlong(seg.points, cum, station);
      const n = leftNormal(sub(seg.points[k + 1] as Pt, seg.points[k] as Pt));
      const sides = mode === 'both' ? [1, -1] : mode === 'staggered' ? [i % 2 === 0 ? 1 : -1] : [1];
      for (const side of sides) {
        const outward = scale(n, side);
        this.poles.push({ index: this.poles.length, p: add(p, scale(outward, offset)), outward, segment: seg.id, station, street: seg.street, ...spec, cabinet: -1, circuit: 0 });
      }
    }
  }

  private placeCabinets(plan: DemoPlan, seed: number): void {
    const rng = rngFor(seed, 'cabinets');
    const cellOf = (p: Pt) => [Math.floor(p[0] / CABINET_CELL_M), Math.floor(p[1] / CABINET_CELL_M)] as const;
    // The pole nearest each cell's centre hosts the cabinet, 1.2 m behind it.
    const best = new Map<string, Pole>();
    for (const pole of this.poles) {
      const [cx, cy] = cellOf(pole.p);
      const key = `${cx},${cy}`;
      const centre: Pt = [(cx + 0.5) * CABINET_CELL_M, (cy + 0.5) * CABINET_CELL_M];
      const current = best.get(key);
      const d = Math.hypot(pole.p[0] - centre[0], pole.p[1] - centre[1]);
      if (!current || d < Math.hypot(current.p[0] - centre[0], current.p[1] - centre[1])) best.set(key, pole);
    }
    const onStreet = new Map<Street, number>();
    for (const key of [...best.keys()].sort((a, b) => {
      const [ax, ay] = a.split(',').map(Number) as [number, number];
      const [bx, by] = b.split(',').map(Number) as [number, number];
      return by - ay || ax - bx;
    })) {
      const host = best.get(key) as Pole;
      const ordinal = (onStreet.get(host.street) ?? 0) + 1;
      onStreet.set(host.street, ordinal);
      this.cabinets.push({
        index: this.cabinets.length,
        p: add(host.p, scale(host.outward, 1.2)),
        street: host.street,
        maxCircuitLength: rng.pick([700, 800, 900]),
        circuitCount: 0,
        power: 0,
        ordinal,
      });
    }
    // Each pole to the nearest cabinet (searching rings of grid cells outwards).
    const byCell = new Map<string, Cabinet[]>();
    for (const c of this.cabinets) {
      const [cx, cy] = cellOf(c.p);
      const key = `${cx},${cy}`;
      byCell.set(key, [...(byCell.get(key) ?? []), c]);
    }
    const watts = new Float64Array(this.cabinets.length);
    const counts = new Int32Array(this.cabinets.length);
    for (const pole of this.poles) {
      const [px, py] = cellOf(pole.p);
      let bestIndex = -1;
      let bestD = Infinity;
      for (let ring = 0; ring < 1000; ring++) {
        // Cabinets in ring r are at least (r - 1) cells away.
        if (bestIndex >= 0 && (ring - 1) * CABINET_CELL_M > bestD) break;
        for (let dx = -ring; dx <= ring; dx++) {
          for (let dy = -ring; dy <= ring; dy++) {
            if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
            for (const c of byCell.get(`${px + dx},${py + dy}`) ?? []) {
              const d = Math.hypot(c.p[0] - pole.p[0], c.p[1] - pole.p[1]);
              if (d < bestD || (d === bestD && c.index < bestIndex)) {
                bestD = d;
                bestIndex = c.index;
              }
            }
          }
        }
      }
      pole.cabinet = bestIndex;
      watts[bestIndex] = (watts[bestIndex] as number) + pole.wattage;
      counts[bestIndex] = (counts[bestIndex] as number) + 1;
    }
    for (const c of this.cabinets) {
      c.circuitCount = Math.min(6, Math.max(2, Math.ceil((counts[c.index] as number) / 35)));
      c.power = Math.max(10, Math.ceil(((watts[c.index] as number) * 1.25) / 1000 / 5) * 5);
    }
    for (const pole of this.poles) {
      const c = this.cabinets[pole.cabinet] as Cabinet;
      pole.circuit = 1 + (pole.segment % c.circuitCount);
    }
  }
}
