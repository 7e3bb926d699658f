/**
 * Chooses where the planted violations go and records them in the manifest. Lot- and
 * zone-based faults are noted by key for the streaming generators; network faults are made
 * directly in the (in-memory) networks.
 */
import type { DemoContext } from './context.js';
import { faceZoneKey } from './features/zoning.js';
import { featureUuid, lotKey } from './ids.js';
import { plantedSetback } from './violations.js';
import type { Face } from './layout/faces.js';
import type { Lot } from './layout/lots.js';
import { detachedHouseMaxDensity } from '../../layers/standards/qcvn01.js';
import { rngFor, type Rng } from './random.js';
import type { DrainNode } from './networks/drainage.js';
import type { Pt } from './geometry.js';
import { cabinetCode } from './features/networks.js';

/** How many of each kind: one per ~5 km², at least one. */
export function plantsPerKind(widthM: number, heightM: number): number {
  return Math.max(1, Math.round((widthM * heightM) / 5e6));
}

/** Up to `count` items not yet in `used`, drawn without repetition (partial Fisher–Yates). */
function pickDistinct<T>(rng: Rng, items: readonly T[], count: number, used: Set<T>): T[] {
  const pool = items.filter((i) => !used.has(i));
  const out: T[] = [];
  for (let k = 0; k < count && k < pool.length; k++) {
    const j = k + Math.floor(rng.next() * (pool.length - k));
    const item = pool[j] as T;
    pool[j] = pool[k] as T;
    pool[k] = item;
    used.add(item);
    out.push(item);
  }
  return out;
}

