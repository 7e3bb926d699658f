/**
 * The kiosk's map: the project's VN-2000 view with the planning layers a citizen needs
 * (zoning, parcels, roads, red lines), styled as in the app (map/feature-layer.ts), loaded by
 * view within the kiosk server's caps (a box of at most KIOSK_BOX_M a side, no filters), a tap
 * answered with the parcel under it, and the card's parcel highlighted. Big touch controls,
 * no rotation, no keyboard.
 */
import type Feature from 'ol/Feature.js';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import { getCenter, type Extent } from 'ol/extent.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { defaults as defaultInteractions } from 'ol/interaction/defaults.js';
import { get as getProjection } from 'ol/proj.js';
import type { CrsInfo, LayerInfo, PlanDeskApi } from '../../../gis-core/api/contract.js';
import type { GeoJSONGeometry, LayerId } from '../../../layers/types.js';
import { createFeatureLayers, type FeatureLayer } from '../map/feature-layer.js';
import { createHighlightLayer, showHighlight } from '../map/highlight.js';

/** The kiosk server serves boxes up to 1.5 km a side (gis-core/server/kiosk-api.ts): the view never shows more. */
const KIOSK_BOX_M = 1450;
/** Features one request may bring (the server's cap is 1 500). */
const KIOSK_LIMIT = 1500;
/**
 * Parcels show from this resolution in (m/px): a view then holds a few hundred, well under the
 * cap; the whole-town home view shows the zoning and streets (a tap still finds the parcel).
 */
const PARCELS_MAX_RESOLUTION = 0.6;
/** Wait this long after the map stops before loading (a swipe is several moves). */
const LOAD_DELAY_MS = 200;

type Box = [number, number, number, number];

export class KioskMap {
  readonly map: OlMap;
  private readonly layers = new Map<LayerId, { info: LayerInfo; layer: FeatureLayer }>();
  private readonly highlight = createHighlightLayer();
  private readonly format: GeoJSON;
  private readonly generation = new Map<LayerId, number>();
  private loads = 0;
  private home: Extent | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    target: HTMLElement,
    private readonly api: PlanDeskApi,
    crs: CrsInfo,
    layerInfos: readonly LayerInfo[],
    onTap: (x: number, y: number) => void,
  ) {
    const projection = getProjection(crs.code);
    if (!projection) throw new Error(`${crs.code} is not registered`);
    this.format = new GeoJSON({ dataProjection: crs.code, featureProjection: crs.code });
    this.map = new OlMap({
      target,
      controls: defaultControls({ attribution: false, rotate: false }).extend([
        new ScaleLine({ units: 'metric', bar: true, steps: 4, text: false, minWidth: 140 }),
      ]),
      interactions: defaultInteractions({ altShiftDragRotate: false, pinchRotate: false, keyboard: false, shiftDragZoom: false }),
      // The map is no larger than the window, so at this resolution the view is at most KIOSK_BOX_M across.
      view: new View({ projection, minResolution: 0.05, maxResolution: KIOSK_BOX_M / Math.max(window.innerWidth, window.innerHeight, 1), constrainResolution: false }),
      pixelRatio: Math.min(window.devicePixelRatio || 1, 2),
    });
    for (const info of layerInfos) {
      const { layer, labels } = createFeatureLayers(info);
      if (info.id === 'parcels') layer.setMaxResolution(PARCELS_MAX_RESOLUTION);
      this.layers.set(info.id, { info, layer });
      this.map.addLayer(layer);
      if (labels) this.map.addLayer(labels);
    }
    this.map.addLayer(this.highlight);
    this.map.on('moveend', () => this.scheduleLoad());
    this.map.on('change:size', () => this.scheduleLoad());
    this.map.on('singleclick', (event) => onTap(event.coordinate[0] ?? NaN, event.coordinate[1] ?? NaN));
  }

  private scheduleLoad(): void {
    // The view on the element, as the app's map has it (the e2e tests read it).
    const view = this.map.getView();
    const target = this.map.getTargetElement();
    target?.setAttribute('data-center', (view.getCenter() ?? []).map((v) => v.toFixed(2)).join(','));
    target?.setAttribute('data-resolution', String(view.getResolution() ?? ''));
    this.setPending(true);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), LOAD_DELAY_MS);
  }

  /** `data-pending` on the map element: '1' from a view change until its features are drawn (tests wait on it). */
  private setPending(pending: boolean): void {
    this.map.getTargetElement()?.setAttribute('data-pending', pending ? '1' : '0');
  }

  /** The view's box, clipped to what the server serves. */
  private viewBox(): Box | null {
    const size = this.map.getSize();
    if (!size) return null;
    const extent = this.map.getView().calculateExtent(size);
    const [cx, cy] = getCenter(extent) as [number, number];
    const half = KIOSK_BOX_M / 2;
    const w = Math.min((extent[2] ?? 0) - (extent[0] ?? 0), KIOSK_BOX_M) / 2;
    const h = Math.min((extent[3] ?? 0) - (extent[1] ?? 0), KIOSK_BOX_M) / 2;
    return [cx - Math.min(w, half), cy - Math.min(h, half), cx + Math.min(w, half), cy + Math.min(h, half)];
  }

  private async load(): Promise<void> {
    const box = this.viewBox();
    const resolution = this.map.getView().getResolution() ?? Infinity;
    if (!box) return;
    const load = ++this.loads;
    await Promise.all(
      [...this.layers.entries()].map(async ([id, { layer }]) => {
        if (resolution > layer.getMaxResolution()) return;
        const generation = (this.generation.get(id) ?? 0) + 1;
        this.generation.set(id, generation);
        try {
          const collection = await this.api.features(id, { bbox: box, limit: KIOSK_LIMIT });
          if (this.generation.get(id) !== generation) return;
          const source = layer.getSource();
          source?.clear(true);
          source?.addFeatures(this.format.readFeatures(collection) as Feature[]);
        } catch {
          // Throttled or refused: the map keeps what it has; the next move tries again.
        }
      }),
    );
    this.map.getTargetElement()?.setAttribute('data-loaded', String(Date.now()));
    // Drawn once the next frame is rendered, unless another move started a newer load meanwhile.
    this.map.once('rendercomplete', () => {
      if (this.loads === load) this.setPending(false);
    });
    this.map.render();
  }

  /** The whole project (its zoning and parcels) in view: the home screen. */
  goHome(extent: Extent | null = this.home): void {
    if (extent) this.home = extent;
    this.map.updateSize();
    this.showParcel(null);
    if (this.home) this.map.getView().fit(this.home, { padding: [24, 24, 24, 24], duration: 0 });
    // A fit before the map's first frame ends no move: load now.
    this.scheduleLoad();
  }

  /** Fits a box, at least `minSize` metres across so the parcel's surroundings show. */
  zoomTo(bbox: readonly number[], minSize = 160): void {
    const [minx = 0, miny = 0, maxx = 0, maxy = 0] = bbox;
    const cx = (minx + maxx) / 2;
    const cy = (miny + maxy) / 2;
    const half = Math.max(maxx - minx, maxy - miny, minSize) / 2;
    this.setPending(true);
    this.map.getView().fit([cx - half, cy - half, cx + half, cy + half], { padding: [60, 60, 60, 60], duration: 250 });
  }

  showParcel(geometry: GeoJSONGeometry | null): void {
    showHighlight(this.highlight, geometry ? (this.format.readFeature({ type: 'Feature', geometry, properties: {} }) as Feature) : null);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.map.setTarget(undefined);
  }
}
