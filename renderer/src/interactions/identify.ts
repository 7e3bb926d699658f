/**
 * Identify: the top-most feature under a click (a few pixels of tolerance, so lines and points
 * are easy to hit), from the layers that are drawn.
 */
import type Feature from 'ol/Feature.js';
import type OlMap from 'ol/Map.js';
import type { Pixel } from 'ol/pixel.js';
import type { LayerId } from '../../../layers/types.js';

export interface Hit {
  readonly layerId: LayerId;
  readonly feature: Feature;
}

export function featureAtPixel(map: OlMap, pixel: Pixel): Hit | null {
  let best: { hit: Hit; z: number } | null = null;
  map.forEachFeatureAtPixel(
    pixel,
    (feature, layer) => {
      const layerId = layer?.get('layerId') as LayerId | undefined;
      if (!layerId) return undefined;
      const z = layer.getZIndex() ?? 0;
      if (!best || z > best.z) best = { hit: { layerId, feature: feature as Feature }, z };
      return undefined;
    },
    { hitTolerance: 4, layerFilter: (layer) => layer.get('featureLayer') === true },
  );
  return (best as { hit: Hit; z: number } | null)?.hit ?? null;
}
