/**
 * Loads each visible layer's features for the current view through the API: the view's box
 * plus a margin, with the layer's limit. A layer's features are replaced, not accumulated, so
 * memory follows the view. A new view inside the box already loaded (and not truncated) costs
 * nothing; responses to superseded requests are dropped.
 */
import GeoJSON from 'ol/format/GeoJSON.js';
import type OlMap from 'ol/Map.js';
import { buffer, containsExtent, getHeight, getWidth, type Extent } from 'ol/extent.js';
import type { FieldCondition, LayerInfo, PlanDeskApi } from '../../../gis-core/api/contract.js';
import type { LayerId } from '../../../layers/types.js';
import type { FeatureLayer } from './feature-layer.js';
import { generalisationFor, limitFor, VIEW_MARGIN } from './load-policy.js';

export type LayerLoadState =
  | { readonly state: 'hidden' }
  | { readonly state: 'zoom-in' }
  | { readonly state: 'loading' }
  | {
      readonly state: 'loaded';
      readonly shown: number;
      readonly matched: number;
      readonly truncated: boolean;
      /** Only part of the layer is drawn at this scale (e.g. main roads only). */
      readonly generalised: boolean;
    }
  | { readonly state: 'error'; readonly message: string };

interface Loaded {
  readonly extent: Extent;
  readonly truncated: boolean;
  /** The generalisation filter the features were loaded with (JSON), '' for none. */
  readonly filter: string;
}

export class ViewLoader {
  private readonly format: GeoJSON;
  private readonly loaded = new Map<LayerId, Loaded>();
  /** The box of the request in flight per layer: a view inside it waits for that answer. */
  private readonly inFlight = new Map<LayerId, { extent: Extent; filter: string }>();
  private readonly generation = new Map<LayerId, number>();
  private readonly states = new Map<LayerId, LayerLoadState>();
  /** The load in flight per layer, so a caller can wait for it (after an edit). */
  private readonly loading = new Map<LayerId, Promise<void>>();
  /** Layers edited since boot: loaded even when the layer list said they were empty. */
  private readonly edited = new Set<LayerId>();
  private readonly loadedListeners = new Set<(id: LayerId) => void>();
  private pending = 0;

  constructor(
    private readonly map: OlMap,
    private readonly api: PlanDeskApi,
    private readonly crsCode: string,
    private readonly layers: ReadonlyMap<LayerId, { info: LayerInfo; layer: FeatureLayer }>,
    private readonly onChange: (states: ReadonlyMap<LayerId, LayerLoadState>, pending: number) => void,
  ) {
    this.format = new GeoJSON({ dataProjection: crsCode, featureProjection: crsCode });
    map.on('moveend', () => this.refresh());
  }

  /** Loads what the view needs now (after a move, a visibility change, …). */
  refresh(): void {
    const view = this.map.getView();
    const size = this.map.getSize();
    if (!size) return;
    const resolution = view.getResolution() ?? Infinity;
    const viewExtent = view.calculateExtent(size);
    for (const [id, { layer, info }] of this.layers) {
      if (!layer.getVisible()) {
        this.setState(id, { state: 'hidden' });
        continue;
      }
      if (resolution > layer.getMaxResolution()) {
        // Out of its scale range: let its features go (memory follows the view) and drop answers in flight.
        if (this.states.get(id)?.state !== 'zoom-in') {
          layer.getSource()?.clear(true);
          this.loaded.delete(id);
          this.inFlight.delete(id);
          this.generation.set(id, (this.generation.get(id) ?? 0) + 1);
        }
        this.setState(id, { state: 'zoom-in' });
        continue;
      }
      if (info.featureCount === 0 && !this.edited.has(id)) {
        this.setState(id, { state: 'loaded', shown: 0, matched: 0, truncated: false, generalised: false });
        continue;
      }
      const where = generalisationFor(id, resolution);
      const filter = where ? JSON.stringify(where) : '';
      const loaded = this.loaded.get(id);
      if (loaded && !loaded.truncated && loaded.filter === filter && containsExtent(loaded.extent, viewExtent)) {
        const previous = this.states.get(id);
        if (previous?.state === 'hidden' || previous?.state === 'zoom-in') {
          const count = layer.getSource()?.getFeatures().length ?? 0;
          this.setState(id, { state: 'loaded', shown: count, matched: count, truncated: false, generalised: filter !== '' });
        }
        continue;
      }
      const flying = this.inFlight.get(id);
      if (flying && flying.filter === filter && containsExtent(flying.extent, viewExtent)) continue;
      const box = buffer(viewExtent, Math.max(getWidth(viewExtent), getHeight(viewExtent)) * VIEW_MARGIN);
      this.loading.set(id, this.load(id, layer, box, where));
    }
    this.emit();
  }

  /** Forgets what was loaded (e.g. after an edit elsewhere) and loads again. */
  reload(): void {
    this.loaded.clear();
    this.refresh();
  }

  /**
   * Loads these layers again for the view (after an edit changed them): answers already in
   * flight are dropped, and the promise settles once the new features are in the sources.
   */
  async reloadLayers(ids: Iterable<LayerId>): Promise<void> {
    const wanted = [...new Set(ids)];
    for (const id of wanted) {
      this.edited.add(id);
      this.loaded.delete(id);
      this.inFlight.delete(id);
      this.loading.delete(id);
    }
    this.refresh();
    await Promise.all(wanted.map((id) => this.loading.get(id)).filter((p): p is Promise<void> => p !== undefined));
  }

  /** Calls `listener` each time a layer's features have been replaced by a load; returns the unsubscribe function. */
  onLoaded(listener: (id: LayerId) => void): () => void {
    this.loadedListeners.add(listener);
    return () => void this.loadedListeners.delete(listener);
  }

  private async load(id: LayerId, layer: FeatureLayer, extent: Extent, where: readonly FieldCondition[] | undefined): Promise<void> {
    const filter = where ? JSON.stringify(where) : '';
    const generation = (this.generation.get(id) ?? 0) + 1;
    this.generation.set(id, generation);
    this.setState(id, { state: 'loading' });
    this.inFlight.set(id, { extent, filter });
    this.pending += 1;
    this.emit();
    try {
      const collection = await this.api.features(id, {
        bbox: [extent[0]!, extent[1]!, extent[2]!, extent[3]!],
        crs: this.crsCode,
        limit: limitFor(id),
        ...(where ? { where } : {}),
      });
      if (this.generation.get(id) !== generation) return;
      const features = this.format.readFeatures(collection);
      for (const feature of features) feature.set('__layer', id, true);
      const source = layer.getSource();
      source?.clear(true);
      source?.addFeatures(features);
      this.loaded.set(id, { extent, truncated: collection.truncated, filter });
      for (const listener of this.loadedListeners) listener(id);
      this.setState(id, {
        state: 'loaded',
        shown: collection.numberReturned,
        matched: collection.numberMatched,
        truncated: collection.truncated,
        generalised: filter !== '',
      });
    } catch (error) {
      if (this.generation.get(id) !== generation) return;
      this.setState(id, { state: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      if (this.generation.get(id) === generation) {
        this.inFlight.delete(id);
        this.loading.delete(id);
      }
      this.pending -= 1;
      this.emit();
    }
  }

  private setState(id: LayerId, state: LayerLoadState): void {
    this.states.set(id, state);
  }

  private emit(): void {
    this.onChange(new Map(this.states), this.pending);
  }
}
