/**
 * The street network: junctions, street segments between them (what the roads layer holds),
 * and runs (a whole street: what water mains follow). Canals cut east–west streets into
 * bridges whose ends — on the banks — are where storm drains discharge.
 */
import { cumulative, lerp, offsetPolyline, slicePolyline, sub, yAtX, type Pt } from '../geometry.js';
import type { Alley } from './blocks.js';
import { segmentAt, type Face } from './faces.js';
import type { HLine, Skeleton, Street, VChain, VPiece } from './types.js';

export type JunctionKind = 'street' | 'bank' | 'alley' | 'dead_end';

export interface Junction {
  readonly id: number;
  readonly p: Pt;
  readonly kind: JunctionKind;
  /** Streets meeting here (a street passing through counts once). */
  readonly streets: Street[];
}

export type SegmentKind = 'h' | 'v' | 'alley' | 'bridge';

export interface Segment {
  readonly id: number;
  readonly street: Street;
  readonly kind: SegmentKind;
  readonly points: Pt[];
  readonly a: number;
  readonly b: number;
  readonly run: number;
}

export interface Run {
  readonly id: number;
  readonly street: Street;
  readonly kind: 'h' | 'v' | 'alley';
  /** Whole centre line, south→north or west→east. */
  readonly points: Pt[];
  readonly segments: number[];
}

export class Network {
  readonly junctions: Junction[] = [];
  readonly segments: Segment[] = [];
  readonly runs: Run[] = [];
  /** Junctions of each alley: [west end, east end]. */
  readonly alleyEnds: [number, number][] = [];
  /** Junction ids on the river street (outfall sites), besides bank ends. */
  readonly riverJunctions: number[] = [];

  constructor(skeleton: Skeleton, faces: readonly Face[], alleys: readonly Alley[]) {
    const hJunctions = skeleton.hLines.map(() => new Map<number, number>());
    // Street junctions on the east–west lines.
    skeleton.bands.forEach((pieces, band) => {
      for (const p of pieces) {
        if (p.street.kind === 'canal') continue;
        this.hJunction(hJunctions, skeleton, band, p.bottom[0], p.street);
        this.hJunction(hJunctions, skeleton, band + 1, p.top[0], p.street);
      }
    });
    // Alley ends. Alleys on both sides of a street at the same place share the junction.
    const alleyJunctions = new Map<string, number>();
    const alleyEnd = (p: Pt, open: boolean): number => {
      if (!open) return this.add(p, 'dead_end', []);
      const key = `${p[0]},${p[1]}`;
      let id = alleyJunctions.get(key);
      if (id === undefined) {
        id = this.add(p, 'alley', []);
        alleyJunctions.set(key, id);
      }
      return id;
    };
    for (const alley of alleys) {
      const west = alleyEnd(alley.line[0], alley.westOpen);
      const east = alleyEnd(alley.line[1], alley.eastOpen);
      this.meet(west, alley.street);
      this.meet(east, alley.street);
      this.alleyEnds.push([west, east]);
    }
    for (const line of skeleton.hLines) this.buildHRun(skeleton, line, hJunctions[line.index] as Map<number, number>);
    const piecesAlleys = new Map<VPiece, { f: number; junction: number }[]>();
    const note = (piece: VPiece, f: number, junction: number) => {
      const list = piecesAlleys.get(piece) ?? [];
      list.push({ f, junction });
      piecesAlleys.set(piece, list);
    };
    for (const alley of alleys) {
      const face = faces[alley.face] as Face;
      const [w, e] = this.alleyEnds[alley.id] as [number, number];
      if (alley.westOpen) note(face.left, alley.westFraction, w);
      if (alley.eastOpen) note(face.right, alley.eastFraction, e);
    }
    for (const chain of skeleton.chains) {
      if (chain.street.kind !== 'canal') this.buildVRun(chain, hJunctions, piecesAlleys);
    }
    for (const alley of alleys) {
      const [w, e] = this.alleyEnds[alley.id] as [number, number];
      const run = this.runs.length;
      this.runs.push({ id: run, street: alley.street, kind: 'alley', points: [alley.line[0], alley.line[1]], segments: [this.segments.length] });
      this.addSegment(alley.street, 'alley', [alley.line[0], alley.line[1]], w, e, run);
    }
    for (const id of hJunctions[0]?.values() ?? []) this.riverJunctions.push(id);
  }

  private readonly banks = new Map<VChain, Pt[][]>();

  /** A canal's two bank lines, south to north. */
  private canalBanks(chain: VChain): Pt[][] {
    let banks = this.banks.get(chain);
    if (!banks) {
      const centre: Pt[] = [chain.pieces[0]?.bottom as Pt, ...chain.pieces.map((p) => p.top)];
      banks = [offsetPolyline(centre, chain.street.width / 2), offsetPolyline(centre, -chain.street.width / 2)];
      this.banks.set(chain, banks);
    }
    return banks;
  }

  private add(p: Pt, kind: JunctionKind, streets: Street[]): number {
    const id = this.junctions.length;
    this.junctions.push({ id, p, kind, streets: [...streets] });
    return id;
  }

  private meet(id: number, street: Street): void {
    const j = this.junctions[id] as Junction;
    if (!j.streets.includes(street)) j.streets.push(street);
  }

