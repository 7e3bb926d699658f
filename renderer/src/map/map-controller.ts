/**
 * The map and everything on it, owned outside React: the VN-2000 view, one vector layer per
 * project layer (loaded by view), the optional base map, the selection highlight, identify and
 * measure. React components call its methods and listen to its events.
 */
import type Feature from 'ol/Feature.js';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import type { Coordinate } from 'ol/coordinate.js';
import { createEmpty, extend, isEmpty, type Extent } from 'ol/extent.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import type TileLayer from 'ol/layer/Tile.js';
import { get as getProjection, transform } from 'ol/proj.js';
import type { CrsInfo, LayerInfo, PlanDeskApi } from '../../../gis-core/api/contract.js';
import type { GeoJSONGeometry, LayerId } from '../../../layers/types.js';
import { featureAtPixel, type Hit } from '../interactions/identify.js';
import { MeasureTool, type MeasureKind, type Measurement } from '../interactions/measure.js';
import { createBasemapLayer, type BasemapSettings } from './basemap.js';
import { createFeatureLayers, type FeatureLayer } from './feature-layer.js';
import { createHighlightLayer, showHighlight } from './highlight.js';
import { readPermalink, writePermalink } from './permalink.js';
import { ViewLoader, type LayerLoadState } from './view-loader.js';

/** 'edit': the edit session (renderer/src/edit/) owns the clicks; identify and measure are off. */
export type Tool = 'identify' | MeasureKind | 'edit';

export interface PointerPosition {
  /** Project CRS (VN-2000), metres: easting, northing. */
  readonly projected: Coordinate;
  /** WGS 84: [lon, lat] degrees. */
  readonly lonLat: Coordinate;
}

export interface ViewState {
  readonly resolution: number;
  readonly center: Coordinate;
  /** Map scale 1 : denominator at 96 dpi (0.28 mm pixels as in OGC SLD would be 1/0.00028). */
  readonly scaleDenominator: number;
}

export interface MapEvents {
  onView(state: ViewState): void;
  onLoad(states: ReadonlyMap<LayerId, LayerLoadState>, pending: number): void;
  onIdentify(hit: Hit | null): void;
  onMeasure(measurement: Measurement | null): void;
  /** True once every request has answered and the map has drawn the result. */
  onIdle(idle: boolean): void;
}

const INCHES_PER_METRE = 39.37;
const DPI = 96;

export class MapController {
  readonly map: OlMap;
  private readonly layers = new Map<LayerId, { info: LayerInfo; layer: FeatureLayer; labels?: FeatureLayer }>();
  private readonly loader: ViewLoader;
  private readonly highlight = createHighlightLayer();
  private readonly measure: MeasureTool;
  private basemap: TileLayer | null = null;
  private tool: Tool = 'identify';
  /** Inputs that own map clicks for a while (flood seed points, a dike being drawn): identify waits. */
  private clickClaims = 0;
  private pending = 0;
  private idle = false;
  private started = false;
  private readonly crsCode: string;
  private readonly format: GeoJSON;
  /** Pointer listeners (the status bar): kept apart so a mouse move re-renders only them. */
  private readonly pointerListeners = new Set<(position: PointerPosition | null) => void>();

