/**
 * Storm drainage: manholes along every street (not alleys), pipes between consecutive ones,
 * falling to outfalls on the canal banks (where streets cross canals) and on the river bank
 * (below each junction of the river street). Flow follows the shortest way along the streets
 * to an outfall; where two catchments meet on a street, the pipe between them is left out,
 * so every manhole has one outflow and the network is a forest of trees rooted at outfalls.
 * Inverts are laid from the upstream ends down: cover ≥ 1.2 m, slope ≥ 1/D (≥ 0.12 %).
 */
import { cumulative, pointAlong, polylineLength, sub, type Pt } from '../geometry.js';
import { riverBank } from '../layout/faces.js';
import type { DemoPlan } from '../layout/plan.js';
import type { Street } from '../layout/types.js';
import type { Output } from '../features/output.js';
import { rngFor } from '../random.js';
import type { Terrain } from '../terrain.js';

export type NodeKind = 'manhole' | 'inlet' | 'outfall';

export interface DrainNode {
  readonly index: number;
  readonly xy: [number, number];
  readonly kind: NodeKind;
  readonly street: Street;
  readonly junction: number;
  rim: number;
  invert: number;
}

export interface DrainPipe {
  readonly index: number;
  up: number;
  down: number;
  readonly street: Street;
  readonly length: number;
  diameter: number;
  upInvert: number;
  downInvert: number;
  readonly year: number;
  readonly material: string;
}

/** Smallest slope for a pipe of diameter D (mm): 1/D, at least 0.12 %. */
export function minimumSlope(diameter: number): number {
  return Math.max(0.0012, 1 / diameter);
}

/** Diameter (mm) for the street length draining through a pipe. */
export function diameterFor(upstreamLength: number): number {
  if (upstreamLength <= 150) return 400;
  if (upstreamLength <= 350) return 600;
  if (upstreamLength <= 700) return 800;
  if (upstreamLength <= 1200) return 1000;
  if (upstreamLength <= 2000) return 1200;
  return 1500;
}

const COVER_MIN = 1.2;
const MANHOLE_SPACING = 48;

export class DrainageNetwork {
  readonly nodes: DrainNode[] = [];
  readonly pipes: DrainPipe[] = [];
  /** Streets whose drains are old combined sewers (the riverside old town). */
  readonly combinedStreets: Set<Street>;

