/**
 * The planning card of a parcel: every zone it falls in with the area of the intersection (m²)
 * and its share of the parcel, each zone's land-use function, land-law code and indicators
 * (density, FAR, floors, height, setback), the distance to the nearest red line, the plan and
 * the disclaimer. Exact plane geometry in the project CRS (metres), rounded for people:
 * areas to 0.01 m², shares to 0.0001, distances to 0.01 m.
 */
import { LAND_LAW_CODES } from '../../layers/codelists/land-law-codes.js';
import { PLANNING_FUNCTIONS } from '../../layers/codelists/planning-functions.js';
import { codeEntry } from '../../layers/codelists/index.js';
import type { CodeList, Label } from '../../layers/types.js';
import { growBox, type P } from '../../layers/rules/planar.js';
import { geometryBBox } from '../api/geometry-bbox.js';
import { getCrs } from '../crs/registry.js';
import { PlanDeskError } from '../errors.js';
import type { Project } from '../store/project.js';
import type { StoredFeature } from '../store/types.js';
import { isUuid } from '../util/uuid.js';
import { geometryArea, intersectionArea, linesOf, polygonLineDistance } from './geometry.js';
import { PLANNING_DISCLAIMER, planInfo } from './plan-info.js';
import type { PlanningCard, PlanningCardZone } from './types.js';

/** Red lines farther than this from the parcel are not looked for (m). */
export const RED_LINE_SEARCH_M = 500;
/** Zone parts smaller than this, or under 0.005 % of the parcel, are boundary noise, not a zone the parcel falls in (m²). */
const MIN_ZONE_PART_M2 = 0.01;
/** Zones read around one parcel, at most. */
const ZONES_AROUND = 500;

const round = (value: number, step: number) => Math.round(value / step) * step;
const round2 = (value: number) => Number(round(value, 0.01).toFixed(2));
const round4 = (value: number) => Number(round(value, 0.0001).toFixed(4));

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function codeLabel(list: CodeList, code: string | null): Label | null {
  if (code === null) return null;
  return codeEntry(list, code)?.label ?? { vi: code, en: code };
}

export function findParcel(project: Project, uuid: string): StoredFeature {
  if (!isUuid(uuid)) throw new PlanDeskError('INVALID_ARGUMENT', `"${String(uuid)}" is not a parcel uuid`);
  const parcel = project.featureByUuid('parcels', uuid);
  if (!parcel) throw new PlanDeskError('UNKNOWN_FEATURE', `there is no parcel ${uuid}`);
  return parcel;
}

function zonesOf(project: Project, parcel: StoredFeature, parcelArea: number): PlanningCardZone[] {
  const candidates = project.features('zoning', { bbox: geometryBBox(parcel.geometry), limit: ZONES_AROUND });
  const zones: PlanningCardZone[] = [];
  for (const zone of candidates) {
    const area = intersectionArea(parcel.geometry, zone.geometry);
    if (area < MIN_ZONE_PART_M2 || (parcelArea > 0 && round4(area / parcelArea) === 0)) continue;
    const p = zone.properties;
    const functionCode = str(p.function_code);
    const landLawCode = str(p.land_law_code);
    zones.push({
      uuid: zone.uuid,
      zoneCode: str(p.zone_code) ?? '',
      name: str(p.name),
      functionCode,
      functionLabel: codeLabel(PLANNING_FUNCTIONS, functionCode),
      landLawCode,
      landLawLabel: codeLabel(LAND_LAW_CODES, landLawCode),
      areaM2: round2(area),
      share: parcelArea > 0 ? round4(area / parcelArea) : 0,
      maxDensityPct: num(p.max_density_pct),
      maxFar: num(p.max_far),
      minFloors: num(p.min_floors),
      maxFloors: num(p.max_floors),
      maxHeightM: num(p.max_height_m),
      setbackM: num(p.setback_m),
      planCode: str(p.plan_code),
    });
  }
  return zones.sort((a, b) => b.areaM2 - a.areaM2 || a.zoneCode.localeCompare(b.zoneCode));
}

function nearestRedLine(project: Project, parcel: StoredFeature): { distance: number; road: string | null } | null {
  const box = growBox(geometryBBox(parcel.geometry), RED_LINE_SEARCH_M);
  const lines = project.features('red_lines', { bbox: box, where: [{ field: 'line_type', op: '=', value: 'red_line' }], limit: 2000 });
  let best: { distance: number; road: string | null } | null = null;
  for (const line of lines) {
    for (const coords of linesOf(line.geometry)) {
      const distance = polygonLineDistance(parcel.geometry, coords as readonly P[]);
      if (distance <= RED_LINE_SEARCH_M && (best === null || distance < best.distance)) best = { distance, road: str(line.properties.road_name) };
    }
  }
  return best;
}

export function planningCard(project: Project, parcelUuid: string): PlanningCard {
  const parcel = findParcel(project, parcelUuid);
  const p = parcel.properties;
  const area = geometryArea(parcel.geometry);
  const zones = zonesOf(project, parcel, area);
  const zoned = zones.reduce((sum, zone) => sum + zone.areaM2, 0);
  // Overlapping zones: the union is what is zoned, so the unzoned part is not area − Σ parts.
  const zonesOverlap = zoned > area + 0.01;
  const redLine = nearestRedLine(project, parcel);
  const landLawCode = str(p.land_law_code);
  return {
    parcel: {
      uuid: parcel.uuid,
      sheetNo: num(p.sheet_no),
      parcelNo: num(p.parcel_no),
      address: str(p.address),
      ward: str(p.ward),
      legalAreaM2: num(p.area_m2),
      areaM2: round2(area),
      landLawCode,
      landLawLabel: codeLabel(LAND_LAW_CODES, landLawCode),
      bbox: geometryBBox(parcel.geometry),
      geometry: parcel.geometry,
    },
    zones,
    unzonedAreaM2: zonesOverlap ? 0 : Math.max(0, round2(area - zoned)),
    zonesOverlap,
    redLineDistanceM: redLine ? round2(redLine.distance) : null,
    redLineRoad: redLine?.road ?? null,
    plan: planInfo(project),
    disclaimer: PLANNING_DISCLAIMER,
    crs: getCrs(project.info().crsEpsg).code,
  };
}
