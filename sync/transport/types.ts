/**
 * The one interface the sync engine (`sync/engine/`) uses to talk to an SDI server. One
 * implementation per protocol (`wfs.ts`: WFS-T 1.1 / 2.0; `ogcapi.ts`: OGC API Features Part 1 +
 * Part 4 edits), chosen by `connect.ts` from GetCapabilities / the landing page and /conformance.
 *
 * Geometries cross this interface as GeoJSON geometry objects in the PROJECT CRS (`srid`),
 * x = easting, y = northing, whatever the wire's axis order or default CRS (OGC API Features
 * defaults to CRS84; WFS 1.1 with an EPSG URN may swap axes): each transport converts.
 *
 * Every call may reject with a PlanDeskError: SYNC_AUTH_FAILED (401/403), SYNC_UNREACHABLE
 * (connection refused, DNS, timeout), SYNC_SERVER_ERROR (an exception report or HTTP error,
 * the server's message in ours), CANCELLED (the signal was aborted).
 */
import type { BBox } from '../../gis-core/store/types.js';
import type { GeoJSONGeometry } from '../../layers/types.js';

export type SyncProtocol = 'wfs-1.1' | 'wfs-2.0' | 'ogcapi-features';

export interface SyncCredentials {
  readonly username?: string;
  readonly password?: string;
  /** Sent as `Authorization: Bearer …` when set (instead of basic). */
  readonly token?: string;
}

export interface ServerField {
  readonly name: string;
  /** As the server describes it, folded: text, integer, real, boolean, date, datetime, other. */
  readonly type: 'text' | 'integer' | 'real' | 'boolean' | 'date' | 'datetime' | 'other';
}

/** A feature type (WFS) or collection (OGC API) the server publishes. */
export interface ServerFeatureType {
  /** WFS TYPENAME / OGC API collection id. */
  readonly name: string;
  readonly title?: string;
  readonly fields: readonly ServerField[];
  /** Whether Insert/Update/Delete are allowed (WFS-T operations; OGC API Part 4 for the collection). */
  readonly editable: boolean;
  /** The table has PlanDesk's versioning columns (resources/sdi/plandesk-versioning.sql). */
  readonly hasUuid: boolean;
  readonly hasRowVersion: boolean;
  readonly hasUpdatedAt: boolean;
}

/** A feature as the server holds it. */
export interface ServerFeature {
  /** The server's feature id (WFS gml:id / fid, OGC API feature id), as a string. */
  readonly serverId: string;
  /** Our uuid (the `uuid` column); null for a feature created on the server without one. */
  readonly uuid: string | null;
  /** `row_version` when the table has it. */
  readonly rowVersion: number | null;
  /** `updated_at` (ISO 8601) when the table has it. */
  readonly updatedAt: string | null;
  /** Attribute values by field name, WITHOUT uuid / row_version / updated_at / the key. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Project CRS. */
  readonly geometry: GeoJSONGeometry | null;
}

export interface FeatureRequest {
  /** Project CRS box; omitted = the whole type. */
  readonly bbox?: BBox;
  /** Only features whose `updated_at` is after this instant (when the type has the column). */
  readonly changedSince?: string;
  /** Only these uuids (e.g. "did this insert land?"). */
  readonly uuids?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface InsertRequest {
  readonly uuid: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly geometry: GeoJSONGeometry | null;
}

export interface UpdateRequest {
  readonly uuid: string;
  readonly serverId: string;
  /** Compare-and-set: update only when the server's row_version is still this (null = no check). */
  readonly expectedVersion: number | null;
  /** Only the attributes that change. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Present when the geometry changes. */
  readonly geometry?: GeoJSONGeometry | null;
}

export interface DeleteRequest {
  readonly uuid: string;
  readonly serverId: string;
  readonly expectedVersion: number | null;
}

/**
 * One result per request, matched by uuid (never by order). `applied: false` with no error
 * means the compare-and-set found another version (0 rows touched): a conflict to pull.
 */
export interface EditOutcome {
  readonly uuid: string;
  readonly applied: boolean;
  /** For an applied insert: the server id it got. */
  readonly serverId?: string;
  /** The server's message when this one action failed (others may have succeeded: QGIS Server is not atomic). */
  readonly error?: string;
}

export interface SyncTransport {
  readonly protocol: SyncProtocol;
  /** The server's URL as given (the WFS endpoint or the OGC API landing page). */
  readonly url: string;
  featureTypes(signal?: AbortSignal): Promise<ServerFeatureType[]>;
  /** Every matching feature, paged internally. */
  getFeatures(typeName: string, request: FeatureRequest): Promise<ServerFeature[]>;
  insert(typeName: string, features: readonly InsertRequest[], signal?: AbortSignal): Promise<EditOutcome[]>;
  update(typeName: string, changes: readonly UpdateRequest[], signal?: AbortSignal): Promise<EditOutcome[]>;
  delete(typeName: string, items: readonly DeleteRequest[], signal?: AbortSignal): Promise<EditOutcome[]>;
}

export interface TransportOptions {
  /** EPSG code of the project CRS (the CRS geometries cross this interface in). */
  readonly srid: number;
  readonly credentials?: SyncCredentials;
  /** Per HTTP request, ms (default 60 000). */
  readonly timeoutMs?: number;
}