  constructor(plan: DemoPlan, terrain: Terrain, out: Output, seed: number) {
    const net = plan.network;
    const rng = rngFor(seed, 'drainage');
    this.combinedStreets = new Set([plan.skeleton.hLines[0]?.street, plan.skeleton.hLines[1]?.street].filter((s): s is Street => !!s));
    const node = (p: Pt, kind: NodeKind, street: Street, junction = -1): number => {
      const xy = out.xy(p);
      const index = this.nodes.length;
      const rim = Math.round(terrain.elevationAt(xy[0], xy[1]) * 1000) / 1000;
      this.nodes.push({ index, xy, kind, street, junction, rim, invert: NaN });
      return index;
    };
    // Junction nodes (only junctions that drainage segments reach).
    const segments = net.segments.filter((s) => s.kind === 'h' || s.kind === 'v');
    const junctionNode = new Map<number, number>();
    const nodeOf = (j: number, street: Street): number => {
      let n = junctionNode.get(j);
      if (n === undefined) {
        const junction = net.junctions[j];
        if (!junction) throw new Error(`junction ${j}`);
        n = node(junction.p, junction.kind === 'bank' ? 'outfall' : 'manhole', street, j);
        junctionNode.set(j, n);
      }
      return n;
    };
    interface Edge {
      a: number;
      b: number;
      points: Pt[];
      length: number;
      street: Street;
    }
    const edges: Edge[] = segments.map((s) => ({
      a: nodeOf(s.a, s.street),
      b: nodeOf(s.b, s.street),
      points: s.points,
      length: polylineLength(s.points),
      street: s.street,
    }));
    // River outfalls: from each junction of the river street straight to the bank.
    const river = plan.skeleton.hLines[0];
    if (!river) throw new Error('no river street');
    const bankLine = riverBank(plan.outer);
    for (const j of net.riverJunctions) {
      const a = nodeOf(j, river.street);
      const junction = net.junctions[j] as { p: Pt };
      const bank = nearestPoint(bankLine, junction.p);
      const b = node(bank, 'outfall', river.street);
      edges.push({ a, b, points: [junction.p, bank], length: river.street.width / 2, street: river.street });
    }
    // Shortest distance along the streets from every junction node to an outfall.
    const adjacency = new Map<number, number[]>();
    edges.forEach((e, i) => {
      for (const n of [e.a, e.b]) {
        const list = adjacency.get(n) ?? [];
        list.push(i);
        adjacency.set(n, list);
      }
    });
    const dist = new Map<number, number>();
    const parentEdge = new Map<number, number>();
    const heap = new MinHeap();
    for (const n of this.nodes) {
      if (n.kind === 'outfall') {
        dist.set(n.index, 0);
        heap.push(0, n.index);
      }
    }
    while (heap.size > 0) {
      const [d, n] = heap.pop();
      if (d > (dist.get(n) ?? Infinity)) continue;
      for (const ei of adjacency.get(n) ?? []) {
        const e = edges[ei] as Edge;
        const m = e.a === n ? e.b : e.a;
        if ((this.nodes[m] as DrainNode).kind === 'outfall') continue;
        const nd = d + e.length;
        if (nd < (dist.get(m) ?? Infinity) - 1e-9) {
          dist.set(m, nd);
          parentEdge.set(m, ei);
          heap.push(nd, m);
        }
      }
    }
    // Manholes along each edge, and pipes in the direction of flow.
    const links: { up: number; down: number; street: Street; length: number }[] = [];
    edges.forEach((e, ei) => {
      const cum = cumulative(e.points);
      const intervals = Math.max(1, Math.ceil(e.length / MANHOLE_SPACING));
      const chain = [e.a];
      for (let i = 1; i < intervals; i++) {
        const p = pointAlong(e.points, cum, (e.length * i) / intervals).p;
        chain.push(node(p, rng.chance(0.35) ? 'inlet' : 'manhole', e.street));
      }
      chain.push(e.b);
      const step = e.length / intervals;
      const dA = dist.get(e.a) ?? Infinity;
      const dB = dist.get(e.b) ?? Infinity;
      let split: number; // pipes before index `split` flow to a, after it to b; none across it
      if (parentEdge.get(e.a) === ei) split = -1; // a drains through this edge to b
      else if (parentEdge.get(e.b) === ei) split = chain.length; // b drains to a
      else {
        const s = (e.length + dB - dA) / 2;
        split = Math.min(chain.length - 2, Math.max(0, Math.floor(s / step + 1e-9)));
      }
      for (let i = 0; i < chain.length - 1; i++) {
        const up = i < split ? (chain[i + 1] as number) : (chain[i] as number);
        const down = i < split ? (chain[i] as number) : (chain[i + 1] as number);
        if (i === split) continue; // the high point between two catchments
        links.push({ up, down, street: e.street, length: step });
      }
    });
    this.layPipes(links, rng);
  }