export function plantViolations(ctx: DemoContext): void {
  const { plan, planted, seed } = ctx;
  const rng = rngFor(seed, 'plant');
  const n = plantsPerKind(plan.width, plan.height);
  const usedFaces = new Set<Face>();
  const facesOf = (...fns: string[]) => plan.faces.filter((f) => fns.includes(plan.functions[f.index] as string));
  const zoneUuid = (f: Face) => featureUuid(seed, 'zoning', faceZoneKey(f.index));

  // --- zones ---------------------------------------------------------------------------
  for (const f of pickDistinct(rng, facesOf('OHT'), n, usedFaces)) {
    const z = plan.zones[f.index];
    if (!z) continue;
    planted.zones.set(f.index, 'density');
    const value = Math.min(100, Math.ceil(z.allowedDensity) + 12);
    planted.add({
      kind: 'ZONING_DENSITY_MAX',
      layer: 'zoning',
      uuid: zoneUuid(f),
      description: `Zone ${z.code}: max_density_pct ${value} exceeds ${z.allowedDensity.toFixed(1)} %, QCVN 01:2021 Table 2.8 for its largest lot`,
    });
  }
  for (const f of pickDistinct(rng, facesOf('OHT'), n, usedFaces)) {
    const z = plan.zones[f.index];
    if (!z) continue;
    planted.zones.set(f.index, 'far');
    planted.add({
      kind: 'ZONING_FAR_MAX',
      layer: 'zoning',
      uuid: zoneUuid(f),
      description: `Zone ${z.code}: max_far 8.5 exceeds the detached-house limit 7 (Table 2.8 note) and max_density_pct × max_floors = ${((z.maxDensity / 100) * z.maxFloors).toFixed(2)}`,
    });
  }
  const tall = facesOf('HH', 'YT', 'CQ').filter((f) => (plan.zones[f.index]?.requiredSetback ?? 0) >= 3);
  for (const f of pickDistinct(rng, tall, n, usedFaces)) {
    const z = plan.zones[f.index];
    if (!z) continue;
    planted.zones.set(f.index, 'setback');
    planted.add({
      kind: 'SETBACK_TOO_SMALL',
      layer: 'zoning',
      uuid: zoneUuid(f),
      description: `Zone ${z.code}: setback_m ${plantedSetback(z.requiredSetback)} below the ${z.requiredSetback} m QCVN 01:2021 Table 2.7 requires for ${z.maxHeight} m buildings on a ${z.narrowestRoad} m street`,
    });
  }
  for (const f of pickDistinct(rng, facesOf('CX', 'OHT').filter((f) => f.band >= 1), n, usedFaces)) {
    const z = plan.zones[f.index];
    if (!z) continue;
    planted.zones.set(f.index, 'overlap');
    const south = plan.faces.filter((g) => g.band === f.band - 1 && g.right.top[0] > f.left.bottom[0] && g.left.top[0] < f.right.bottom[0]);
    planted.add({
      kind: 'ZONE_OVERLAP',
      layer: 'zoning',
      uuid: zoneUuid(f),
      description: `Zone ${z.code} reaches 4 m across ${f.lower.street.name} into zone(s) ${south.map((g) => plan.zones[g.index]?.code).join(', ')} (uuid ${south.map((g) => zoneUuid(g)).join(', ')})`,
    });
  }

  // --- parcels and buildings (in existing housing blocks not otherwise planted) -------------
  // Housing blocks whose zone is not planted come first; the others too when a district is tiny.
  const housing = [
    ...plan.faces.filter((f) => plan.functions[f.index] === 'OHT' && !planted.zones.has(f.index)),
    ...plan.faces.filter((f) => plan.functions[f.index] === 'OHT' && planted.zones.has(f.index) && planted.zones.get(f.index) !== 'overlap'),
  ];
  // Faces are tried in a seeded random order; only the lots of the faces tried are computed.
  const preferred = housing.filter((f) => !planted.zones.has(f.index));
  const order = [...pickDistinct(rng, preferred, preferred.length, new Set()), ...housing.filter((f) => planted.zones.has(f.index))];
  const usedLots = new Set<number>();
  let cursor = 0;
  const pickLots = (accept: (lot: Lot, lots: Lot[]) => boolean) => {
    const out: { face: Face; lot: Lot }[] = [];
    for (let k = 0; k < order.length && out.length < n; k++) {
      const face = order[(cursor + k) % order.length] as Face;
      const lots = plan.lots(face);
      const fit = lots.filter((l) => accept(l, lots) && !usedLots.has(lotKey(face.index, l.index)));
      if (fit.length === 0) continue;
      const lot = fit[Math.floor(rng.next() * fit.length)] as Lot;
      usedLots.add(lotKey(face.index, lot.index));
      out.push({ face, lot });
    }
    cursor += 1;
    return out;
  };
  const street = (lot: Lot) => !lot.frontAlley && !lot.cornerWest && !lot.cornerEast;
  for (const { face, lot } of pickLots((l) => l.polygon.length >= 4)) {
    planted.parcels.set(lotKey(face.index, lot.index), 'bowtie');
    planted.add({ kind: 'INVALID_POLYGON', layer: 'parcels', uuid: featureUuid(seed, 'parcels', lotKey(face.index, lot.index)), description: `Parcel at ${lot.houseNo} ${lot.addressStreet}: two corners swapped, the outline crosses itself` });
  }
  for (const { face, lot } of pickLots((l, lots) => l.index > 0 && plan.divisions.sheet(l.centroid) === plan.divisions.sheet((lots[l.index - 1] as Lot).centroid))) {
    planted.parcels.set(lotKey(face.index, lot.index), 'duplicate_no');
    planted.add({
      kind: 'PARCEL_NO_DUPLICATE',
      layer: 'parcels',
      uuid: featureUuid(seed, 'parcels', lotKey(face.index, lot.index)),
      description: `parcel_no repeats that of parcel ${featureUuid(seed, 'parcels', lotKey(face.index, lot.index - 1))} on the same sheet`,
    });
  }
  for (const { face, lot } of pickLots(() => true)) {
    planted.parcels.set(lotKey(face.index, lot.index), 'area');
    planted.add({ kind: 'PARCEL_AREA_MISMATCH', layer: 'parcels', uuid: featureUuid(seed, 'parcels', lotKey(face.index, lot.index)), description: `area_m2 is 18 % larger than the parcel's polygon (${lot.area.toFixed(1)} m²)` });
  }
  for (const { face, lot } of pickLots((l) => street(l) && plan.zones[l.face]?.setback === 0)) {
    const key = lotKey(face.index, lot.index);
    planted.buildings.set(key, 'crosses_red_line');
    const uuid = featureUuid(seed, 'buildings', lotKey(face.index, lot.index, 0));
    planted.add({ kind: 'BUILDING_CROSSES_RED_LINE', layer: 'buildings', uuid, description: `Building at ${lot.houseNo} ${lot.addressStreet} juts 1.5 m past the red line of ${lot.frontStreet.name}` });
    planted.add({ kind: 'BUILDING_OUTSIDE_PARCEL', layer: 'buildings', uuid, description: `Building at ${lot.houseNo} ${lot.addressStreet} extends 1.5 m beyond its parcel's front` });
  }
  for (const { face, lot } of pickLots((l) => street(l))) {
    planted.buildings.set(lotKey(face.index, lot.index), 'full_coverage');
    const allowed = Math.min(plan.zones[face.index]?.maxDensity ?? 100, detachedHouseMaxDensity(lot.area));
    planted.add({
      kind: 'BUILDING_COVERAGE_MAX',
      layer: 'buildings',
      uuid: featureUuid(seed, 'buildings', lotKey(face.index, lot.index, 0)),
      description: `Building at ${lot.houseNo} ${lot.addressStreet} covers 100 % of its ${lot.area.toFixed(1)} m² lot; allowed ${allowed.toFixed(1)} %`,
    });
  }
  for (const { face, lot } of pickLots((l) => street(l))) {
    planted.buildings.set(lotKey(face.index, lot.index), 'too_many_floors');
    const z = plan.zones[face.index];
    planted.add({
      kind: 'BUILDING_FLOORS_MAX',
      layer: 'buildings',
      uuid: featureUuid(seed, 'buildings', lotKey(face.index, lot.index, 0)),
      description: `Building at ${lot.houseNo} ${lot.addressStreet} has ${(z?.maxFloors ?? 0) + 4} floors; zone ${z?.code} allows ${z?.maxFloors}`,
    });
  }

  plantNetworks(ctx, rng, n);
}

