/**
 * The PlanDesk API contract: everything the UI asks of the core, as ONE interface with
 * JSON-serialisable arguments and results. One implementation (`service.ts`) is reached over
 * three transports: Electron IPC (`electron/`, channels generated from API_METHODS), HTTP in
 * `plandesk serve` (`gis-core/server/`, one route per method in its route table), and direct
 * calls (tests, CLI).
 *
 * This file is imported by the renderer in the browser: it imports types only and its runtime
 * exports are plain data. Keep it that way.
 *
 * Growing the contract (later issues): add a method to the matching part below (or a new part,
 * e.g. `EditApi`, `JobApi`, `SyncApi`, `AnalysisApi`), extend `PlanDeskApi` with it, list it in
 * API_METHODS with its access ('write' methods are not served in kiosk mode), and give it one
 * route in `gis-core/server/routes.ts`. Method names are flat camelCase with the part as prefix
 * (`editApply`, `jobStart`) so that an IPC channel and an HTTP route map 1:1 to a method.
 */
import type { CrsDefinition } from '../crs/registry.js';
import type { PlanDeskErrorCode } from '../errors.js';
import type { BBox, FieldCondition, LayerSummary } from '../store/types.js';
import type {
  FieldDefinition,
  GeoJSONGeometry,
  GeometryType,
  Label,
  LayerGroupId,
  LayerId,
  LayerStyle,
} from '../../layers/types.js';

export type { BBox, FieldCondition, FilterOperator, LayerSummary } from '../store/types.js';
export type { CodeList, CodeListEntry, FieldDefinition, GeoJSONGeometry, GeometryType, Label, LayerId, LayerStyle } from '../../layers/types.js';

// ---------------------------------------------------------------------------------------------
// Project and layers
// ---------------------------------------------------------------------------------------------

/**
 * The project summary: the document `plandesk info --json` prints (made by
 * gis-core/project/describe.ts, which must stay assignable to this — the service checks it).
 * Declared here so that the contract's types reach no Node module.
 */
export interface ProjectDescription {
  readonly file: string;
  readonly name: string;
  readonly province: string;
  readonly crs: { readonly epsg: number; readonly code: string; readonly name: string; readonly label: Label };
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly schemaVersion: number;
  readonly layers: readonly LayerSummary[];
}

/** A layer as a legend, a form and an attribute table need it. */
export interface LayerInfo {
  readonly id: LayerId;
  readonly label: Label;
  /** The layer-panel group (Quy hoạch, Giao thông, …); `order` 1 = first group. */
  readonly group: { readonly id: LayerGroupId; readonly label: Label; readonly order: number };
  /**
   * Drawing order from the bottom: 0 is drawn first (under everything). A panel that lists the
   * top layer first sorts by this, descending.
   */
  readonly drawOrder: number;
  readonly geometryType: GeometryType;
  /** Declarative style (single or categorized by a code-list field), with its label style. */
  readonly style: LayerStyle;
  /** Attribute fields in form order, with labels, units, ranges and code lists (colours included). */
  readonly fields: readonly FieldDefinition[];
  readonly featureCount: number;
  /** In the project CRS; null for an empty layer. */
  readonly extent: BBox | null;
  /** EPSG code of the layer's geometries (the project CRS). */
  readonly srid: number;
}

export interface ProjectApi {
  /** The project summary: the same document as `plandesk info --json`. */
  project(): Promise<ProjectDescription>;
  /** Every layer of the project in drawing order (bottom first). */
  layers(): Promise<LayerInfo[]>;
}

// ---------------------------------------------------------------------------------------------
// Features
// ---------------------------------------------------------------------------------------------

/** Default and maximum number of features one `features` call returns. */
export const FEATURE_LIMIT_DEFAULT = 5000;
export const FEATURE_LIMIT_MAX = 50000;

export interface FeaturesQuery {
  /**
   * [minx, miny, maxx, maxy] in `crs` (the project CRS when `crs` is absent). Features whose
   * bounding box intersects it are returned. Absent: the whole layer, paged by limit/offset
   * (an attribute table).
   */
  readonly bbox?: BBox;
  /** 'EPSG:4326', 'EPSG:5897', … (a registry CRS): the CRS of `bbox` and of the returned geometries. */
  readonly crs?: string;
  /** 1 … FEATURE_LIMIT_MAX; FEATURE_LIMIT_DEFAULT when absent. */
  readonly limit?: number;
  /** Features to skip (paging), in the order given by `orderBy` (the feature key otherwise). */
  readonly offset?: number;
  /** Conditions on fields (all must hold). */
  readonly where?: readonly FieldCondition[];
  readonly orderBy?: { readonly field: string; readonly descending?: boolean };
}

/**
 * A GeoJSON Feature. `id` is the feature's uuid (stable, never reused). `properties` holds the
 * layer's attribute fields only (every field, null when empty). `fid` is a foreign member: the
 * row key in this project file, handy as a compact key for a map source, but not stable across
 * files (sync, export) — use `id` for identity.
 */
export interface ApiFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly fid: number;
  readonly geometry: GeoJSONGeometry;
  readonly properties: Record<string, unknown>;
}

/** One feature with its bookkeeping, as an identify panel shows it. */
export interface ApiFeatureDetail extends ApiFeature {
  readonly layerId: LayerId;
  /** Source attributes that have no field in the layer (kept by imports); null when none. */
  readonly extraAttributes: Record<string, unknown> | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string | null;
  /** The CRS of `geometry`, e.g. 'EPSG:5897'. */
  readonly crs: string;
}

/**
 * A GeoJSON FeatureCollection with the OGC API Features counts. When `truncated` is true,
 * `numberMatched` features matched but only `numberReturned` came back (the limit cut it):
 * page with `offset`, or zoom in.
 */
