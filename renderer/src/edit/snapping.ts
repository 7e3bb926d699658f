/**
 * Snapping across every visible layer: one OpenLayers `Snap` index per layer (kept off the
 * map's event chain, asked through `snapTo`), and one interaction that asks them all and moves
 * the pointer to the nearest target — a vertex before an edge — within a tolerance in pixels.
 * The target is drawn while drawing (a ring on a vertex, the segment and a diamond on an edge)
 * and named on the map element (`data-snap="vertex|edge"`, `data-snap-layer`) for the UI.
 *
 * Several `Snap` interactions on the map would each move the pointer in turn (the second from
 * where the first put it); asking them side by side picks one target. Indexes are rebuilt
 * lazily when a layer's features are replaced (the view loader clears and refills sources).
 */
import Collection from 'ol/Collection.js';
import Feature from 'ol/Feature.js';
import type MapBrowserEvent from 'ol/MapBrowserEvent.js';
import type OlMap from 'ol/Map.js';
import type { Coordinate } from 'ol/coordinate.js';
import type { EventsKey } from 'ol/events.js';
import LineString from 'ol/geom/LineString.js';
import Point from 'ol/geom/Point.js';
import Interaction from 'ol/interaction/Interaction.js';
import Snap from 'ol/interaction/Snap.js';
import VectorLayer from 'ol/layer/Vector.js';
import { unByKey } from 'ol/Observable.js';
import VectorSource from 'ol/source/Vector.js';
import type { LayerId } from '../../../layers/types.js';
import type { FeatureLayer } from '../map/feature-layer.js';
import { snapStyle } from './edit-styles.js';

export const SNAP_TOLERANCE_DEFAULT = 10;

export interface SnapTarget {
  readonly kind: 'vertex' | 'edge';
  readonly layerId: LayerId;
  readonly coordinate: Coordinate;
  readonly feature: Feature;
}

export interface SnapFound {
  readonly target: SnapTarget;
  readonly pixel: number[];
  /** The segment snapped to (an edge), or null for a vertex. */
  readonly segment: Coordinate[] | null;
}

interface LayerIndex {
  readonly layerId: LayerId;
  readonly layer: FeatureLayer;
  snap: Snap | null;
  dirty: boolean;
  readonly keys: EventsKey[];
}

const POINTER_EVENTS = new Set(['pointermove', 'pointerdown', 'pointerup', 'pointerdrag', 'click', 'singleclick', 'dblclick']);

export class Snapping extends Interaction {
  private readonly indexes = new Map<LayerId, LayerIndex>();
  private readonly markerSource = new VectorSource();
  readonly markerLayer = new VectorLayer({ source: this.markerSource, style: snapStyle, zIndex: 10_003, properties: { role: 'snap' } });
  private tolerance = SNAP_TOLERANCE_DEFAULT;
  private enabled = true;
  /** Layers snapped to; all visible when null. */
  private only: ReadonlySet<LayerId> | null = null;
  /** Features never snapped to (the ones being reshaped). */
  private excluded = new Set<Feature>();
  private current: SnapTarget | null = null;

  constructor(
    private readonly olMap: OlMap,
    layers: ReadonlyMap<LayerId, FeatureLayer>,
    private readonly onTarget: (target: SnapTarget | null) => void = () => {},
  ) {
    super();
    for (const [layerId, layer] of layers) {
      const source = layer.getSource();
      const index: LayerIndex = { layerId, layer, snap: null, dirty: true, keys: [] };
      if (source) {
        const markDirty = () => (index.dirty = true);
        index.keys.push(source.on('clear', markDirty), source.on('addfeature', markDirty), source.on('removefeature', markDirty));
      }
      this.indexes.set(layerId, index);
    }
    olMap.addLayer(this.markerLayer);
  }