  private layPipes(links: { up: number; down: number; street: Street; length: number }[], rng: ReturnType<typeof rngFor>): void {
    const outflow = new Map<number, number>();
    const inflows = new Map<number, number[]>();
    links.forEach((l, i) => {
      outflow.set(l.up, i);
      const list = inflows.get(l.down) ?? [];
      list.push(i);
      inflows.set(l.down, list);
    });
    const pending = new Map<number, number>();
    const ready: number[] = [];
    for (const n of this.nodes) {
      const k = inflows.get(n.index)?.length ?? 0;
      pending.set(n.index, k);
      if (k === 0) ready.push(n.index);
    }
    const accumulated = new Float64Array(this.nodes.length);
    const pipeOf = new Map<number, DrainPipe>();
    while (ready.length) {
      const n = ready.pop() as number;
      const nd = this.nodes[n] as DrainNode;
      const ins = inflows.get(n) ?? [];
      let invert = nd.kind === 'outfall' ? Infinity : nd.rim - COVER_MIN - (ins.length === 0 ? rng.range(0, 0.3) : 0);
      for (const li of ins) {
        const pipe = pipeOf.get(li) as DrainPipe;
        invert = Math.min(invert, pipe.upInvert - minimumSlope(pipe.diameter) * pipe.length);
      }
      nd.invert = Math.round(invert * 1000) / 1000;
      for (const li of ins) (pipeOf.get(li) as DrainPipe).downInvert = nd.invert;
      const li = outflow.get(n);
      if (li === undefined) continue;
      const link = links[li] as (typeof links)[number];
      const upLength = accumulated[n] as number;
      accumulated[link.down] = (accumulated[link.down] as number) + upLength + link.length;
      const diameter = diameterFor(upLength + link.length);
      const a = nd.xy;
      const b = (this.nodes[link.down] as DrainNode).xy;
      const year = Math.min(2024, link.street.year + rng.int(0, 6));
      const pipe: DrainPipe = {
        index: this.pipes.length,
        up: n,
        down: link.down,
        street: link.street,
        length: Math.round(Math.hypot(b[0] - a[0], b[1] - a[1]) * 100) / 100,
        diameter,
        upInvert: nd.invert,
        downInvert: NaN,
        year,
        material: diameter >= 1500 ? 'box_culvert' : diameter >= 800 ? (year < 2000 && rng.chance(0.3) ? 'brick' : 'concrete') : rng.weighted([['concrete', 0.7], ['hdpe', 0.2], ['upvc', 0.1]] as const),
      };
      this.pipes.push(pipe);
      pipeOf.set(li, pipe);
      const left = (pending.get(link.down) as number) - 1;
      pending.set(link.down, left);
      if (left === 0) ready.push(link.down);
    }
  }

  /** System of a node or pipe: combined sewers on the old riverside streets. */
  system(street: Street): 'storm' | 'combined' {
    return this.combinedStreets.has(street) ? 'combined' : 'storm';
  }
}

/** The point of a polyline nearest to p. */
function nearestPoint(line: readonly Pt[], p: Pt): Pt {
  let best: Pt = line[0] as Pt;
  let bestD = Infinity;
  for (let i = 0; i < line.length - 1; i++) {
    const a = line[i] as Pt;
    const b = line[i + 1] as Pt;
    const ab = sub(b, a);
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / (ab[0] * ab[0] + ab[1] * ab[1])));
    const q: Pt = [a[0] + ab[0] * t, a[1] + ab[1] * t];
    const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (d < bestD) {
      bestD = d;
      best = q;
    }
  }
  return best;
}

/** A binary heap of (priority, value). */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, value: number): void {
    const k = this.keys;
    const v = this.values;
    k.push(key);
    v.push(value);
    let i = k.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((k[p] as number) <= key) break;
      k[i] = k[p] as number;
      v[i] = v[p] as number;
      i = p;
    }
    k[i] = key;
    v[i] = value;
  }

  pop(): [number, number] {
    const k = this.keys;
    const v = this.values;
    const top: [number, number] = [k[0] as number, v[0] as number];
    const lastK = k.pop() as number;
    const lastV = v.pop() as number;
    if (k.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= k.length) break;
        const r = l + 1;
        const c = r < k.length && (k[r] as number) < (k[l] as number) ? r : l;
        if ((k[c] as number) >= lastK) break;
        k[i] = k[c] as number;
        v[i] = v[c] as number;
        i = c;
      }
      k[i] = lastK;
      v[i] = lastV;
    }
    return top;
  }
}