  constructor(
    target: HTMLElement,
    private readonly api: PlanDeskApi,
    crs: CrsInfo,
    layerInfos: readonly LayerInfo[],
    private readonly events: MapEvents,
  ) {
    this.crsCode = crs.code;
    this.format = new GeoJSON({ dataProjection: crs.code, featureProjection: crs.code });
    const projection = getProjection(crs.code);
    if (!projection) throw new Error(`${crs.code} is not registered (map/projection.ts registerProjectCrs)`);
    this.map = new OlMap({
      target,
      controls: defaultControls({ attribution: false, rotate: false }).extend([
        new ScaleLine({ units: 'metric', bar: true, steps: 4, text: false, minWidth: 120 }),
      ]),
      view: new View({ projection, maxResolution: 400, minResolution: 0.01, constrainResolution: false }),
      pixelRatio: 1,
    });
    for (const info of layerInfos) {
      const { layer, labels } = createFeatureLayers(info);
      this.layers.set(info.id, { info, layer, ...(labels ? { labels } : {}) });
      this.map.addLayer(layer);
      if (labels) this.map.addLayer(labels);
    }
    this.map.addLayer(this.highlight);
    this.measure = new MeasureTool(this.map, (m) => events.onMeasure(m));
    this.loader = new ViewLoader(this.map, api, crs.code, this.layers, (states, pending) => {
      this.pending = pending;
      if (pending > 0) this.setIdle(false);
      else this.map.render();
      events.onLoad(states, pending);
    });
    this.map.on('movestart', () => this.setIdle(false));
    this.map.on('rendercomplete', () => {
      if (this.started && this.pending === 0) this.setIdle(true);
    });
    // The first frame (after the initial fit) starts the loading; later, every moveend does.
    this.map.once('postrender', () => {
      this.started = true;
      this.emitView();
      this.loader.refresh();
      this.map.render();
    });

    this.map.on('pointermove', (event) => {
      if (event.dragging) return;
      const projected = event.coordinate;
      const position = { projected, lonLat: transform(projected, this.crsCode, 'EPSG:4326') };
      for (const listener of this.pointerListeners) listener(position);
    });
    this.map.getViewport()?.addEventListener('pointerleave', () => {
      for (const listener of this.pointerListeners) listener(null);
    });
    this.map.on('moveend', () => {
      this.emitView();
      const view = this.map.getView();
      const center = view.getCenter();
      const resolution = view.getResolution();
      if (center && resolution) writePermalink({ center, resolution });
    });
    this.map.on('singleclick', (event) => {
      if (this.tool !== 'identify' || this.clickClaims > 0) return;
      const hit = featureAtPixel(this.map, event.pixel);
      events.onIdentify(hit);
    });
  }

  private setIdle(idle: boolean): void {
    if (idle === this.idle) return;
    this.idle = idle;
    this.events.onIdle(idle);
  }

  private emitView(): void {
    const view = this.map.getView();
    const resolution = view.getResolution() ?? 1;
    this.events.onView({
      resolution,
      center: view.getCenter() ?? [0, 0],
      scaleDenominator: resolution * INCHES_PER_METRE * DPI,
    });
  }

  /** The union of the layers' extents (project CRS). */
  projectExtent(): Extent | null {
    const extent = createEmpty();
    for (const { info } of this.layers.values()) if (info.extent) extend(extent, [...info.extent]);
    return isEmpty(extent) ? null : extent;
  }

  /** The view in the page address if there is one, else the whole project. */
  initialView(): void {
    const permalink = readPermalink();
    if (permalink) {
      this.map.getView().setCenter(permalink.center);
      this.map.getView().setResolution(permalink.resolution);
    } else this.zoomToProject();
  }

  zoomToProject(duration = 0): void {
    const extent = this.projectExtent();
    if (extent) this.fit(extent, duration);
  }

  zoomToLayer(id: LayerId): void {
    const extent = this.layers.get(id)?.info.extent;
    if (extent) this.fit([...extent], 300);
  }

  /** Fits the view to `extent`, with a minimum size so a point or a tiny parcel is readable. */
  fit(extent: Extent, duration = 300, minSize = 60): void {
    const [minx, miny, maxx, maxy] = extent as [number, number, number, number];
    const cx = (minx + maxx) / 2;
    const cy = (miny + maxy) / 2;
    const half = Math.max(maxx - minx, maxy - miny, minSize) / 2;
    const padded: Extent = [cx - half, cy - half, cx + half, cy + half];
    this.map.getView().fit(padded, { padding: [40, 40, 40, 40], duration });
  }

  /** Calls `listener` with the pointer position (null when it leaves the map); returns the unsubscribe function. */
  onPointer(listener: (position: PointerPosition | null) => void): () => void {
    this.pointerListeners.add(listener);
    return () => void this.pointerListeners.delete(listener);
  }