function plantNetworks(ctx: DemoContext, rng: Rng, n: number): void {
  const { drainage, water, lighting, planted, seed } = ctx;
  const usedPipes = new Set<number>();
  const inflow = new Map<number, number[]>();
  for (const p of drainage.pipes) inflow.set(p.down, [...(inflow.get(p.down) ?? []), p.index]);
  const node = (i: number) => drainage.nodes[i] as DrainNode;

  // A pipe drawn against the flow: its invert rises along the drawing direction.
  const reversible = drainage.pipes.filter((p) => node(p.down).kind !== 'outfall' && p.length >= 20).map((p) => p.index);
  for (const i of pickDistinct(rng, reversible, n, usedPipes)) {
    const p = drainage.pipes[i] as (typeof drainage.pipes)[number];
    [p.up, p.down] = [p.down, p.up];
    [p.upInvert, p.downInvert] = [p.downInvert, p.upInvert];
    planted.add({
      kind: 'PIPE_NEGATIVE_SLOPE',
      layer: 'drainage_pipes',
      uuid: featureUuid(seed, 'drainage_pipes', i),
      description: `Pipe drawn against the flow: invert rises from ${p.upInvert.toFixed(3)} to ${p.downInvert.toFixed(3)} m over ${p.length} m`,
    });
  }
  const widestInflow = (p: (typeof drainage.pipes)[number], shrunk: ReadonlySet<number>) =>
    Math.max(0, ...(inflow.get(p.up) ?? []).map((j) => (shrunk.has(j) ? 400 : (drainage.pipes[j] as typeof p).diameter)));
  // Only a pipe fed by one wider than D400 can be narrowed to D400 and be a violation.
  const shrinkable = drainage.pipes.filter((p) => p.diameter >= 600 && widestInflow(p, new Set()) > 400).map((p) => p.index);
  const shrunk = new Set(pickDistinct(rng, shrinkable, n, usedPipes));
  for (const i of shrunk) {
    const p = drainage.pipes[i] as (typeof drainage.pipes)[number];
    // Pipes narrowed in this same pass flow in at D400: when only those fed it, it stays as it was.
    const upstream = widestInflow(p, shrunk);
    if (upstream <= 400) {
      shrunk.delete(i);
      continue;
    }
    planted.add({
      kind: 'PIPE_DIAMETER_DECREASES',
      layer: 'drainage_pipes',
      uuid: featureUuid(seed, 'drainage_pipes', i),
      description: `Pipe D400 downstream of a D${upstream} pipe (was D${p.diameter})`,
    });
  }
  for (const i of shrunk) (drainage.pipes[i] as (typeof drainage.pipes)[number]).diameter = 400;
  const usedNodes = new Set<number>();
  for (const p of drainage.pipes) if (usedPipes.has(p.index)) usedNodes.add(p.up).add(p.down);
  const plain = drainage.nodes.filter((m) => m.kind === 'manhole' && m.junction < 0 && inflow.has(m.index)).map((m) => m.index);
  for (const i of pickDistinct(rng, plain, n, usedNodes)) {
    const m = node(i);
    m.rim = Math.round((m.invert - 0.25) * 1000) / 1000;
    planted.add({
      kind: 'MANHOLE_INVERT_ABOVE_RIM',
      layer: 'drainage_manholes',
      uuid: featureUuid(seed, 'drainage_manholes', i),
      description: `Manhole rim recorded at ${m.rim.toFixed(3)} m, 0.25 m below its invert ${m.invert.toFixed(3)} m`,
    });
  }

  // Water: a hydrant left out, a main stopping short, a valve beside the main.
  const byRun = new Map<number, number[]>();
  for (const h of water.hydrants) byRun.set(h.run, [...(byRun.get(h.run) ?? []), h.index]);
  const gapCandidates = [...byRun.values()].filter((list) => list.length >= 3).map((list) => list[1] as number);
  for (const i of pickDistinct(rng, gapCandidates, n, new Set())) {
    const before = water.hydrants[i - 1];
    const after = water.hydrants[i + 1];
    if (!before || !after) continue;
    planted.removedHydrants.add(i);
    planted.add({
      kind: 'HYDRANT_SPACING',
      layer: 'water_hydrants',
      uuid: featureUuid(seed, 'water_hydrants', before.index),
      description: `${(after.station - before.station).toFixed(1)} m along the main to the next hydrant ${featureUuid(seed, 'water_hydrants', after.index)} (at most 150 m)`,
    });
  }
  const usedMains = new Set<number>();
  const longMains = water.mains.filter((m) => m.ends[0] >= 0 && m.ends[1] >= 0 && m.points.length === 2 && Math.hypot((m.points[1] as Pt)[0] - (m.points[0] as Pt)[0], (m.points[1] as Pt)[1] - (m.points[0] as Pt)[1]) > 30);
  for (const i of pickDistinct(rng, longMains.map((m) => m.index), n, usedMains)) {
    const m = water.mains[i] as (typeof water.mains)[number];
    const [a, b] = m.points as [Pt, Pt];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    m.points = [a, [b[0] - ((b[0] - a[0]) * 3) / len, b[1] - ((b[1] - a[1]) * 3) / len]];
    planted.add({ kind: 'MAIN_DANGLING_END', layer: 'water_mains', uuid: featureUuid(seed, 'water_mains', i), description: `Main on ${m.street.name} stops 3 m short of the main it should join` });
  }
  const gates = water.valves.filter((v) => v.type === 'gate').map((v) => v.index);
  for (const i of pickDistinct(rng, gates, n, new Set())) {
    const v = water.valves[i] as (typeof water.valves)[number];
    // About 6 m off, diagonally towards the district's middle (never out of it).
    const sx = v.p[0] < ctx.plan.width / 2 ? 1 : -1;
    const sy = v.p[1] < ctx.plan.height / 2 ? 1 : -1;
    v.p = [v.p[0] + 4.3 * sx, v.p[1] + 4.3 * sy];
    planted.add({ kind: 'VALVE_NOT_ON_MAIN', layer: 'water_valves', uuid: featureUuid(seed, 'water_valves', i), description: 'Valve drawn about 6 m off the mains it belongs to' });
  }

  // Lighting: a pole fed from a cabinet out of reach, and one with no cabinet.
  const usedPoles = new Set<number>();
  const reachable = lighting.poles.map((p) => p.index);
  // Poles in a seeded random order; the first ones some cabinet cannot reach get fed from it.
  let fed = 0;
  for (const i of pickDistinct(rng, reachable, reachable.length, new Set())) {
    if (fed >= n) break;
    const pole = lighting.poles[i] as (typeof lighting.poles)[number];
    let far = -1;
    let farD = 0;
    for (const c of lighting.cabinets) {
      const d = Math.hypot(c.p[0] - pole.p[0], c.p[1] - pole.p[1]);
      if (d > c.maxCircuitLength * 1.1 && d > farD) {
        far = c.index;
        farD = d;
      }
    }
    if (far < 0) continue;
    fed++;
    usedPoles.add(i);
    const c = lighting.cabinets[far] as (typeof lighting.cabinets)[number];
    pole.cabinet = far;
    planted.add({
      kind: 'POLE_BEYOND_CABINET_REACH',
      layer: 'lighting_poles',
      uuid: featureUuid(seed, 'lighting_poles', i),
      description: `Pole fed from cabinet ${cabinetCode(far, lighting.cabinets.length)} ${farD.toFixed(0)} m away (max_circuit_length_m ${c.maxCircuitLength})`,
    });
  }
  for (const i of pickDistinct(rng, reachable, n, usedPoles)) {
    (lighting.poles[i] as (typeof lighting.poles)[number]).cabinet = -1;
    planted.add({ kind: 'POLE_WITHOUT_CABINET', layer: 'lighting_poles', uuid: featureUuid(seed, 'lighting_poles', i), description: 'Pole with no feeding cabinet (cabinet_code empty)' });
  }
}
