/**
 * What the sync part of the API contract (`SyncApi` in gis-core/api/contract.ts) takes and
 * answers, and the arguments of the sync jobs. Types only: the renderer imports them.
 */
import type { BBox } from '../gis-core/store/types.js';
import type { GeoJSONGeometry, LayerId } from '../layers/types.js';
import type { SyncCredentials, SyncProtocol } from './transport/types.js';

export type { SyncCredentials, SyncProtocol } from './transport/types.js';

/** A PlanDesk layer published as a server feature type; fields matched by name and type. */
export interface SyncLayerMapping {
  readonly layer: LayerId;
  readonly featureType: string;
  /** PlanDesk field key → server field name (suggested by name and type, editable). */
  readonly fields: Readonly<Record<string, string>>;
}

export interface SyncConnectRequest {
  readonly url: string;
  /** 'auto' (default) detects it from GetCapabilities / the landing page and /conformance. */
  readonly protocol?: SyncProtocol | 'auto';
  /** Used for this call only; never stored in the project. */
  readonly credentials?: SyncCredentials;
  /** Omitted: every PlanDesk layer whose id matches a server feature type, fields suggested. */
  readonly layers?: readonly SyncLayerMapping[];
}

export interface SyncConnection {
  readonly url: string;
  readonly protocol: SyncProtocol;
  /** Stored without secrets: only the user name, so a prompt can be pre-filled. */
  readonly username?: string;
  readonly layers: readonly SyncLayerMapping[];
  /** The area checked out (project CRS), null before the first checkout. */
  readonly area: BBox | null;
  /** ISO 8601 of the last successful pull or push; null before. */
  readonly lastSync: string | null;
}

export interface SyncStatus {
  readonly connection: SyncConnection | null;
  /** Local net changes not yet on the server (from the journal and the base). */
  readonly pending: { readonly inserts: number; readonly updates: number; readonly deletes: number };
  readonly openConflicts: number;
  /** The durable outbox (push operations) by state. */
  readonly outbox: { readonly pending: number; readonly sent: number; readonly acknowledged: number; readonly failed: number };
}

export type SyncChangeKind = 'insert' | 'update' | 'delete';

/** One feature's net local change, as a push would send it. */
export interface SyncChange {
  readonly layer: LayerId;
  readonly uuid: string;
  readonly kind: SyncChangeKind;
  /** For updates: the attributes that changed ('geometry' counts as one). */
  readonly attributes: readonly string[];
  /** The values the push would overwrite on the server (its base values of those attributes). */
  readonly overwrites: Readonly<Record<string, unknown>>;
  /** The local values it would send. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Project CRS, for drawing the preview on the map (the local geometry; the base for a delete). */
  readonly geometry: GeoJSONGeometry | null;
  /** True when an open conflict holds this feature back. */
  readonly blocked: boolean;
}

export interface SyncChangeset {
  readonly changes: readonly SyncChange[];
}

export type SyncConflictKind =
  /** The same attribute changed differently on both sides. */
  | 'attribute'
  /** Edited here, deleted on the server. */
  | 'edit-vs-delete'
  /** Deleted here, edited on the server. */
  | 'delete-vs-edit';

export interface SyncConflict {
  readonly id: number;
  readonly layer: LayerId;
  readonly uuid: string;
  readonly kind: SyncConflictKind;
  /** The attribute ('geometry' for the geometry); null for a whole-feature conflict. */
  readonly attribute: string | null;
  readonly base: unknown;
  readonly local: unknown;
  readonly server: unknown;
  /** Project CRS: where to show it on the map. */
  readonly geometry: GeoJSONGeometry | null;
  readonly state: 'open' | 'resolved';
  readonly resolution?: SyncResolutionChoice;
}

export type SyncResolutionChoice = 'mine' | 'theirs' | 'edit';

export interface SyncResolution {
  readonly conflictId: number;
  readonly choice: SyncResolutionChoice;
  /** With 'edit': the value to keep (a GeoJSON geometry for 'geometry'). */
  readonly value?: unknown;
}

/** The `sync-checkout` job: fetch the mapped layers' server features inside an area. */
export interface SyncCheckoutJobArgs {
  /** Project CRS box (the current view or a polygon's extent). */
  readonly bbox: BBox;
  readonly credentials?: SyncCredentials;
}

export interface SyncPullJobArgs {
  readonly credentials?: SyncCredentials;
}

export interface SyncPushJobArgs {
  readonly credentials?: SyncCredentials;
}

export interface SyncJobResult {
  /** Features written locally (checkout, pull). */
  readonly fetched: number;
  /** Local changes applied from the server (pull), attributes merged without conflict. */
  readonly merged: number;
  /** New conflicts stored. */
  readonly conflicts: number;
  /** Outbox operations acknowledged by the server (push). */
  readonly pushed: number;
  /** Operations the server refused or that turned into conflicts (push). */
  readonly rejected: number;
  /** The edit batch written locally, if any (undoable). */
  readonly batchId: number | null;
}