  setTolerance(pixels: number): void {
    this.tolerance = Math.max(1, Math.min(50, Math.round(pixels)));
    for (const index of this.indexes.values()) index.dirty = true;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) this.show(null);
  }

  /** Snap only to these layers (null: every visible layer). */
  restrictTo(layers: Iterable<LayerId> | null): void {
    this.only = layers ? new Set(layers) : null;
  }

  /** Features not to snap to (the ones under the pointer's edit). */
  exclude(features: Iterable<Feature>): void {
    this.excluded = new Set(features);
    for (const index of this.indexes.values()) index.dirty = true;
  }

  /** The nearest target to a pixel, or null. */
  targetAt(pixel: number[], coordinate: Coordinate): SnapFound | null {
    if (!this.enabled) return null;
    let best: (SnapFound & { d2: number }) | null = null;
    for (const index of this.indexes.values()) {
      if (!index.layer.getVisible()) continue;
      if (this.only && !this.only.has(index.layerId)) continue;
      const resolution = this.olMap.getView().getResolution() ?? Infinity;
      if (resolution > index.layer.getMaxResolution()) continue;
      const snap = this.indexFor(index);
      const result = snap.snapTo(pixel, coordinate, this.olMap);
      if (!result?.vertex || !result.vertexPixel || !result.feature) continue;
      const kind = result.segment ? 'edge' : 'vertex';
      const d2 = (result.vertexPixel[0]! - pixel[0]!) ** 2 + (result.vertexPixel[1]! - pixel[1]!) ** 2;
      // A vertex wins over an edge; among the same kind, the nearest.
      const better = !best || (kind === 'vertex' && best.target.kind === 'edge') || (kind === best.target.kind && d2 < best.d2);
      if (better) {
        best = {
          target: { kind, layerId: index.layerId, coordinate: result.vertex.slice(0, 2), feature: result.feature },
          pixel: result.vertexPixel,
          segment: result.segment,
          d2,
        };
      }
    }
    return best ? { target: best.target, pixel: best.pixel, segment: best.segment } : null;
  }

  override handleEvent(event: MapBrowserEvent): boolean {
    if (!POINTER_EVENTS.has(event.type)) return true;
    const found = this.targetAt(event.pixel, event.coordinate);
    if (found) {
      event.coordinate = found.target.coordinate.slice();
      event.pixel = found.pixel;
    }
    this.show(found?.target ?? null, found?.segment ?? null);
    return true;
  }

  /** Draws (or clears) the snap marker and names the target on the map element. */
  private show(target: SnapTarget | null, segment: Coordinate[] | null = null): void {
    const same =
      target === this.current ||
      (target &&
        this.current &&
        target.kind === this.current.kind &&
        target.feature === this.current.feature &&
        target.coordinate[0] === this.current.coordinate[0] &&
        target.coordinate[1] === this.current.coordinate[1]);
    if (same) return;
    this.markerSource.clear();
    if (target) {
      const marker = new Feature({ geometry: new Point(target.coordinate) });
      marker.set('kind', target.kind);
      this.markerSource.addFeature(marker);
      if (segment && segment.length === 2) {
        const edge = new Feature({ geometry: new LineString(segment) });
        edge.set('kind', 'segment');
        this.markerSource.addFeature(edge);
      }
    }
    const element = this.olMap.getTargetElement();
    const changedKind = target?.kind !== this.current?.kind || target?.layerId !== this.current?.layerId;
    this.current = target;
    if (element) {
      element.dataset.snap = target?.kind ?? '';
      element.dataset.snapLayer = target?.layerId ?? '';
      element.dataset.snapX = target ? String(target.coordinate[0]) : '';
      element.dataset.snapY = target ? String(target.coordinate[1]) : '';
    }
    if (changedKind) this.onTarget(target);
  }

  /** Clears the marker (a mode ended). */
  hide(): void {
    this.show(null);
  }

  private indexFor(index: LayerIndex): Snap {
    if (index.snap && !index.dirty) return index.snap;
    index.snap?.setMap(null as unknown as OlMap);
    const features = (index.layer.getSource()?.getFeatures() ?? []).filter((f) => !this.excluded.has(f));
    const snap = new Snap({ features: new Collection(features), pixelTolerance: this.tolerance, vertex: true, edge: true });
    // Kept off the event chain: indexed (setMap listens to the features), asked by targetAt.
    snap.setActive(false);
    snap.setMap(this.olMap);
    index.snap = snap;
    index.dirty = false;
    return snap;
  }

  /** Lets go of the layers' sources and the marker layer. */
  release(): void {
    for (const index of this.indexes.values()) {
      unByKey(index.keys);
      index.snap?.setMap(null as unknown as OlMap);
    }
    this.olMap.removeLayer(this.markerLayer);
  }
}