  setLayerVisible(id: LayerId, visible: boolean): void {
    const entry = this.layers.get(id);
    entry?.layer.setVisible(visible);
    entry?.labels?.setVisible(visible);
    this.loader.refresh();
  }

  setLayerOpacity(id: LayerId, opacity: number): void {
    const entry = this.layers.get(id);
    entry?.layer.setOpacity(opacity);
    entry?.labels?.setOpacity(opacity);
  }

  /** `bottomFirst`: layer ids from the bottom of the drawing order to the top. */
  setLayerOrder(bottomFirst: readonly LayerId[]): void {
    bottomFirst.forEach((id, index) => this.layers.get(id)?.layer.setZIndex(index));
  }

  /** Takes map clicks away from identify until the returned release is called (without changing the tool). */
  claimClicks(): () => void {
    this.clickClaims++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.clickClaims--;
    };
  }

  setTool(tool: Tool): void {
    this.tool = tool;
    if (tool === 'identify' || tool === 'edit') this.measure.stop();
    else this.measure.start(tool);
  }

  /** The map layer of a project layer (its source holds the features loaded for the view). */
  featureLayer(id: LayerId): FeatureLayer | undefined {
    return this.layers.get(id)?.layer;
  }

  layerInfo(id: LayerId): LayerInfo | undefined {
    return this.layers.get(id)?.info;
  }

  /** Project layers bottom-first as created (ids). */
  layerIds(): LayerId[] {
    return [...this.layers.keys()];
  }

  /** Loads these layers again (after an edit); settles when their new features are drawn-ready. */
  reloadLayers(ids: Iterable<LayerId>): Promise<void> {
    return this.loader.reloadLayers(ids);
  }

  /** Calls `listener` whenever a layer's features were replaced by a load; returns the unsubscribe function. */
  onLayerLoaded(listener: (id: LayerId) => void): () => void {
    return this.loader.onLoaded(listener);
  }

  /** A GeoJSON geometry (project CRS) as an OpenLayers feature. */
  readFeature(geometry: GeoJSONGeometry): Feature {
    return this.format.readFeature({ type: 'Feature', geometry, properties: {} }) as Feature;
  }

  clearMeasure(): void {
    this.measure.clear();
  }

  setBasemap(settings: BasemapSettings): void {
    if (this.basemap) this.map.removeLayer(this.basemap);
    this.basemap = createBasemapLayer(settings);
    if (this.basemap) this.map.addLayer(this.basemap);
  }

  /** Highlights a feature given as GeoJSON geometry in the project CRS (or clears the highlight). */
  select(geometry: GeoJSONGeometry | null): Feature | null {
    if (!geometry) {
      showHighlight(this.highlight, null);
      return null;
    }
    const feature = this.format.readFeature({ type: 'Feature', geometry, properties: {} }) as Feature;
    showHighlight(this.highlight, feature);
    return feature;
  }

  /** Fits the view to a GeoJSON geometry (project CRS). */
  zoomToGeometry(geometry: GeoJSONGeometry, duration = 300): void {
    const feature = this.format.readFeature({ type: 'Feature', geometry, properties: {} }) as Feature;
    const extent = feature.getGeometry()?.getExtent();
    if (extent) this.fit(extent, duration);
  }

  /** Current view extent in the project CRS. */
  viewExtent(): Extent {
    return this.map.getView().calculateExtent(this.map.getSize());
  }

  geoJsonGeometry(feature: Feature): GeoJSONGeometry | null {
    const geometry = feature.getGeometry();
    return geometry ? (this.format.writeGeometryObject(geometry) as unknown as GeoJSONGeometry) : null;
  }

  refresh(): void {
    this.loader.refresh();
  }

  dispose(): void {
    this.map.setTarget(undefined);
  }

  get projectCrs(): string {
    return this.crsCode;
  }

  get apiClient(): PlanDeskApi {
    return this.api;
  }
}
