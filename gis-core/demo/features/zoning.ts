/** The zoning layer: one zone per block, plus the river and the canal strips (mặt nước). */
import type { NewFeature } from '../../store/types.js';
import type { DemoContext } from '../context.js';
import type { Pt } from '../geometry.js';
import { featureUuid } from '../ids.js';
import { insetRing } from '../layout/faces.js';
import type { ZoneControls } from '../layout/zones.js';
import { RIVER_NAME } from '../names.js';
import { plantedSetback } from '../violations.js';
import { DEMO_PLAN_CODE } from '../origin.js';
import { round, ringArea, type XY } from './output.js';

/** Keys of zone uuids: the river, then blocks, then canal strips. */
export const RIVER_KEY = 0;
export const faceZoneKey = (face: number): number => 1 + face;
export const canalZoneKey = (canal: number): number => 1_000_000 + canal;

/** How far the planted overlapping zone reaches across the street into its neighbours (m). */
export const OVERLAP_REACH_M = 4;

export function zoneProperties(z: ZoneControls, area: number): Record<string, unknown> {
  return {
    zone_code: z.code,
    name: z.name,
    function_code: z.fn,
    land_law_code: z.landLaw,
    status: z.status,
    area_m2: round(area, 1),
    max_density_pct: z.maxDensity,
    max_far: z.maxFar,
    min_floors: z.minFloors,
    max_floors: z.maxFloors,
    max_height_m: z.maxHeight,
    setback_m: z.setback,
    plan_code: z.planCode,
  };
}

/** The zone as planted: wrong numbers, or (overlap) a polygon reaching across its south street. */
export function plantedZone(ctx: DemoContext, face: number): { controls: ZoneControls; ring: Pt[] } {
  const f = ctx.plan.faces[face];
  const z = ctx.plan.zones[face];
  if (!f || !z) throw new Error(`no face ${face}`);
  const fault = ctx.planted.zones.get(face);
  let ring = f.block;
  let controls = z;
  if (fault === 'density') controls = { ...z, maxDensity: Math.min(100, Math.ceil(z.allowedDensity) + 12) };
  if (fault === 'far') controls = { ...z, maxFar: 8.5 };
  if (fault === 'setback') controls = { ...z, setback: plantedSetback(z.requiredSetback) };
  if (fault === 'overlap') {
    const nb = f.bottom.length;
    ring = insetRing(f.ring, nb, (s, edge) => (edge < nb - 1 ? -(s.width / 2 + OVERLAP_REACH_M) : s.width / 2)).inset;
  }
  return { controls, ring };
}

export function* zoningFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { plan, out, seed } = ctx;
  const water = (name: string, code: string, landLaw: string, geometry: ReturnType<typeof out.polygon>, key: number): NewFeature => ({
    uuid: featureUuid(seed, 'zoning', key),
    properties: {
      zone_code: code,
      name,
      function_code: 'MN',
      land_law_code: landLaw,
      status: 'existing',
      area_m2: round(ringArea(geometry.coordinates[0] as XY[]), 1),
      plan_code: DEMO_PLAN_CODE,
    },
    geometry,
  });
  const digits = Math.max(2, String(plan.canals.length + 1).length);
  yield water(RIVER_NAME, `MN-${'1'.padStart(digits, '0')}`, 'SON', out.polygon(plan.river), RIVER_KEY);
  for (const face of plan.faces) {
    const { controls, ring } = plantedZone(ctx, face.index);
    const geometry = out.polygon(ring);
    const area = ringArea(geometry.coordinates[0] as XY[]);
    yield { uuid: featureUuid(seed, 'zoning', faceZoneKey(face.index)), properties: zoneProperties(controls, area), geometry };
  }
  for (let i = 0; i < plan.canals.length; i++) {
    const canal = plan.canals[i] as (typeof plan.canals)[number];
    yield water(canal.street.name, `MN-${String(i + 2).padStart(digits, '0')}`, 'MNC', out.polygon(canal.polygon), canalZoneKey(i));
  }
}
