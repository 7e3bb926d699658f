/**
 * The web map: OpenLayers in the project's VN-2000 CRS (registered from the site's proj4
 * definition), one layer per published layer styled exactly as in the app (the renderer's
 * feature-layer.ts / layer-style.ts), the highlight, identify by click, zoom to a search hit.
 * No base map: the planning layers themselves are the map, and nothing is fetched from outside.
 */
import type Feature from 'ol/Feature.js';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import { buffer, createEmpty, extend, getHeight, getWidth, type Extent } from 'ol/extent.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import type VectorLayer from 'ol/layer/Vector.js';
import type VectorSource from 'ol/source/Vector.js';
import type { LayerId } from '../../layers/types.js';
import type { SiteLayer, SiteManifest } from '../../gis-core/publish/site-format.js';
import { createFeatureLayers, type FeatureLayers } from '../src/map/feature-layer.js';
import { createHighlightLayer } from '../src/map/highlight.js';
import { registerProjectCrs } from '../src/map/projection.js';

export interface Picked {
  readonly layer: SiteLayer;
  readonly feature: Feature;
}

export class SiteMap {
  readonly map: OlMap;
  private readonly layers = new Map<LayerId, { info: SiteLayer; layers: FeatureLayers }>();
  private readonly highlight = createHighlightLayer();
  private readonly format: GeoJSON;

  constructor(
    target: HTMLElement,
    private readonly manifest: SiteManifest,
  ) {
    const projection = registerProjectCrs(manifest.crs, [manifest.crs, ...manifest.partnerCrs]);
    this.format = new GeoJSON({ dataProjection: projection, featureProjection: projection });
    this.map = new OlMap({
      target,
      controls: defaultControls({ attribution: false, rotate: false }).extend([new ScaleLine({ units: 'metric', bar: true, steps: 4, text: false, minWidth: 120 })]),
      view: new View({ projection, maxResolution: 400, minResolution: 0.01, constrainResolution: false }),
    });
    for (const info of manifest.layers) {
      const layers = createFeatureLayers(info);
      this.map.addLayer(layers.layer);
      if (layers.labels) this.map.addLayer(layers.labels);
      this.layers.set(info.id, { info, layers });
    }
    this.map.addLayer(this.highlight);
    this.exposeView(target);
    this.fitAll();
  }

  /**
   * The view and drawing state on the map element (data-center, data-resolution, data-idle,
   * data-pending), as the app's map has them: the e2e helpers (tests/e2e/app.ts) read them.
   */
  private exposeView(target: HTMLElement): void {
    target.dataset.pending = '1';
    target.dataset.idle = 'false';
    this.map.on('movestart', () => (target.dataset.idle = 'false'));
    this.map.on('moveend', () => {
      const view = this.map.getView();
      const center = view.getCenter();
      if (center) target.dataset.center = `${center[0]!.toFixed(2)},${center[1]!.toFixed(2)}`;
      target.dataset.resolution = String(view.getResolution() ?? '');
    });
    this.map.on('rendercomplete', () => {
      if (target.dataset.pending === '0') target.dataset.idle = 'true';
    });
  }

  /** Every layer's data is in: the map is complete once drawn. */
  markLoaded(): void {
    const target = this.map.getTargetElement();
    if (!target) return;
    target.dataset.pending = '0';
    this.map.render();
  }

  /** Fills a layer from its GeoJSON; the number of features read. */
  addLayerData(layerId: LayerId, geojson: unknown): number {
    const entry = this.layers.get(layerId);
    if (!entry) return 0;
    const features = this.format.readFeatures(geojson) as Feature[];
    entry.layers.layer.getSource()?.addFeatures(features);
    return features.length;
  }

  setVisible(layerId: LayerId, visible: boolean): void {
    const entry = this.layers.get(layerId);
    entry?.layers.layer.setVisible(visible);
    entry?.layers.labels?.setVisible(visible);
  }

  /** Whether the layer is drawn at the current resolution (the app hides detail at city scale). */
  drawnAtCurrentScale(layerId: LayerId): boolean {
    const layer = this.layers.get(layerId)?.layers.layer;
    const resolution = this.map.getView().getResolution();
    return !layer || resolution === undefined || resolution <= layer.getMaxResolution();
  }

  fitAll(): void {
    const e = this.manifest.extent;
    if (e) this.map.getView().fit([...e], { padding: [30, 30, 30, 30], size: this.map.getSize() ?? [1000, 800] });
  }

  featuresOf(layerId: LayerId, ids: readonly string[]): Feature[] {
    const source = this.layers.get(layerId)?.layers.layer.getSource();
    if (!source) return [];
    return ids.map((id) => source.getFeatureById(id) as Feature | null).filter((f): f is Feature => f !== null);
  }

  /** Highlights `features` (none: clears). */
  highlightFeatures(features: readonly Feature[]): void {
    const source = this.highlight.getSource() as VectorSource;
    source.clear();
    // Copies: the highlight layer must not take the features out of their own layer's source.
    source.addFeatures(features.map((f) => f.clone()));
  }

  /**
   * Zooms to an extent with a margin, close enough that a parcel is drawn (the parcel layer
   * appears at 3 m/px and closer) but not closer than 0.25 m/px for a tiny feature.
   */
  zoomTo(extent: Extent | readonly number[]): void {
    const e = buffer([...extent] as Extent, Math.max(getWidth(extent as Extent), getHeight(extent as Extent), 20) * 0.6);
    this.map.getView().fit(e, { size: this.map.getSize() ?? [1000, 800], minResolution: 0.25, duration: 0 });
  }

  extentOf(features: readonly Feature[]): Extent {
    const extent = createEmpty();
    for (const f of features) {
      const g = f.getGeometry();
      if (g) extend(extent, g.getExtent());
    }
    return extent;
  }

  /**
   * The feature under the pixel: a line or point within a few pixels first (they are drawn
   * above the polygons), else the topmost polygon containing the point — parcels are drawn
   * without a fill, so a pixel hit test would only find their outlines.
   */
  pick(pixel: number[]): Picked | undefined {
    const shown = [...this.layers.values()]
      .filter(({ info, layers }) => layers.layer.getVisible() && this.drawnAtCurrentScale(info.id))
      .sort((a, b) => b.info.drawOrder - a.info.drawOrder);
    let picked: Picked | undefined;
    const linear = new Set(shown.filter(({ info }) => info.geometryType !== 'Polygon').map(({ layers }) => layers.layer));
    this.map.forEachFeatureAtPixel(
      pixel,
      (feature, layer) => {
        const id = (layer as VectorLayer<VectorSource> | null)?.get('layerId') as LayerId | undefined;
        const info = id ? this.layers.get(id)?.info : undefined;
        if (!info) return undefined;
        picked = { layer: info, feature: feature as Feature };
        return true;
      },
      { hitTolerance: 4, layerFilter: (layer) => linear.has(layer as VectorLayer<VectorSource>) },
    );
    if (picked) return picked;
    const coordinate = this.map.getCoordinateFromPixel(pixel);
    for (const { info, layers } of shown) {
      if (info.geometryType !== 'Polygon') continue;
      const feature = layers.layer.getSource()?.getFeaturesAtCoordinate(coordinate)[0];
      if (feature) return { layer: info, feature };
    }
    return undefined;
  }

  layerInfo(layerId: LayerId): SiteLayer | undefined {
    return this.layers.get(layerId)?.info;
  }
}
