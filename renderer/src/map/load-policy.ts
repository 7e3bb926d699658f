/**
 * Which layers are drawn and fetched at which resolution, and how many features one request
 * may bring. Features always load by view (bbox of the view plus a margin), never whole layers.
 *
 * - Each layer is drawn and loaded only at or below its max resolution (m/pixel), as a printed
 *   plan would show it: at a city-wide view a planner sees zoning and roads; parcels, buildings
 *   and pipes appear at district scale (≈ 1:10 000 and closer), network points (manholes, valves,
 *   poles, meters) at street scale (≈ 1:2 000). The layer panel greys a layer above its
 *   resolution and says "zoom in to display".
 * - Roads are generalised as a printed plan would: above 4 m/px only the main network (no local
 *   streets, no alleys), above 1.5 m/px no alleys. The panel says so ("main roads only").
 * - Every request carries a limit. When the store reports `truncated`, the features that came
 *   back are drawn and the panel shows "showing N of M — zoom in to see all".
 */
import type { FieldCondition } from '../../../gis-core/api/contract.js';
import { generalisationFor as sharedGeneralisation, maxResolutionFor } from '../../../layers/display-scale.js';
import type { LayerId } from '../../../layers/types.js';

// The scales themselves are shared with the print map (layers/display-scale.ts).
export { maxResolutionFor };

const LIMIT: Partial<Record<LayerId, number>> = { zoning: 20000, roads: 15000, parcels: 15000, buildings: 15000 };
const DEFAULT_LIMIT = 8000;

export function limitFor(layerId: LayerId): number {
  return LIMIT[layerId] ?? DEFAULT_LIMIT;
}

/** The fraction of the view's width/height added on each side of a request's box. */
export const VIEW_MARGIN = 0.25;

/** The filter a layer's features get at `resolution` (undefined: every feature). */
export function generalisationFor(layerId: LayerId, resolution: number): readonly FieldCondition[] | undefined {
  return sharedGeneralisation(layerId, resolution);
}