export interface ApiFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly layerId: LayerId;
  /** The CRS of the geometries, e.g. 'EPSG:5897'. */
  readonly crs: string;
  readonly features: ApiFeature[];
  readonly numberMatched: number;
  readonly numberReturned: number;
  readonly truncated: boolean;
  /** The limit and offset that were applied (the default limit when none was asked). */
  readonly limit: number;
  readonly offset: number;
}

export interface FeatureApi {
  /** Features of a layer by view (bbox), filter, order and page. */
  features(layerId: string, query?: FeaturesQuery): Promise<ApiFeatureCollection>;
  /** One feature by uuid; `crs` as in `features`. Fails with UNKNOWN_FEATURE when there is none. */
  feature(layerId: string, uuid: string, options?: { readonly crs?: string }): Promise<ApiFeatureDetail>;
}

// ---------------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------------

export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 200;

export interface SearchOptions {
  /** 1 … SEARCH_LIMIT_MAX; SEARCH_LIMIT_DEFAULT when absent. */
  readonly limit?: number;
}

export type SearchHitKind = 'parcel' | 'road' | 'named';

export interface SearchHit {
  readonly kind: SearchHitKind;
  readonly layerId: LayerId;
  /** A feature to select: the parcel, or the first segment of a road. */
  readonly uuid: string;
  /** What to show in the result list, e.g. { vi: 'Tờ 12, thửa 345', en: 'Sheet 12, parcel 345' } or the road name. */
  readonly title: Label;
  /** A second line (an address, a ward, "14 đoạn" …); absent when there is nothing useful. */
  readonly detail?: Label;
  /** Where to zoom, in the project CRS: the feature's (or the whole road's) bounding box. */
  readonly bbox: BBox;
  /** How many features this hit stands for (road segments with the name); 1 for a parcel. */
  readonly featureCount: number;
}

export interface SearchResult {
  readonly query: string;
  /** How the text was read, e.g. { sheet: 12, parcel: 345 } or { text: 'nguyen hue' }. */
  readonly understood: { readonly sheet?: number; readonly parcel?: number; readonly text?: string };
  readonly hits: SearchHit[];
  /** True when more hits exist than `limit`. */
  readonly truncated: boolean;
}

export interface SearchApi {
  /**
   * Parcels by sheet and parcel number ("tờ 12 thửa 345", "12/345", "to 12 thua 345",
   * "sheet 12 parcel 345") and roads or named places by name, accent-insensitive
   * ('nguyen hue' finds 'Nguyễn Huệ').
   */
  search(text: string, options?: SearchOptions): Promise<SearchResult>;
}

// ---------------------------------------------------------------------------------------------
// Coordinate systems
// ---------------------------------------------------------------------------------------------

/** A supported CRS as the registry defines it (proj4 string for the renderer's OpenLayers, area of use, provinces). */
export type CrsInfo = CrsDefinition;

export interface CrsApi {
  /** Every CRS PlanDesk supports (VN-2000 zones, WGS 84, Web Mercator). */
  crsList(): Promise<CrsInfo[]>;
}

// ---------------------------------------------------------------------------------------------
// Room for later issues (not implemented yet; names reserved so transports stay 1:1):
//   EditApi      editApply(batch) → { journalId, changed }, editUndo(), editRedo(), editHistory()
//   ValidateApi  validate({ layers?, bbox? }) → findings (rule code, severity, feature, message)
//   JobApi       jobStart(kind: 'import' | 'export' | 'flood' | 'scene3d', args) → { jobId },
//                job(jobId) → { state, progress 0..1, message, result? }, jobCancel(jobId);
//                progress arrives as events: IPC `webContents.send('plandesk:event', …)`,
//                HTTP `GET /api/events` (server-sent events). Both carry the same JobEvent JSON.
//   SyncApi      syncStatus(), syncPull(), syncPush(), syncResolve(conflict, choice)
//   AnalysisApi  analysisRun(kind, args) → a job
// ---------------------------------------------------------------------------------------------

/** The whole API. Every method is async and takes and returns JSON-serialisable values. */
export interface PlanDeskApi extends ProjectApi, FeatureApi, SearchApi, CrsApi {}

export type ApiMethodName = keyof PlanDeskApi;

/** 'read' methods change nothing and are all a kiosk serves; 'write' methods change the project. */
export type ApiAccess = 'read' | 'write';

export interface ApiMethodInfo {
  readonly access: ApiAccess;
  /** How many positional arguments the method takes (IPC checks the count). */
  readonly arity: number;
}

/**
 * Every method of the contract, with its access. The IPC bridge generates one channel per
 * entry; the HTTP route table must give each entry one route (a test checks both).
 */
export const API_METHODS: { readonly [K in ApiMethodName]: ApiMethodInfo } = {
  project: { access: 'read', arity: 0 },
  layers: { access: 'read', arity: 0 },
  features: { access: 'read', arity: 2 },
  feature: { access: 'read', arity: 3 },
  search: { access: 'read', arity: 2 },
  crsList: { access: 'read', arity: 0 },
};

export const API_METHOD_NAMES = Object.keys(API_METHODS) as ApiMethodName[];

// ---------------------------------------------------------------------------------------------
// Errors on the wire
// ---------------------------------------------------------------------------------------------

/** Error codes a transport reports: the core's PlanDeskError codes plus transport-level ones. */
export type ApiErrorCode =
  | PlanDeskErrorCode
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'UNAUTHORIZED'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL';

/** The JSON body of every failed call: `{ "error": { "code": "UNKNOWN_LAYER", "message": "…" } }`. */
export interface ApiErrorBody {
  readonly error: { readonly code: ApiErrorCode; readonly message: string };
}
