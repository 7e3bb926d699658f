/**
 * Building footprints on a lot, drawn as rectangles in the lot's (u, v) space so they stay on
 * the lot: town houses wall to wall from the front (or the building line) with a back yard,
 * public buildings inside the setback margin. Coverage is held under both the zone's maximum
 * density and Table 2.8's for the lot, then checked on the footprint actually drawn.
 */
import type { BuildingUse, Status, ZoneFunction } from '../codes.js';
import type { Pt } from '../geometry.js';
import { detachedHouseMaxDensity } from '../../../layers/standards/qcvn01.js';
import type { Rng } from '../random.js';
import { isResidential } from './blocks.js';
import { polygonArea } from './faces.js';
import type { Lot } from './lots.js';
import { STOREY_M, type ZoneControls } from './zones.js';

export interface BuildingPlan {
  readonly polygon: Pt[];
  readonly floors: number;
  readonly height: number;
  readonly use: BuildingUse;
  readonly status: Status;
  readonly name?: string;
}

/** How a planted building breaks the rules. */
export type BuildingFault = 'crosses_red_line' | 'full_coverage' | 'too_many_floors';

const USE_BY_FUNCTION: Readonly<Record<ZoneFunction, BuildingUse>> = {
  OHT: 'detached_house',
  OM: 'detached_house',
  HH: 'mixed',
  GD: 'education',
  YT: 'health',
  VH: 'public',
  TMDV: 'commercial',
  CX: 'public',
  TDTT: 'public',
  CQ: 'public',
  TG: 'religious',
  MN: 'other',
};

/** Storey count → height: 3.6 m a storey, a little less for low-ceilinged older houses. */
function heightFor(floors: number, rng: Rng): number {
  return Math.round((floors * STOREY_M - rng.range(0, 0.3)) * 10) / 10;
}

/** Safety on distances turned into (u, v) steps: lot sides are up to ~10° off square. */
function margin(metres: number): number {
  return metres > 0 ? metres * 1.05 + 0.05 : 0;
}

function coverage(polygons: readonly Pt[][], lot: Lot): number {
  return (polygons.reduce((s, p) => s + polygonArea(p), 0) / lot.area) * 100;
}

export function buildingsOnLot(lot: Lot, zone: ZoneControls, rng: Rng, fault?: BuildingFault): BuildingPlan[] {
  return isResidential(zone.fn) ? house(lot, zone, rng, fault) : facility(lot, zone, rng, fault);
}

/**
 * Whether a residential lot has a house and in what state: the first draws of the lot's stream,
 * so that the meters layer can ask without drawing the house.
 */
export function houseStatus(zone: ZoneControls, rng: Rng, fault?: BuildingFault): Status | undefined {
  const existingArea = zone.fn === 'OHT';
  if (!fault && !rng.chance(existingArea ? 0.93 : 0.62)) return undefined;
  return existingArea ? 'existing' : rng.weighted([['existing', 0.35], ['planned', 0.45], ['under_construction', 0.2]] as const);
}

