/**
 * One vector layer over the map for sync: the features it is given (each with an id and a
 * role that picks its style), one of them drawn selected, and the extent to zoom to. The
 * preview and the conflict view each own one while they are shown.
 */
import type Feature from 'ol/Feature.js';
import { createEmpty, extend, isEmpty, type Extent } from 'ol/extent.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import type { MapController } from '../map/map-controller.js';
import { overlayStyle, type OverlayItem, type OverlayRole } from './overlay-styles.js';

export type { OverlayItem } from './overlay-styles.js';

/** Above the project layers, under the selection highlight (10 000). */
const OVERLAY_Z = 9_000;


export class SyncOverlay {
  private readonly source = new VectorSource();
  private readonly layer: VectorLayer<VectorSource>;
  private selected: string | null = null;

  constructor(
    private readonly controller: MapController,
    name: string,
  ) {
    this.layer = new VectorLayer({
      source: this.source,
      zIndex: OVERLAY_Z,
      properties: { role: `sync-${name}` },
      style: (feature) => overlayStyle(feature.get('role') as OverlayRole, feature.get('itemId') === this.selected),
    });
    controller.map.addLayer(this.layer);
  }

  show(items: readonly OverlayItem[]): void {
    this.source.clear();
    // Base first, so mine and theirs are drawn over it.
    const ordered = [...items].sort((a, b) => Number(b.role === 'base') - Number(a.role === 'base'));
    this.source.addFeatures(
      ordered.map((item) => {
        const feature: Feature = this.controller.readFeature(item.geometry);
        feature.set('role', item.role);
        feature.set('itemId', item.id);
        return feature;
      }),
    );
  }

  select(id: string | null): void {
    this.selected = id;
    this.layer.changed();
  }

  /** The extent of the items with this id (all items when omitted); null when there are none. */
  extent(id?: string): Extent | null {
    const extent = createEmpty();
    for (const feature of this.source.getFeatures()) {
      if (id !== undefined && feature.get('itemId') !== id) continue;
      const geometry = feature.getGeometry();
      if (geometry) extend(extent, geometry.getExtent());
    }
    return isEmpty(extent) ? null : extent;
  }

  /** How many features are drawn (tests read it from the panel). */
  size(): number {
    return this.source.getFeatures().length;
  }

  dispose(): void {
    this.controller.map.removeLayer(this.layer);
  }
}
