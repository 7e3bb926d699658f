/**
 * The whole plan of the demo district, built once per (seed, size): skeleton, blocks and their
 * functions and controls, alleys, the street network. Lots, buildings and network features are
 * derived from it on demand, block by block, so that big districts stream.
 */
import type { ZoneFunction } from '../codes.js';
import { cumulative, yAtX, type Pt } from '../geometry.js';
import { Divisions } from './admin.js';
import { BlockCutter, type SubBlock } from './blocks.js';
import { buildFaces, canalPolygon, northEdge, outerRing, riverBank, riverPolygon, segmentAt, type Face, type OuterRing } from './faces.js';
import { allocateFunctions } from './functions.js';
import { lotCuts, materializeLot, type Lot, type LotCut } from './lots.js';
import { Network } from './network.js';
import { buildSkeleton } from './skeleton.js';
import type { HLine, Skeleton, Street } from './types.js';
import { zoneControls, type ZoneControls } from './zones.js';

export interface Canal {
  readonly street: Street;
  readonly polygon: Pt[];
}

export class DemoPlan {
  readonly skeleton: Skeleton;
  readonly faces: Face[];
  readonly functions: ZoneFunction[];
  readonly cutter: BlockCutter;
  readonly zones: ZoneControls[];
  readonly network: Network;
  readonly divisions: Divisions;
  readonly outer: OuterRing;
  readonly river: Pt[];
  readonly canals: Canal[];
  private readonly hLineOf = new Map<Street, { line: HLine; cum: number[] }>();

  constructor(
    readonly seed: number,
    readonly width: number,
    readonly height: number,
  ) {
    this.skeleton = buildSkeleton(seed, width, height);
    this.faces = buildFaces(this.skeleton);
    this.functions = allocateFunctions(seed, this.skeleton, this.faces);
    this.cutter = new BlockCutter(this.skeleton, this.faces, this.functions, this.skeleton.streets.length);
    this.divisions = new Divisions(width, height);
    for (const line of this.skeleton.hLines) this.hLineOf.set(line.street, { line, cum: cumulative(line.points) });
    this.zones = this.buildZones();
    this.network = new Network(this.skeleton, this.faces, this.cutter.alleys);
    this.outer = outerRing(this.skeleton);
    this.river = riverPolygon(this.outer);
    const bank = riverBank(this.outer);
    const north = northEdge(this.outer);
    this.canals = this.skeleton.chains
      .filter((c) => c.street.kind === 'canal')
      .map((c) => ({ street: c.street, polygon: canalPolygon(c, bank, north) }));
  }

  /** Every street: the skeleton's, then the alleys. */
  get streets(): Street[] {
    return [...this.skeleton.streets, ...this.cutter.alleys.map((a) => a.street)];
  }

  subBlocks(face: Face): SubBlock[] {
    return this.cutter.subBlocks(face);
  }

  lotCuts(face: Face): LotCut[] {
    return lotCuts(this.seed, face, this.functions[face.index] as ZoneFunction, this.subBlocks(face));
  }

  lots(face: Face): Lot[] {
    const ctx = { seed: this.seed, alongHLine: (street: Street, x: number) => this.alongHLine(street, x) };
    return this.lotCuts(face).map((cut, i) => materializeLot(ctx, face, cut, i));
  }

  /** Distance along an east–west street from its west end to the point at x. */
  alongHLine(street: Street, x: number): number {
    const entry = this.hLineOf.get(street);
    if (!entry) return 0;
    const [a] = segmentAt(entry.line.points, x);
    const i = entry.line.points.indexOf(a);
    return (entry.cum[i] as number) + Math.hypot(x - a[0], yAtX(entry.line.points, x) - a[1]);
  }

  private buildZones(): ZoneControls[] {
    const totals = new Map<ZoneFunction, number>();
    for (const fn of this.functions) totals.set(fn, (totals.get(fn) ?? 0) + 1);
    const counters = new Map<ZoneFunction, number>();
    return this.faces.map((face) => {
      const fn = this.functions[face.index] as ZoneFunction;
      const n = counters.get(fn) ?? 0;
      counters.set(fn, n + 1);
      const digits = Math.max(2, String(totals.get(fn) ?? 0).length);
      const alleys = this.cutter.faceAlleys[face.index] ?? [];
      return zoneControls({
        seed: this.seed,
        face,
        fn,
        lotAreas: this.lotCuts(face).map((c) => c.sub.quad.rectArea(c.u0, c.u1, c.v0, c.v1)),
        streets: [face.lower.street, face.upper.street, face.left.street, face.right.street, ...alleys.map((a) => a.street)].filter(
          (s) => s.kind !== 'canal',
        ),
        code: `${fn}-${String(n + 1).padStart(digits, '0')}`,
        ward: this.divisions.ward(face.centroid),
        ordinal: n,
      });
    });
  }
}
