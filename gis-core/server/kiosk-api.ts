/**
 * What a public kiosk may ask of the API beyond the route list (routes.ts serves only the
 * methods API_METHODS marks `kiosk`): the project summary without the file's path, the map's
 * layers only, and features only for a small box of the map — no attribute filters, no paging,
 * a small limit — so the kiosk map draws and nothing can be listed wholesale. The planning
 * lookups carry their own caps (planning/lookup.ts).
 */
import { basename } from 'node:path';
import type { LayerId } from '../../layers/types.js';
import type { ApiFeatureCollection, FeaturesQuery, LayerInfo, PlanDeskApi, ProjectDescription } from '../api/contract.js';
import { PlanDeskError } from '../errors.js';

/** The layers the kiosk map draws. */
export const KIOSK_LAYERS: readonly LayerId[] = ['zoning', 'parcels', 'roads', 'red_lines'];
/** Most features one kiosk map request answers. */
export const KIOSK_FEATURE_LIMIT = 1500;
/** Largest box one kiosk map request may ask for: 1.5 km × 1.5 km. */
export const KIOSK_BBOX_MAX_M2 = 1500 * 1500;

function refuse(message: string): PlanDeskError {
  return new PlanDeskError('INVALID_ARGUMENT', `kiosk: ${message}`);
}

function isKioskLayer(id: string): boolean {
  return (KIOSK_LAYERS as readonly string[]).includes(id);
}

/** The project summary a kiosk shows: the file's name, never its path on this machine. */
export function withoutPath(description: ProjectDescription): ProjectDescription {
  return { ...description, file: basename(description.file) };
}

/** Checks a kiosk features query and answers the capped query to run. */
export function kioskFeaturesQuery(query: FeaturesQuery | undefined, projectCrs: string): FeaturesQuery {
  const q = query ?? {};
  if (q.where !== undefined || q.orderBy !== undefined) throw refuse('feature filters and ordering are not served');
  if (q.offset !== undefined && q.offset !== 0) throw refuse('paging is not served');
  if (q.crs !== undefined && q.crs !== projectCrs) throw refuse(`features are served in ${projectCrs} only`);
  const bbox = q.bbox;
  if (!bbox) throw refuse('a map box (bbox) is required');
  const area = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]);
  if (!(area > 0) || area > KIOSK_BBOX_MAX_M2) throw refuse(`the map box must be at most ${KIOSK_BBOX_MAX_M2 / 1e6} km²; zoom in`);
  const limit = q.limit ?? KIOSK_FEATURE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > KIOSK_FEATURE_LIMIT) throw refuse(`limit must be 1 … ${KIOSK_FEATURE_LIMIT}`);
  return { bbox, limit };
}

/** `api` as a kiosk serves it: the guarded methods above, the others passed through. */
export function kioskApi(api: PlanDeskApi): PlanDeskApi {
  let crs: Promise<string> | undefined;
  const projectCrs = () => (crs ??= api.project().then((p) => p.crs.code));
  const guarded: Partial<PlanDeskApi> = {
    project: async () => withoutPath(await api.project()),
    layers: async (): Promise<LayerInfo[]> => (await api.layers()).filter((layer) => isKioskLayer(layer.id)),
    features: async (layerId: string, query?: FeaturesQuery): Promise<ApiFeatureCollection> => {
      if (!isKioskLayer(layerId)) throw new PlanDeskError('UNKNOWN_LAYER', `kiosk: no layer ${layerId}`);
      return api.features(layerId, kioskFeaturesQuery(query, await projectCrs()));
    },
  };
  return new Proxy(api, {
    get(target, property, receiver) {
      if (typeof property === 'string' && property in guarded) return guarded[property as keyof PlanDeskApi];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
