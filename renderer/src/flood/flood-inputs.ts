/**
 * The flood panel's map inputs: seed points placed by clicking the map, temporary dike lines
 * drawn with ol/interaction/Draw (double-click to finish), and a run's inundation polygons
 * (`floodPolygons`) as a vector layer with a blue outline.
 */
import type OlMap from 'ol/Map.js';
import Feature from 'ol/Feature.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import type LineString from 'ol/geom/LineString.js';
import Point from 'ol/geom/Point.js';
import Draw from 'ol/interaction/Draw.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { Circle, Fill, Stroke, Style } from 'ol/style.js';
import type { EventsKey } from 'ol/events.js';
import { unByKey } from 'ol/Observable.js';

type XY = [number, number];
export type FloodInputMode = 'none' | 'seed' | 'dike';

const INPUT_Z = 60;
const POLYGON_Z = 55;

export class FloodInputs {
  private readonly seeds = new VectorSource<Feature<Point>>();
  private readonly dikes = new VectorSource<Feature<LineString>>();
  private readonly polygons = new VectorSource();
  private readonly seedLayer: VectorLayer<VectorSource<Feature<Point>>>;
  private readonly dikeLayer: VectorLayer<VectorSource<Feature<LineString>>>;
  readonly polygonLayer: VectorLayer<VectorSource>;
  private draw: Draw | null = null;
  private clickKey: EventsKey | null = null;
  private releaseClicks: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();

  /** `claimClicks` keeps the map's identify click off while a seed or a dike is being placed. */
  constructor(
    private readonly map: OlMap,
    private readonly claimClicks: () => () => void,
  ) {
    this.seedLayer = new VectorLayer({
      source: this.seeds,
      zIndex: INPUT_Z,
      properties: { id: 'flood-seeds' },
      style: new Style({ image: new Circle({ radius: 7, fill: new Fill({ color: '#0057d9' }), stroke: new Stroke({ color: '#fff', width: 2 }) }) }),
    });
    this.dikeLayer = new VectorLayer({
      source: this.dikes,
      zIndex: INPUT_Z,
      properties: { id: 'flood-dikes' },
      style: new Style({ stroke: new Stroke({ color: '#8b4513', width: 4 }) }),
    });
    this.polygonLayer = new VectorLayer({
      source: this.polygons,
      zIndex: POLYGON_Z,
      visible: true,
      properties: { id: 'flood-polygons' },
      style: new Style({ stroke: new Stroke({ color: '#0050ff', width: 2.5 }), fill: new Fill({ color: 'rgba(0, 80, 255, 0.08)' }) }),
    });
    map.addLayer(this.polygonLayer);
    map.addLayer(this.dikeLayer);
    map.addLayer(this.seedLayer);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** 'seed': a click adds a point; 'dike': draw a line (double-click ends it); 'none': neither. */
  setMode(mode: FloodInputMode, crestM: () => number): void {
    if (this.draw) this.map.removeInteraction(this.draw);
    this.draw = null;
    if (this.clickKey) unByKey(this.clickKey);
    this.clickKey = null;
    this.releaseClicks?.();
    this.releaseClicks = mode === 'none' ? null : this.claimClicks();
    if (mode === 'seed') {
      this.clickKey = this.map.on('singleclick', (event) => {
        this.seeds.addFeature(new Feature(new Point(event.coordinate)));
        this.changed();
      });
    } else if (mode === 'dike') {
      this.draw = new Draw({ type: 'LineString' });
      this.draw.on('drawend', (event) => {
        event.feature.set('crestM', crestM());
        this.dikes.addFeature(event.feature as Feature<LineString>);
        setTimeout(() => this.changed());
      });
      this.map.addInteraction(this.draw);
    }
  }

  seedPoints(): XY[] {
    return this.seeds.getFeatures().map((f) => f.getGeometry()!.getCoordinates().slice(0, 2) as XY);
  }

  dikeLines(): { line: XY[]; crestM: number }[] {
    return this.dikes.getFeatures().map((f) => ({ line: f.getGeometry()!.getCoordinates().map((c) => [c[0]!, c[1]!] as XY), crestM: Number(f.get('crestM')) }));
  }

  clearSeeds(): void {
    this.seeds.clear();
    this.changed();
  }

  clearDikes(): void {
    this.dikes.clear();
    this.changed();
  }

  /** Shows a run's polygons (null clears); returns the feature count. */
  showPolygons(collection: { features: unknown[] } | null): number {
    this.polygons.clear();
    if (!collection) return 0;
    const features = new GeoJSON().readFeatures(collection);
    this.polygons.addFeatures(features);
    return features.length;
  }

  setPolygonsVisible(visible: boolean): void {
    this.polygonLayer.setVisible(visible);
  }

  dispose(): void {
    this.setMode('none', () => 0);
    this.map.removeLayer(this.seedLayer);
    this.map.removeLayer(this.dikeLayer);
    this.map.removeLayer(this.polygonLayer);
    this.listeners.clear();
  }
}
