/**
 * The import wizard's preview on the map: a temporary vector layer (project CRS) above the
 * project's layers, zoomed to, removed when the wizard closes.
 */
import GeoJSON from 'ol/format/GeoJSON.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { Circle, Fill, Stroke, Style } from 'ol/style.js';
import type { IoPreviewFeature } from '../../../gis-core/api/contract.js';
import type { MapController } from '../map/map-controller.js';

const COLOUR = '#e65100';
const STYLE = new Style({
  stroke: new Stroke({ color: COLOUR, width: 3, lineDash: [8, 4] }),
  fill: new Fill({ color: 'rgba(230, 81, 0, 0.18)' }),
  image: new Circle({ radius: 5, fill: new Fill({ color: COLOUR }), stroke: new Stroke({ color: '#fff', width: 1.5 }) }),
});

export class PreviewLayer {
  private readonly source = new VectorSource();
  private readonly layer = new VectorLayer({ source: this.source, style: STYLE, zIndex: 10_000 });
  private readonly format: GeoJSON;

  constructor(private readonly controller: MapController) {
    this.format = new GeoJSON({ dataProjection: controller.projectCrs, featureProjection: controller.projectCrs });
    this.layer.set('plandesk-preview', true);
    controller.map.addLayer(this.layer);
  }

  /** Shows the features (project CRS) and zooms to them; answers how many have a geometry. */
  show(features: readonly IoPreviewFeature[], zoom = true): number {
    this.source.clear();
    const withGeometry = features.filter((f) => f.geometry !== null);
    this.source.addFeatures(withGeometry.map((f) => this.format.readFeature({ type: 'Feature', geometry: f.geometry, properties: { row: f.row } })).flat());
    const extent = this.source.getExtent();
    if (zoom && extent && withGeometry.length > 0 && Number.isFinite(extent[0])) this.controller.fit(extent, 300, 60);
    return withGeometry.length;
  }

  clear(): void {
    this.source.clear();
  }

  dispose(): void {
    this.controller.map.removeLayer(this.layer);
  }
}
