/**
 * What the edit path works with inside the core: the three basic operations the journal
 * records, and what the action expander may read of the project while expanding a batch.
 * Geometries here are always in the project CRS (metres).
 */
import type { GeoJSONGeometry, LayerId } from '../../layers/types.js';
import type { EditOperation } from '../api/contract.js';

/** A feature as the expander sees it (the store's current row). */
export interface EditFeature {
  readonly layer: LayerId;
  readonly uuid: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly geometry: GeoJSONGeometry;
}

/**
 * The operations the store applies and the journal records. `update.properties` is partial
 * (null clears a field); derived fields are filled by the store from `layers/derive.ts`.
 */
export type BasicOperation =
  | (Extract<EditOperation, { op: 'insert' }> & { readonly uuid: string })
  | Extract<EditOperation, { op: 'update' }>
  | Extract<EditOperation, { op: 'delete' }>;

/**
 * What expanding a batch may read: the project as it is before the batch, read by the store
 * inside the batch's transaction (no other writer can change it meanwhile). The expander lays
 * the batch's own operations over it (`overlay.ts`).
 */
export interface EditReader {
  /** The current feature, or undefined. */
  feature(layer: LayerId, uuid: string): EditFeature | undefined;
  /** Features of `layer` whose bounding box intersects [minx, miny, maxx, maxy]. */
  featuresIn(layer: LayerId, bbox: readonly [number, number, number, number]): Iterable<EditFeature>;
}
