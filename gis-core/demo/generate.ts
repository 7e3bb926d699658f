/**
 * generateDemo: a believable district of Cao Lãnh city (Đồng Tháp) in EPSG:5897, made from a
 * seed alone. Generation is pure: the result holds the plan, the in-memory networks and the
 * terrain function; each layer is a generator function that streams its features anew on
 * every call (same seed → the same features, byte for byte).
 */
import { LAYERS } from '../../layers/index.js';
import type { LayerId } from '../../layers/types.js';
import type { BBox, NewFeature } from '../store/types.js';
import type { DemoContext } from './context.js';
import { buildingFeatures, meterFeatures, parcelFeatures } from './features/cadastre.js';
import {
  cabinetFeatures,
  hydrantFeatures,
  mainFeatures,
  manholeFeatures,
  pipeFeatures,
  poleFeatures,
  valveFeatures,
} from './features/networks.js';
import { Output } from './features/output.js';
import { redLineFeatures, roadFeatures } from './features/streets.js';
import { zoningFeatures } from './features/zoning.js';
import { DemoPlan } from './layout/plan.js';
import { DrainageNetwork } from './networks/drainage.js';
import { LightingNetwork } from './networks/lighting.js';
import { WaterNetwork } from './networks/water.js';
import { CAO_LANH_CENTRE, DEMO_CRS_EPSG } from './origin.js';
import { plantViolations } from './planting.js';
import { SMALL_SIDE_M, targetCount, type DemoScale } from './scale.js';
import { Terrain } from './terrain.js';
import { Planted, type PlantedViolation } from './violations.js';

export interface DemoOptions {
  readonly scale: DemoScale;
  readonly seed: number;
  /** Side of the district in metres, overriding the one the scale asks for (tests, calibration). */
  readonly side?: number;
}

export type DemoLayers = Readonly<Record<LayerId, () => Iterable<NewFeature>>>;

export interface DemoDataset {
  readonly seed: number;
  readonly scale: DemoScale;
  readonly crsEpsg: number;
  /** District extent (frame, river and canals; every feature lies inside), EPSG:5897. */
  readonly bounds: BBox;
  /** Side of the district (frame street to frame street), metres. */
  readonly side: number;
  readonly layers: DemoLayers;
  readonly terrain: Terrain;
  readonly manifest: readonly PlantedViolation[];
  /** The plan and networks behind the features (for tests and tools). */
  readonly context: DemoContext;
}

/** Layers in the order a project lists them. */
export const DEMO_LAYER_ORDER: readonly LayerId[] = LAYERS.map((layer) => layer.id);

/**
 * Features per km² of a district `sideKm` wide, measured from 1 to 9 km (≈ 9 800 at 1 km,
 * 11 700 at 3 km, 12 500 at 9 km: the river and the frame streets weigh less in bigger ones).
 */
function featuresPerKm2(sideKm: number): number {
  return 12_800 - 3_000 / sideKm;
}
/** Below this the frame, two canals and an arterial leave no room for blocks. */
const MIN_SIDE_M = 650;

function build(seed: number, side: number): DemoContext {
  const plan = new DemoPlan(seed, side, side);
  const out = new Output(Math.round(CAO_LANH_CENTRE.x - side / 2), Math.round(CAO_LANH_CENTRE.y - side / 2));
  const terrain = new Terrain(plan, seed, out.originX, out.originY);
  const context: DemoContext = {
    seed,
    plan,
    out,
    planted: new Planted(),
    terrain,
    drainage: new DrainageNetwork(plan, terrain, out, seed),
    water: new WaterNetwork(plan, seed),
    lighting: new LightingNetwork(plan, seed),
  };
  return context;
}

/**
 * Feature count of a built context without generating the lot-based layers' geometry:
 * exact for parcels, zones, roads and networks; red lines, buildings and meters from their
 * measured shares.
 */
