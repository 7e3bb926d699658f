/** Roads (centre lines between junctions) and red lines (block edges, outer edges, building lines). */
import type { NewFeature } from '../../store/types.js';
import type { DemoContext } from '../context.js';
import { offsetPolyline, offsetRing, sub, type Pt } from '../geometry.js';
import { featureUuid } from '../ids.js';
import type { Street } from '../layout/types.js';
import { DEMO_DETAIL_PLAN_CODE, DEMO_PLAN_CODE } from '../origin.js';
import { plantedSetback } from '../violations.js';
import { lineLength, round } from './output.js';

export function* roadFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { out, seed, plan } = ctx;
  for (const segment of plan.network.segments) {
    const s = segment.street;
    const geometry = out.line(segment.points);
    yield {
      uuid: featureUuid(seed, 'roads', segment.id),
      properties: {
        name: s.name,
        road_class: s.roadClass,
        red_line_width_m: s.width,
        carriageway_width_m: s.carriageway,
        lanes: s.lanes,
        surface: s.surface,
        status: s.status,
        length_m: round(lineLength(geometry.coordinates), 2),
      },
      geometry,
    };
  }
}

/** Splits a closed ring into runs of consecutive edges along the same street. */
export function ringRuns(points: readonly Pt[], streets: readonly Street[]): { street: Street; points: Pt[] }[] {
  const n = points.length;
  let start = 0;
  while (start < n && streets[(start + n - 1) % n] === streets[start]) start++;
  if (start === n) start = 0;
  const runs: { street: Street; points: Pt[] }[] = [];
  for (let k = 0; k < n; k++) {
    const i = (start + k) % n;
    const street = streets[i] as Street;
    const last = runs[runs.length - 1];
    if (!last || last.street !== street) runs.push({ street, points: [points[i] as Pt] });
    (runs[runs.length - 1] as { points: Pt[] }).points.push(points[(i + 1) % n] as Pt);
  }
  return runs;
}

export function* redLineFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { out, seed, plan } = ctx;
  const feature = (key: number, type: 'red_line' | 'building_line', street: Street, points: Pt[], planned: boolean): NewFeature => ({
    uuid: featureUuid(seed, 'red_lines', key),
    properties: {
      line_type: type,
      road_name: street.name,
      red_line_width_m: street.width,
      plan_code: planned ? DEMO_DETAIL_PLAN_CODE : DEMO_PLAN_CODE,
      status: planned ? 'planned' : 'existing',
    },
    geometry: out.line(points),
  });
  // Keys: the outer ring's lines from 0, each block's from (block + 1) × 1024, then bridges.
  let k = 0;
  for (const run of ringRuns(plan.outer.points, plan.outer.streets)) {
    if (run.street.kind !== 'canal') yield feature(k++, 'red_line', run.street, run.points, false);
  }
  // Over the bridges the red lines run on from bank to bank (keys after the blocks' ones).
  const canals = plan.canals.map((c) => c.polygon);
  let bridgeKey = (plan.faces.length + 1) * 1024;
  for (const seg of plan.network.segments) {
    if (seg.kind !== 'bridge') continue;
    const canal = canals.find((ring) => seg.points.every((p) => insideOrNear(p, ring)));
    if (!canal) continue;
    for (const side of [1, -1]) {
      const line = offsetPolyline(seg.points, (side * seg.street.width) / 2);
      const a = line[0] as Pt;
      const b = line[line.length - 1] as Pt;
      const ends = ringCrossings(canal, a, sub(b, a));
      if (ends) yield feature(bridgeKey++, 'red_line', seg.street, side > 0 ? ends : [ends[1], ends[0]], false);
    }
  }
  for (const face of plan.faces) {
    const zone = plan.zones[face.index];
    const setback = ctx.planted.zones.get(face.index) === 'setback' ? plantedSetback(zone?.requiredSetback ?? 0) : (zone?.setback ?? 0);
    const planned = zone?.status === 'planned';
    let i = 0;
    const key = () => (face.index + 1) * 1024 + i++;
    for (const sub of plan.subBlocks(face)) {
      const ring = ringStreets(face, sub);
      for (const run of ringRuns(sub.polygon, ring)) {
        if (run.street.kind !== 'canal') yield feature(key(), 'red_line', run.street, run.points, planned);
      }
      if (setback > 0) {
        const inner = offsetRing(sub.polygon, ring.map(() => setback));
        for (const run of ringRuns(inner, ring)) {
          if (run.street.kind !== 'canal') yield feature(key(), 'building_line', run.street, run.points, planned);
        }
      }
    }
  }
}

/** The street along each edge of a sub-block polygon (same order as its ring). */
function ringStreets(face: DemoContext['plan']['faces'][number], sub: { polygon: Pt[]; bottomStreet: Street; topStreet: Street; quad: { bottom: readonly Pt[]; top: readonly Pt[] } }): Street[] {
  const nb = sub.quad.bottom.length;
  const nt = sub.quad.top.length;
  const streets: Street[] = [];
  for (let i = 0; i < nb - 1; i++) streets.push(sub.bottomStreet);
  streets.push(face.right.street);
  for (let i = 0; i < nt - 1; i++) streets.push(sub.topStreet);
  streets.push(face.left.street);
  return streets;
}

function insideOrNear(p: Pt, ring: readonly Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Pt;
    const b = ring[j] as Pt;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < a[0] + ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1])) inside = !inside;
  }
  return inside || ring.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < 0.01) || nearEdge(p, ring);
}

function nearEdge(p: Pt, ring: readonly Pt[]): boolean {
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Pt;
    const b = ring[(i + 1) % ring.length] as Pt;
    const ab = sub(b, a);
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / (ab[0] * ab[0] + ab[1] * ab[1])));
    if (Math.hypot(a[0] + ab[0] * t - p[0], a[1] + ab[1] * t - p[1]) < 0.01) return true;
  }
  return false;
}

/** The first and last points where the line p + t·d crosses a ring's edges, in order along d. */
function ringCrossings(ring: readonly Pt[], p: Pt, d: Pt): [Pt, Pt] | undefined {
  const hits: { t: number; q: Pt }[] = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Pt;
    const e = sub(ring[(i + 1) % ring.length] as Pt, a);
    const den = e[0] * d[1] - e[1] * d[0];
    if (Math.abs(den) < 1e-12) continue;
    const u = ((p[0] - a[0]) * d[1] - (p[1] - a[1]) * d[0]) / den;
    if (u < 0 || u > 1) continue;
    const q: Pt = [a[0] + e[0] * u, a[1] + e[1] * u];
    hits.push({ t: ((q[0] - p[0]) * d[0] + (q[1] - p[1]) * d[1]) / (d[0] * d[0] + d[1] * d[1]), q });
  }
  if (hits.length < 2) return undefined;
  hits.sort((x, y) => x.t - y.t);
  return [(hits[0] as { q: Pt }).q, (hits[hits.length - 1] as { q: Pt }).q];
}