function house(lot: Lot, zone: ZoneControls, rng: Rng, fault?: BuildingFault): BuildingPlan[] {
  const status = houseStatus(zone, rng, fault);
  if (!status) return [];
  const cap = Math.min(zone.maxDensity, detachedHouseMaxDensity(lot.area));
  const target = cap * rng.range(0.72, 0.96);
  const q = lot.quad;
  // Metres → (u, v) steps, measured where the lot is narrowest / shallowest, so that a setback
  // drawn in (u, v) is at least that many metres everywhere on the lot.
  const depthOfQuad = Math.min(q.depthAt(lot.u0), q.depthAt((lot.u0 + lot.u1) / 2), q.depthAt(lot.u1));
  const depth = depthOfQuad * (lot.v1 - lot.v0);
  const dv = 1 / depthOfQuad;
  const frontLength = lot.front === 'bottom' ? q.bottomLength : q.topLength;
  const shorterSide = Math.min(q.bottomLength, q.topLength);
  const sideW = lot.cornerWest && zone.setback > 0 ? margin(zone.setback) / shorterSide : 0;
  const sideE = lot.cornerEast && zone.setback > 0 ? margin(zone.setback) / shorterSide : 0;
  const ua = lot.u0 + sideW;
  const ub = lot.u1 - sideE;
  const frontage = (ub - ua) * frontLength;
  const front = margin(zone.setback);
  let buildDepth = Math.min(depth - front - 2, (target / 100) * (lot.area / frontage));
  let floors = Math.min(zone.maxFloors, Math.max(zone.minFloors, rng.weighted([[1, 0.18], [2, 0.3], [3, 0.26], [4, 0.16], [5, 0.1]] as const)));
  let polygon: Pt[] = [];
  const draw = (frontM: number, depthM: number, u0: number, u1: number): Pt[] =>
    lot.front === 'bottom'
      ? q.rect(u0, u1, lot.v0 + frontM * dv, lot.v0 + (frontM + depthM) * dv)
      : q.rect(u0, u1, lot.v1 - (frontM + depthM) * dv, lot.v1 - frontM * dv);
  if (fault === 'full_coverage') polygon = q.rect(lot.u0, lot.u1, lot.v0, lot.v1);
  // Built 1.5 m forward onto the sidewalk, same footprint: it breaks the red line, not the density.
  else if (fault === 'crosses_red_line') polygon = draw(-1.5, buildDepth, lot.u0, lot.u1);
  else {
    for (let attempt = 0; attempt < 4; attempt++) {
      polygon = draw(front, buildDepth, ua, ub);
      const c = coverage([polygon], lot);
      if (c <= cap - 0.5) break;
      buildDepth *= ((cap - 1) / c) * 0.99;
    }
  }
  if (fault === 'too_many_floors') floors = zone.maxFloors + 4;
  const use: BuildingUse = lot.frontStreet.width >= 20 && rng.chance(0.3) ? 'mixed' : 'detached_house';
  return [{ polygon, floors, height: heightFor(floors, rng), use, status }];
}

const FACILITY_COUNT: Partial<Record<ZoneFunction, number>> = { GD: 2, YT: 3, HH: 2, CQ: 2, TG: 2, CX: 2 };

function facility(lot: Lot, zone: ZoneControls, rng: Rng, fault?: BuildingFault): BuildingPlan[] {
  const q = lot.quad;
  const minLength = Math.min(q.bottomLength, q.topLength);
  const minDepth = Math.min(q.depthAt(0), q.depthAt(0.5), q.depthAt(1));
  const edge = margin(Math.max(zone.setback, 3)) + 0.5;
  const uIn = edge / minLength;
  const vIn = edge / minDepth;
  const count = FACILITY_COUNT[zone.fn] ?? 1;
  const gapU = 10 / minLength;
  const columnU = (1 - 2 * uIn - gapU * (count - 1)) / count;
  const availV = 1 - 2 * vIn;
  const cap = zone.maxDensity;
  const park = zone.fn === 'CX';
  const out: BuildingPlan[] = [];
  for (let i = 0; i < count; i++) {
    // Footprint wanted, as a share of the lot: parks get small pavilions.
    const share = park ? rng.range(80, 160) / lot.area : ((cap * rng.range(0.55, 0.85)) / 100) * (1 / count);
    const areaUv = share; // the (u, v) square maps onto roughly the lot's area
    let wu = Math.min(columnU, Math.sqrt(areaUv * 1.4));
    let hv = Math.min(availV * (count > 1 && i > 0 ? 0.7 : 1), areaUv / wu);
    wu = Math.min(columnU, areaUv / hv);
    const u0 = uIn + i * (columnU + gapU) + (columnU - wu) / 2;
    const v0 = vIn + (i % 2 === 1 ? availV - hv : 0);
    let polygon = q.rect(u0, u0 + wu, v0, v0 + hv);
    for (let attempt = 0; attempt < 4 && coverage([...out.map((b) => b.polygon), polygon], lot) > cap - 0.5; attempt++) {
      hv *= 0.85;
      polygon = q.rect(u0, u0 + wu, v0, v0 + hv);
    }
    const floors = fault === 'too_many_floors' && i === 0 ? zone.maxFloors + 4 : i === 0 ? zone.maxFloors : rng.int(zone.minFloors, zone.maxFloors);
    out.push({
      polygon,
      floors,
      height: heightFor(floors, rng),
      use: USE_BY_FUNCTION[zone.fn],
      status: zone.status === 'planned' ? 'planned' : 'existing',
      name: count > 1 ? `${zone.name} – khối ${'ABCDEF'[i]}` : zone.name,
    });
  }
  return out;
}
