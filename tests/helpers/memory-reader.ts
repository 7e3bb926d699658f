/** Helpers for the edit tests: an in-memory EditReader (features by layer and uuid, boxes by scan), refusals. */
import type { EditFeature, EditReader } from '../../gis-core/edit/types.js';
import { isPlanDeskError } from '../../gis-core/errors.js';
import { geometryBounds } from '../../gis-core/geometry/check.js';
import type { GeoJSONGeometry, LayerId } from '../../layers/types.js';

export class MemoryReader implements EditReader {
  private readonly layers = new Map<LayerId, Map<string, EditFeature>>();

  constructor(features: Iterable<EditFeature> = []) {
    for (const f of features) this.add(f);
  }

  add(feature: EditFeature): this {
    let layer = this.layers.get(feature.layer);
    if (!layer) this.layers.set(feature.layer, (layer = new Map()));
    layer.set(feature.uuid, feature);
    return this;
  }

  /** Adds a feature from its parts. */
  put(layer: LayerId, uuid: string, geometry: GeoJSONGeometry, properties: Record<string, unknown> = {}): this {
    return this.add({ layer, uuid, geometry, properties });
  }

  feature(layer: LayerId, uuid: string): EditFeature | undefined {
    return this.layers.get(layer)?.get(uuid);
  }

  *featuresIn(layer: LayerId, bbox: readonly [number, number, number, number]): Iterable<EditFeature> {
    for (const f of this.layers.get(layer)?.values() ?? []) {
      const [minx, miny, maxx, maxy] = geometryBounds(f.geometry);
      if (minx <= bbox[2] && bbox[0] <= maxx && miny <= bbox[3] && bbox[1] <= maxy) yield f;
    }
  }

  all(layer: LayerId): EditFeature[] {
    return [...(this.layers.get(layer)?.values() ?? [])];
  }
}

/** A reader over the given layers of a generated demo dataset. */
export function demoReader(layers: Readonly<Record<string, () => Iterable<{ uuid?: string; properties: Readonly<Record<string, unknown>>; geometry: GeoJSONGeometry }>>>, ids: readonly LayerId[]): MemoryReader {
  const reader = new MemoryReader();
  for (const layer of ids) {
    for (const f of layers[layer]?.() ?? []) reader.put(layer, f.uuid as string, f.geometry, { ...f.properties });
  }
  return reader;
}

/** The PlanDeskError `fn` throws, as code and message (fails when it throws none or another error). */
export function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isPlanDeskError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}
