/**
 * One map layer per project layer: a vector source (no loader of its own — ViewLoader fills it
 * by view) and a vector layer styled from the layer's declarative style.
 */
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import type { LayerInfo } from '../../../gis-core/api/contract.js';
import { layerStyleFunction } from './layer-style.js';
import { maxResolutionFor } from './load-policy.js';

export type FeatureLayer = VectorLayer<VectorSource>;

const DECLUTTER_GROUP = 'plandesk-labels';

/**
 * Layers whose labels matter most on a plan (plot codes, road names): their labels are drawn by
 * a second layer above every other, so they win the decluttering against pipe codes and parcel
 * numbers.
 */
const PRIORITY_LABELS: ReadonlySet<string> = new Set(['zoning', 'roads']);
const LABEL_Z = 5000;

export interface FeatureLayers {
  readonly layer: FeatureLayer;
  /** The label layer of a priority-label layer (same source), above every feature layer. */
  readonly labels?: FeatureLayer;
}

export function createFeatureLayers(info: LayerInfo): FeatureLayers {
  const maxResolution = maxResolutionFor(info.id);
  const separate = PRIORITY_LABELS.has(info.id) && info.style.label !== undefined;
  const layer = createFeatureLayer(info, maxResolution, separate);
  if (!separate) return { layer };
  const labels = new VectorLayer({
    source: layer.getSource()!,
    style: layerStyleFunction(info, { symbols: false, labels: true }),
    declutter: DECLUTTER_GROUP,
    zIndex: LABEL_Z + info.drawOrder,
    ...(Number.isFinite(maxResolution) ? { maxResolution } : {}),
    properties: { layerId: info.id, role: 'labels' },
  });
  return { layer, labels };
}

function createFeatureLayer(info: LayerInfo, maxResolution: number, labelsApart: boolean): FeatureLayer {
  const layer = new VectorLayer({
    source: new VectorSource(),
    style: layerStyleFunction(info, { symbols: true, labels: !labelsApart }),
    // Labels of every layer are decluttered together (no label over another layer's label);
    // point symbols are always drawn and labels avoid them (symbols.ts: declutterMode).
    declutter: (info.style.label && !labelsApart) || info.geometryType === 'Point' ? DECLUTTER_GROUP : false,
    zIndex: info.drawOrder,
    updateWhileInteracting: false,
    updateWhileAnimating: false,
    ...(Number.isFinite(maxResolution) ? { maxResolution } : {}),
    properties: { layerId: info.id, featureLayer: true },
  });
  return layer;
}
