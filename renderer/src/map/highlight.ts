/** The selected feature, drawn above every layer in a colour no layer uses. */
import type Feature from 'ol/Feature.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import CircleStyle from 'ol/style/Circle.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';

const HIGHLIGHT = '#00e5ff';

export function createHighlightLayer(): VectorLayer<VectorSource> {
  return new VectorLayer({
    source: new VectorSource(),
    zIndex: 10_000,
    style: [
      new Style({ stroke: new Stroke({ color: 'rgba(0, 40, 60, 0.6)', width: 7 }) }),
      new Style({
        stroke: new Stroke({ color: HIGHLIGHT, width: 3.5 }),
        fill: new Fill({ color: 'rgba(0, 229, 255, 0.18)' }),
        image: new CircleStyle({
          radius: 9,
          stroke: new Stroke({ color: HIGHLIGHT, width: 3 }),
          fill: new Fill({ color: 'rgba(0, 229, 255, 0.25)' }),
        }),
      }),
    ],
    properties: { role: 'highlight' },
  });
}

export function showHighlight(layer: VectorLayer<VectorSource>, feature: Feature | null): void {
  const source = layer.getSource();
  source?.clear();
  if (feature) source?.addFeature(feature);
}
