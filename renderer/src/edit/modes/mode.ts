/**
 * The editing modes (as iD's `modes/`): each is a state of the map while editing — which
 * interactions are on and what a click or a drag means. A mode is started on the active layer
 * and stopped when another begins; it reports what the person did to the session through its
 * context, and the session turns that into an edit batch.
 */
import type Collection from 'ol/Collection.js';
import type Feature from 'ol/Feature.js';
import type MapBrowserEvent from 'ol/MapBrowserEvent.js';
import type OlMap from 'ol/Map.js';
import type { Coordinate } from 'ol/coordinate.js';
import Interaction from 'ol/interaction/Interaction.js';
import type { Pixel } from 'ol/pixel.js';
import type VectorSource from 'ol/source/Vector.js';
import type { LayerInfo } from '../../../../gis-core/api/contract.js';
import type { LayerId } from '../../../../layers/types.js';
import type { FeatureLayer } from '../../map/feature-layer.js';
import type { Snapping } from '../snapping.js';

export type EditMode = 'select' | 'draw' | 'move' | 'reshape' | 'split-line' | 'split-polygon' | 'copy-attributes';

export type SelectHow = 'replace' | 'toggle' | 'add';

export interface ModeContext {
  readonly map: OlMap;
  /** The active layer. */
  readonly info: LayerInfo;
  readonly layer: FeatureLayer;
  /** The selected features (the map layer's own feature objects), in the order they were picked. */
  readonly selection: Collection<Feature>;
  /** Where a drawn, not yet saved feature is shown. */
  readonly sketchSource: VectorSource;
  readonly snapping: Snapping;
  /** The top-most feature of the active layer at a pixel (a few pixels of tolerance). */
  hitActive(pixel: Pixel): Feature | null;
  /** The top-most feature of any drawn project layer at a pixel. */
  hitAny(pixel: Pixel): { layerId: LayerId; feature: Feature } | null;
  select(features: readonly Feature[], how: SelectHow): void;
  /** Selects a feature of another layer, which becomes the active one. */
  selectInLayer(layerId: LayerId, feature: Feature): void;
  /** A feature was drawn (draw mode); its form opens. */
  drawn(geometry: Coordinate | Coordinate[] | Coordinate[][]): void;
  /** Features were moved or reshaped on the map; the session saves them. */
  changed(kind: 'move' | 'reshape', features: readonly Feature[]): void;
  /** Split this line at (the point of it nearest) `at`. */
  splitLine(feature: Feature, at: Coordinate): void;
  /** Cut the selected polygon along this line. */
  cutPolygon(line: Coordinate[]): void;
  /** The source of "copy attributes" was picked. */
  pickedSource(feature: Feature): void;
  /** A drawing started or ended (Esc cancels the drawing first). */
  drawing(active: boolean): void;
}

export interface Mode {
  readonly id: EditMode;
  /** Adds the mode's interactions; `snaps` tells the session to put snapping in front of them. */
  start(): void;
  stop(): void;
  readonly snaps: boolean;
  /** Enter: finish what is being drawn. */
  finish?(): void;
  /** Esc: cancel what is in progress; true when there was something. */
  abort?(): boolean;
  /** Backspace: drop the last vertex drawn; true when there was one. */
  removeLastPoint?(): boolean;
}

/** A map interaction that calls back on some browser events (after snapping moved them). */
export class PointerHook extends Interaction {
  constructor(private readonly handlers: Partial<Record<'singleclick' | 'pointerdown' | 'click', (event: MapBrowserEvent) => boolean | void>>) {
    super();
  }

  override handleEvent(event: MapBrowserEvent): boolean {
    const handler = this.handlers[event.type as 'singleclick' | 'pointerdown' | 'click'];
    if (!handler) return true;
    return handler(event) !== false;
  }
}

/** Adds interactions to the map and removes them again: what most modes do. */
export class InteractionSet {
  private readonly added: Interaction[] = [];
  constructor(private readonly map: OlMap) {}

  add<T extends Interaction>(interaction: T): T {
    this.map.addInteraction(interaction);
    this.added.push(interaction);
    return interaction;
  }

  removeAll(): void {
    for (const interaction of this.added) this.map.removeInteraction(interaction);
    this.added.length = 0;
  }
}