export function estimateCount(ctx: Pick<DemoContext, 'plan' | 'drainage' | 'water' | 'lighting'>): number {
  const { plan, drainage, water, lighting } = ctx;
  let parcels = 0;
  let residential = 0;
  for (const face of plan.faces) {
    const count = plan.lotCuts(face).length;
    parcels += count;
    const fn = plan.functions[face.index];
    if (fn === 'OHT' || fn === 'OM') residential += count;
  }
  const zones = 1 + plan.faces.length + plan.canals.length;
  // Red lines: four sides a block, two an alley, split where streets change; building lines too.
  const redLines = (plan.faces.length * 4 + plan.cutter.alleys.length * 2) * 1.75;
  return (
    zones +
    parcels +
    residential * 1.4 + // buildings ≈ 0.85 and meters ≈ 0.55 per residential lot
    (parcels - residential) * 2.5 +
    plan.network.segments.length +
    redLines +
    drainage.pipes.length * 2 +
    water.mains.length +
    water.valves.length +
    water.hydrants.length +
    lighting.poles.length +
    lighting.cabinets.length
  );
}

/** The district for a scale: its side, and the built context of the probe that chose it. */
function districtFor(scale: DemoScale, seed: number): { side: number; context?: DemoContext } {
  const target = targetCount(scale);
  if (target === undefined) return { side: SMALL_SIDE_M };
  // Guess from the density, then correct from estimates of probe plans: scaling by the square
  // root of the error, bisecting once the target is bracketed (small districts grow in steps as
  // blocks appear). Big probes are dear, so they get at most one correction.
  let side = 1000;
  for (let k = 0; k < 4; k++) side = Math.round(Math.sqrt(target / featuresPerKm2(side / 1000)) * 1000);
  side = Math.max(MIN_SIDE_M, side);
  let best: { side: number; error: number; context: DemoContext } | undefined;
  let below = MIN_SIDE_M;
  let above = Infinity;
  for (let attempt = 0; attempt < 8; attempt++) {
    const context = build(seed, side);
    const estimate = estimateCount(context);
    const error = Math.abs(estimate / target - 1);
    if (!best || error < best.error) best = { side, error, context };
    if (error < 0.03 || (side > 3000 && attempt > 0)) break;
    if (estimate < target) below = Math.max(below, side);
    else above = Math.min(above, side);
    let next = side * Math.sqrt(target / estimate);
    if (next <= below || next >= above) next = (below + above) / 2;
    next = Math.max(MIN_SIDE_M, Math.round(next));
    if (next === side) break;
    side = next;
  }
  return best ? { side: best.side, context: best.context } : { side };
}

export function generateDemo(options: DemoOptions): DemoDataset {
  const seed = options.seed >>> 0;
  const district = options.side !== undefined ? { side: options.side } : districtFor(options.scale, seed);
  const side = district.side;
  const ctx = district.context ?? build(seed, side);
  plantViolations(ctx);
  const { plan, out } = ctx;
  const xs = [...plan.outer.points.map((p) => p[0]), ...plan.river.map((p) => p[0])];
  const ys = [...plan.outer.points.map((p) => p[1]), ...plan.river.map((p) => p[1])];
  const bounds: BBox = [
    Math.floor((out.originX + Math.min(...xs)) * 1000) / 1000,
    Math.floor((out.originY + Math.min(...ys)) * 1000) / 1000,
    Math.ceil((out.originX + Math.max(...xs)) * 1000) / 1000,
    Math.ceil((out.originY + Math.max(...ys)) * 1000) / 1000,
  ];
  const layers: DemoLayers = {
    zoning: () => zoningFeatures(ctx),
    parcels: () => parcelFeatures(ctx),
    buildings: () => buildingFeatures(ctx),
    roads: () => roadFeatures(ctx),
    red_lines: () => redLineFeatures(ctx),
    drainage_pipes: () => pipeFeatures(ctx),
    drainage_manholes: () => manholeFeatures(ctx),
    water_mains: () => mainFeatures(ctx),
    water_valves: () => valveFeatures(ctx),
    water_hydrants: () => hydrantFeatures(ctx),
    water_meters: () => meterFeatures(ctx),
    lighting_poles: () => poleFeatures(ctx),
    lighting_cabinets: () => cabinetFeatures(ctx),
  };
  return {
    seed,
    scale: options.scale,
    crsEpsg: DEMO_CRS_EPSG,
    bounds,
    side,
    layers,
    terrain: ctx.terrain,
    manifest: ctx.planted.manifest,
    context: ctx,
  };
}