  private hJunction(maps: Map<number, number>[], skeleton: Skeleton, line: number, x: number, street: Street): number {
    const map = maps[line] as Map<number, number>;
    let id = map.get(x);
    const h = skeleton.hLines[line] as HLine;
    if (id === undefined) {
      id = this.add([x, yAtX(h.points, x)], 'street', [h.street]);
      map.set(x, id);
    }
    this.meet(id, street);
    return id;
  }

  private addSegment(street: Street, kind: SegmentKind, points: Pt[], a: number, b: number, run: number): number {
    const id = this.segments.length;
    this.segments.push({ id, street, kind, points, a, b, run });
    return id;
  }

  private buildHRun(skeleton: Skeleton, line: HLine, junctions: Map<number, number>): void {
    type Event = { x: number; junction: number; canal?: Street };
    const events: Event[] = [...junctions.entries()].map(([x, junction]) => ({ x, junction }));
    // Canal crossings: the street is cut at both banks; between them is a bridge.
    const crossing = new Set<number>();
    for (const band of [line.index, line.index - 1]) {
      for (const piece of skeleton.bands[band] ?? []) {
        if (piece.street.kind !== 'canal' || crossing.has(piece.chain)) continue;
        crossing.add(piece.chain);
        const atX = band === line.index ? piece.bottom[0] : piece.top[0];
        const [s0, s1] = segmentAt(line.points, atX);
        // The banks are the canal's centre line shifted half its width (as its zone is drawn).
        for (const bank of this.canalBanks(skeleton.chains[piece.chain] as VChain)) {
          const hit = crossing_(bank, s0, sub(s1, s0), atX);
          events.push({ x: hit[0], junction: this.add([hit[0], yAtX(line.points, hit[0])], 'bank', [line.street]), canal: piece.street });
        }
      }
    }
    events.sort((p, q) => p.x - q.x);
    const run = this.runs.length;
    const segments: number[] = [];
    const cum = cumulative(line.points);
    const along = (x: number): number => {
      const [a] = segmentAt(line.points, x);
      const i = line.points.indexOf(a);
      return (cum[i] as number) + Math.hypot(x - a[0], yAtX(line.points, x) - a[1]);
    };
    for (let i = 0; i < events.length - 1; i++) {
      const e0 = events[i] as Event;
      const e1 = events[i + 1] as Event;
      const pts = slicePolyline(line.points, cum, along(e0.x), along(e1.x));
      pts[0] = [...(this.junctions[e0.junction] as Junction).p];
      pts[pts.length - 1] = [...(this.junctions[e1.junction] as Junction).p];
      const bridge = e0.canal !== undefined && e0.canal === e1.canal;
      segments.push(this.addSegment(line.street, bridge ? 'bridge' : 'h', pts, e0.junction, e1.junction, run));
    }
    this.runs.push({ id: run, street: line.street, kind: 'h', points: line.points, segments });
  }

  private buildVRun(chain: VChain, hJunctions: Map<number, number>[], alleysOn: Map<VPiece, { f: number; junction: number }[]>): void {
    const run = this.runs.length;
    const segments: number[] = [];
    const points: Pt[] = [];
    for (const piece of chain.pieces) {
      const bottom = hJunctions[piece.band]?.get(piece.bottom[0]) as number;
      const top = hJunctions[piece.band + 1]?.get(piece.top[0]) as number;
      const alleyStops = (alleysOn.get(piece) ?? []).sort((a, b) => a.f - b.f).filter((s, i, all) => i === 0 || s.junction !== (all[i - 1] as { junction: number }).junction);
      for (const a of alleyStops) this.meet(a.junction, chain.street);
      const stops = [{ f: 0, junction: bottom }, ...alleyStops, { f: 1, junction: top }];
      for (let i = 0; i < stops.length - 1; i++) {
        const s0 = stops[i] as { f: number; junction: number };
        const s1 = stops[i + 1] as { f: number; junction: number };
        const p0 = s0.f === 0 ? piece.bottom : lerp(piece.bottom, piece.top, s0.f);
        const p1 = s1.f === 1 ? piece.top : lerp(piece.bottom, piece.top, s1.f);
        segments.push(this.addSegment(chain.street, 'v', [[...p0], [...p1]], s0.junction, s1.junction, run));
      }
      if (points.length === 0) points.push(piece.bottom);
      points.push(piece.top);
    }
    this.runs.push({ id: run, street: chain.street, kind: 'v', points, segments });
  }
}

/**
 * Where the line p + t·d crosses a polyline (its end segments extended); of several crossings,
 * the one nearest x = near.
 */
function crossing_(polyline: readonly Pt[], p: Pt, d: Pt, near: number): Pt {
  let best: Pt | undefined;
  const last = polyline.length - 2;
  for (let i = 0; i <= last; i++) {
    const a = polyline[i] as Pt;
    const e = sub(polyline[i + 1] as Pt, a);
    const den = e[0] * d[1] - e[1] * d[0];
    if (Math.abs(den) < 1e-12) continue;
    const t = ((p[0] - a[0]) * d[1] - (p[1] - a[1]) * d[0]) / den;
    if ((t < -1e-9 && i > 0) || (t > 1 + 1e-9 && i < last)) continue;
    const hit: Pt = [a[0] + e[0] * t, a[1] + e[1] * t];
    if (!best || Math.abs(hit[0] - near) < Math.abs(best[0] - near)) best = hit;
  }
  if (!best) throw new Error('a street does not cross the canal it should');
  return best;
}
