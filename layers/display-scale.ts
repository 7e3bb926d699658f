/**
 * At which scales each layer is shown, as a printed plan would show it — shared by the 2D map
 * (renderer/src/map/load-policy.ts) and the print map (gis-core/print/svg-map.ts). Resolutions
 * are ground metres per CSS pixel (1:1000 on paper ≈ 0.26).
 *
 * At a city-wide view a planner sees zoning and roads; parcels, buildings and pipes appear at
 * district scale (≈ 1:10 000 and closer), network points (manholes, valves, poles, meters) at
 * street scale (≈ 1:2 000). Roads are generalised: above 4 m/px only the main network (no local
 * streets, no alleys), above 1.5 m/px no alleys.
 */
import type { LayerId } from './types.js';

const MAX_RESOLUTION: Record<LayerId, number> = {
  zoning: Infinity,
  roads: Infinity,
  red_lines: 2,
  parcels: 3,
  buildings: 2.5,
  drainage_pipes: 3,
  drainage_manholes: 0.6,
  water_mains: 3,
  water_valves: 0.6,
  water_hydrants: 1.2,
  water_meters: 0.35,
  lighting_poles: 0.6,
  lighting_cabinets: 1.2,
};

/** The largest resolution (m/pixel) at which the layer is drawn. */
export function maxResolutionFor(layerId: LayerId): number {
  return MAX_RESOLUTION[layerId];
}

/** One condition of a generalisation filter (the shape of the store's FieldCondition). */
export interface GeneralisationCondition {
  readonly field: string;
  readonly op: 'in';
  readonly value: readonly string[];
}

interface Generalisation {
  /** Applies above this resolution (m/pixel). */
  readonly above: number;
  readonly where: readonly GeneralisationCondition[];
}

const MAIN_ROADS = ['urban_arterial', 'inter_area', 'main_area', 'area', 'sub_area'];

const GENERALISATION: Partial<Record<LayerId, readonly Generalisation[]>> = {
  roads: [
    { above: 4, where: [{ field: 'road_class', op: 'in', value: MAIN_ROADS }] },
    { above: 1.5, where: [{ field: 'road_class', op: 'in', value: [...MAIN_ROADS, 'local'] }] },
  ],
};

/** The filter a layer's features get at `resolution` (undefined: every feature). */
export function generalisationFor(layerId: LayerId, resolution: number): readonly GeneralisationCondition[] | undefined {
  return GENERALISATION[layerId]?.find((g) => resolution > g.above)?.where;
}
