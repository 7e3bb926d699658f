/**
 * How zones, parcels and buildings relate, as the planning rules read them: the parcel a
 * building stands on (its interior point), the zone(s) a parcel lies in (all its vertices), the
 * largest lot of a zone, the buildings on a parcel, the red lines an outline crosses. Answers
 * several rules need are memoised per run, so the work is done once however many ask.
 */
import type { RuleContext, RuleFeature } from '../types.js';
import { boxAround, growBox, insideOrOn, interiorPoint, linesCross, pointInRing, polygonArea, ringIsSimple, type P } from './planar.js';
import { EDGE_TOLERANCE_M, allRings, boxOf, lineOf, outerRing, textOf } from './support.js';

/** Planning functions whose zones carry no building controls: water, traffic, agriculture, development reserve. */
export const UNBUILT_FUNCTIONS: ReadonlySet<string> = new Set(['MN', 'GT', 'NN', 'DTPT']);
/** Residential land, read as detached-house lots (nhà ở riêng lẻ, QCVN 01:2021 Table 2.8). */
export const DETACHED_HOUSING: ReadonlySet<string> = new Set(['OHT', 'OM']);
/** Commercial and mixed-use land (Table 2.10). */
export const MIXED_USE: ReadonlySet<string> = new Set(['HH', 'TMDV']);
/** Public services (§2.6.2: 40 % in new areas). */
export const PUBLIC_SERVICES: ReadonlySet<string> = new Set(['CC', 'GD', 'YT', 'VH', 'TDTT', 'CQ', 'TG']);
/** Parks and green land (gross density 5 %). */
export const PARKS: ReadonlySet<string> = new Set(['CX', 'CXCD']);

/** Whether every ring of a polygon feature is simple (closed, no crossing edges, some area). Cheaper than a memo for rings this small. */
export function isValidPolygon(feature: RuleFeature): boolean {
  const rings = allRings(feature.geometry);
  return rings.length > 0 && rings.every((ring) => ringIsSimple(ring));
}

/** Zones with building controls (not water, traffic …): a zone with a function outside UNBUILT_FUNCTIONS. */
export function isBuildableZone(zone: RuleFeature): boolean {
  const fn = textOf(zone, 'function_code');
  return fn !== undefined && !UNBUILT_FUNCTIONS.has(fn);
}

/** Buildable zones whose outline holds the point. */
export function zonesAt(ctx: RuleContext, p: P): RuleFeature[] {
  const out: RuleFeature[] = [];
  for (const zone of ctx.featuresIn('zoning', boxAround(p))) {
    const ring = outerRing(zone.geometry);
    if (ring && isBuildableZone(zone) && pointInRing(p, ring)) out.push(zone);
  }
  return out;
}

/**
 * Buildable zones a parcel lies in: those holding all its vertices (edges shared within the
 * tolerance), or failing that those holding its interior point. Several only where zones
 * overlap (itself a finding); rules then hold the parcel to the most permissive of them.
 */
export function zonesOfParcel(ctx: RuleContext, parcel: RuleFeature): RuleFeature[] {
  return ctx.memo('zones-of-parcel', parcel, () => {
    const ring = outerRing(parcel.geometry);
    if (!ring) return [];
    const whole: RuleFeature[] = [];
    for (const zone of ctx.featuresIn('zoning', boxOf(parcel.geometry))) {
      const zring = outerRing(zone.geometry);
      if (zring && isBuildableZone(zone) && ring.every((q) => insideOrOn(q, zring, EDGE_TOLERANCE_M))) whole.push(zone);
    }
    return whole.length > 0 ? whole : zonesAt(ctx, interiorPoint(ring));
  });
}

/** Area of the largest valid parcel lying wholly in the zone (m²); undefined when it holds none. */
export function largestLot(ctx: RuleContext, zone: RuleFeature): number | undefined {
  return ctx.memo('largest-lot', zone, () => {
    const zring = outerRing(zone.geometry);
    if (!zring) return undefined;
    let largest: number | undefined;
    for (const parcel of ctx.featuresIn('parcels', boxOf(zone.geometry))) {
      const ring = outerRing(parcel.geometry);
      if (!ring || !isValidPolygon(parcel)) continue;
      if (!ring.every((q) => insideOrOn(q, zring, EDGE_TOLERANCE_M))) continue;
      const area = polygonArea(allRings(parcel.geometry));
      if (largest === undefined || area > largest) largest = area;
    }
    return largest;
  });
}

/** The parcel a building stands on, by its interior point. */
export type ParcelOf =
  | { readonly kind: 'parcel'; readonly parcel: RuleFeature }
  /** No parcel holds the point, but parcels are near (cadastre covers the place). */
  | { readonly kind: 'none' }
  /** No parcel near (no cadastre here), or an invalid parcel is in the way: no answer. */
  | { readonly kind: 'unknown' };

export function parcelOf(ctx: RuleContext, building: RuleFeature): ParcelOf {
  return ctx.memo('parcel-of', building, () => findParcel(ctx, building));
}

function findParcel(ctx: RuleContext, building: RuleFeature): ParcelOf {
  const ring = outerRing(building.geometry);
  if (!ring) return { kind: 'unknown' };
  const p = interiorPoint(ring);
  let near = false;
  let blocked = false;
  for (const parcel of ctx.featuresIn('parcels', growBox(boxOf(building.geometry), 1))) {
    near = true;
    const pring = outerRing(parcel.geometry);
    if (!pring) continue;
    if (!isValidPolygon(parcel)) {
      blocked = true;
      continue;
    }
    if (pointInRing(p, pring)) return { kind: 'parcel', parcel };
  }
  return near && !blocked ? { kind: 'none' } : { kind: 'unknown' };
}

/** Buildings whose interior point lies on the parcel. */
export function buildingsOn(ctx: RuleContext, parcel: RuleFeature): RuleFeature[] {
  return ctx.memo('buildings-on', parcel, () => {
    const pring = outerRing(parcel.geometry);
    if (!pring) return [];
    const out: RuleFeature[] = [];
    for (const building of ctx.featuresIn('buildings', boxOf(parcel.geometry))) {
      const ring = outerRing(building.geometry);
      if (ring && pointInRing(interiorPoint(ring), pring)) out.push(building);
    }
    return out;
  });
}

/** The zones a building is in: its parcel's, or (without a parcel) those holding its interior point. */
export function zonesOfBuilding(ctx: RuleContext, building: RuleFeature): RuleFeature[] {
  const on = parcelOf(ctx, building);
  if (on.kind === 'parcel') return zonesOfParcel(ctx, on.parcel);
  const ring = outerRing(building.geometry);
  return ring ? zonesAt(ctx, interiorPoint(ring)) : [];
}

/** The red lines (line_type red_line) a polygon feature's outline crosses (touching is not crossing; 1 cm is rounding). */
export function crossedRedLines(ctx: RuleContext, feature: RuleFeature): RuleFeature[] {
  const ring = outerRing(feature.geometry);
  if (!ring) return [];
  const out: RuleFeature[] = [];
  for (const line of ctx.featuresIn('red_lines', boxOf(feature.geometry))) {
    const coords = lineOf(line.geometry);
    if (textOf(line, 'line_type') === 'red_line' && coords && linesCross(ring, coords, EDGE_TOLERANCE_M)) out.push(line);
  }
  return out;
}

/** The road names of some red lines, for a message: " Lê Lợi, Nguyễn Huệ" (vi after "đường", en after "of"). */
export function roadNames(lines: readonly RuleFeature[]): string {
  return [...new Set(lines.map((l) => textOf(l, 'road_name')).filter((n): n is string => n !== undefined))].join(', ');
}
