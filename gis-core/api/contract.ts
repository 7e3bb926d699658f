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
 * API_METHODS with its access (a kiosk serves only methods marked `kiosk: true`), and give it one
 * route in `gis-core/server/routes.ts`. Method names are flat camelCase with the part as prefix
 * (`editApply`, `jobStart`) so that an IPC channel and an HTTP route map 1:1 to a method.
 */
import type { CrsDefinition } from '../crs/registry.js';
import type { PlanDeskErrorCode } from '../errors.js';
import type { FloodJobArgs, FloodJobResult, RasterImage, RasterImageRequest, RasterValue } from '../flood/types.js';
import type { ExportJobArgs, ExportJobResult, ImportJobArgs, ImportJobResult } from '../io/job-types.js';
import type { IoInspectOptions, IoInspectResult, IoMapping, IoMappingOptions, IoPreview, IoPreviewOptions } from '../io/api-types.js';
import type { PlanningCard, PlanningLookupRequest, PlanningLookupResult, PlanningSheet } from '../planning/types.js';
import type { PrintJobArgs, PrintJobResult } from '../print/job-types.js';
import type { PublishJobArgs, PublishJobResult } from '../publish/job-types.js';
import type { PrintLayout, PrintTemplate } from '../print/layout.js';
import type { BBox, FieldCondition, LayerSummary } from '../store/types.js';
import type {
  SyncChangeset,
  SyncCheckoutJobArgs,
  SyncConflict,
  SyncConnection,
  SyncConnectRequest,
  SyncJobResult,
  SyncPullJobArgs,
  SyncPushJobArgs,
  SyncResolution,
  SyncStatus,
} from '../../sync/api-types.js';
import type {
  FieldDefinition,
  GeoJSONGeometry,
  GeometryType,
  Label,
  LayerGroupId,
  LayerId,
  LayerStyle,
  Severity,
} from '../../layers/types.js';

export type { BBox, FieldCondition, FilterOperator, LayerSummary } from '../store/types.js';
export type { CodeList, CodeListEntry, FieldDefinition, GeoJSONGeometry, GeometryType, Label, LayerId, LayerStyle, Severity } from '../../layers/types.js';

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
// Edits: one path for every change (UI, CLI, import, sync), journaled, undoable
// ---------------------------------------------------------------------------------------------

/** Who made a batch. 'external' batches are edits another tool (QGIS, spatialite) made to the file, caught by triggers. */
export type EditSource = 'ui' | 'cli' | 'import' | 'sync' | 'external';

/** A position in the batch's CRS ([x, y]). */
export type EditPosition = readonly [number, number];

/**
 * One operation of an edit batch. The basic three (insert, update, delete) are what the journal
 * records; the others are actions the core expands into basic operations inside the same
 * transaction (so every client splits and merges the same way).
 */
export type EditOperation =
  | {
      readonly op: 'insert';
      readonly layer: LayerId;
      /** A UUIDv7 made by the client (so it can refer to the new feature at once); made by the core when absent. */
      readonly uuid?: string;
      readonly properties: Readonly<Record<string, unknown>>;
      readonly geometry: GeoJSONGeometry;
      readonly extraAttributes?: Readonly<Record<string, unknown>>;
    }
  | {
      readonly op: 'update';
      readonly layer: LayerId;
      readonly uuid: string;
      /** Only the fields to change; null clears a field. Derived fields are recomputed, never taken from here. */
      readonly properties?: Readonly<Record<string, unknown>>;
      readonly geometry?: GeoJSONGeometry;
    }
  | { readonly op: 'delete'; readonly layer: LayerId; readonly uuid: string }
  /**
   * Splits a line at the point of it nearest `at`: the feature keeps the part before, a new
   * feature (uuid `newUuid`, or made) gets the part after, with the same attributes (derived
   * ones recomputed). With topology on, a node at `at` (valve, manhole) joins both parts.
   */
  | { readonly op: 'splitLine'; readonly layer: LayerId; readonly uuid: string; readonly at: EditPosition; readonly newUuid?: string }
  /** Cuts a polygon in two along `line` (which must cross it): the larger part keeps the feature, the other is new. */
  | {
      readonly op: 'splitPolygon';
      readonly layer: LayerId;
      readonly uuid: string;
      readonly line: readonly EditPosition[];
      readonly newUuid?: string;
    }
  /** Merges touching or overlapping polygons into the first one (its uuid and attributes); the others are deleted. */
  | { readonly op: 'mergePolygons'; readonly layer: LayerId; readonly uuids: readonly string[] };

export type EditOperationKind = EditOperation['op'];

/** Largest number of operations one batch may carry (an import sends several batches). */
export const EDIT_BATCH_MAX_OPERATIONS = 50_000;

export interface EditBatch {
  readonly operations: readonly EditOperation[];
  /** Shown in the history ("Vẽ khu đất OM-12"); a default is made from the operations. */
  readonly message?: string;
  /** The OS user (or the serve user) when absent. */
  readonly author?: string;
  /** 'ui' when absent. */
  readonly source?: EditSource;
  /** CRS of every geometry and position in the batch ('EPSG:4326', …); the project CRS when absent. */
  readonly crs?: string;
  /**
   * Keep networks connected (default true): moving a node (manhole, valve, hydrant) moves the
   * ends of the pipes and mains on it, and new or moved pipe ends snap to a node within
   * `TOPOLOGY_SNAP_M`. Imports and sync pulls turn it off: they carry their own geometry.
   */
  readonly topology?: boolean;
}

/** Line ends within this distance (metres) of a node are connected to it. */
export const TOPOLOGY_SNAP_M = 0.05;

/** One feature a batch changed: what the journal keeps, and what a map refreshes. */
export interface FeatureChange {
  readonly layer: LayerId;
  readonly uuid: string;
  readonly op: 'insert' | 'update' | 'delete';
}

export interface EditState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** The message of the batch the next undo / redo reverts or re-applies. */
  readonly undoMessage?: string;
  readonly redoMessage?: string;
}

export interface EditResult extends EditState {
  /** The journal entry: the batch applied (editApply), or the undo/redo batch written. */
  readonly batchId: number;
  readonly batchUuid: string;
  /** Every feature changed, including those topology moved and parts a split made. */
  readonly changes: readonly FeatureChange[];
}

/**
 * - 'edit': a batch applied through editApply (any source but 'external').
 * - 'external': changes another tool made to the file, gathered from the triggers' log.
 * - 'undo' / 'redo': the changes an undo or a redo made (`reverts` is the batch it undid or redid).
 */
export type EditBatchKind = 'edit' | 'external' | 'undo' | 'redo';

/** 'applied' and 'undone' edit batches are on the undo/redo stacks; 'discarded' ones were undone and then a new edit was made. */
export type EditBatchState = 'applied' | 'undone' | 'discarded';

export interface EditHistoryEntry {
  readonly batchId: number;
  readonly batchUuid: string;
  readonly kind: EditBatchKind;
  /** Only for 'edit' and 'external' batches. */
  readonly state?: EditBatchState;
  /** For 'undo' / 'redo': the batch undone or redone. */
  readonly reverts?: number;
  readonly source: EditSource;
  readonly author: string;
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  readonly message: string;
  readonly changeCount: number;
  readonly layers: readonly LayerId[];
}

export interface EditHistory extends EditState {
  /** Newest first. */
  readonly entries: readonly EditHistoryEntry[];
}

/** One journaled change with its values before and after (null for insert / delete), in the project CRS. */
export interface JournalChange extends FeatureChange {
  readonly before: JournalFeatureState | null;
  readonly after: JournalFeatureState | null;
}

export interface JournalFeatureState {
  readonly properties: Record<string, unknown>;
  readonly geometry: GeoJSONGeometry | null;
  readonly extraAttributes: Record<string, unknown> | null;
}

export interface EditBatchDetail extends EditHistoryEntry {
  readonly changes: readonly JournalChange[];
}

export interface EditApi {
  /** Applies a batch in one transaction, all or nothing; bad operations fail with INVALID_ARGUMENT / INVALID_FEATURE and change nothing. */
  editApply(batch: EditBatch): Promise<EditResult>;
  /** Reverts the newest applied batch; CONFLICT when a later change to its features is in the way; NOTHING_TO_UNDO. */
  editUndo(): Promise<EditResult>;
  /** Re-applies the batch undone last; NOTHING_TO_REDO. */
  editRedo(): Promise<EditResult>;
  /** The journal, newest first (limit 1 … 500, default 50). */
  editHistory(options?: { readonly limit?: number }): Promise<EditHistory>;
  /** One journal entry with its changes, before and after. */
  editBatch(batchId: number): Promise<EditBatchDetail>;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export interface ValidationFinding {
  /** Rule code, e.g. 'ZONING_DENSITY_MAX'. */
  readonly rule: string;
  readonly severity: Severity;
  readonly layerId: LayerId;
  readonly uuid: string;
  readonly message: Label;
  /** Numbers that explain it (actual vs allowed …). */
  readonly details?: Readonly<Record<string, number | string>>;
  /** Where to zoom, project CRS: the feature's bounding box. */
  readonly bbox: BBox;
}

export interface ValidationRuleInfo {
  readonly code: string;
  readonly layerId: LayerId;
  readonly severity: Severity;
  readonly title: Label;
}

export interface ValidateOptions {
  /** Layers whose rules run; all when absent. */
  readonly layers?: readonly LayerId[];
  /** Only features whose bounding box intersects this box (project CRS). */
  readonly bbox?: BBox;
  /** Only these rules. */
  readonly rules?: readonly string[];
}

export interface ValidationReport {
  readonly findings: readonly ValidationFinding[];
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number };
  readonly checkedFeatures: number;
  readonly rules: readonly ValidationRuleInfo[];
  /** ISO 8601 UTC of the check. */
  readonly checkedAt: string;
}

export interface ValidateApi {
  /** Runs the layers' rules; the same findings as `plandesk validate --json`. */
  validate(options?: ValidateOptions): Promise<ValidationReport>;
}

// ---------------------------------------------------------------------------------------------
// Jobs: long work (import, export, flood) off the request thread, with progress and cancel
// ---------------------------------------------------------------------------------------------

/**
 * The arguments of each kind of job. Each kind's module declares its own and adds a member
 * here (JSON-serialisable; paths are on the machine running the core).
 */
export interface JobArgsByKind {
  /** For tests and diagnostics: sleeps `ms` in `steps`, reporting progress; fails when `fail` is set. */
  readonly wait: { readonly ms: number; readonly steps?: number; readonly fail?: string };
  /** A flood scenario (gis-core/flood/job.ts): depth, arrival levels, polygons and report beside the project. */
  readonly flood: FloodJobArgs;
  /** Import a GDAL source into a layer as one edit batch (gis-core/io/job.ts). */
  readonly import: ImportJobArgs;
  /** Export a layer or selection to gpkg/shp/geojson/kml/dxf/csv (gis-core/io/job.ts). */
  readonly export: ExportJobArgs;
  /** Fetch the mapped layers' server features inside an area (sync/). */
  readonly 'sync-checkout': SyncCheckoutJobArgs;
  /** Fetch what changed on the server and merge it three ways (sync/). */
  readonly 'sync-pull': SyncPullJobArgs;
  /** Send the local changes through the durable outbox (sync/). */
  readonly 'sync-push': SyncPushJobArgs;
  /** Print a layout (or a saved template) to a vector PDF or a PNG (gis-core/print/job.ts). */
  readonly print: PrintJobArgs;
  /** A read-only static web map of chosen layers for a portal (gis-core/publish/job.ts). */
  readonly publish: PublishJobArgs;
}

/** What each kind of job answers when done. */
export interface JobResultByKind {
  readonly wait: { readonly slept: number };
  readonly flood: FloodJobResult;
  readonly import: ImportJobResult;
  readonly export: ExportJobResult;
  readonly 'sync-checkout': SyncJobResult;
  readonly 'sync-pull': SyncJobResult;
  readonly 'sync-push': SyncJobResult;
  readonly print: PrintJobResult;
  readonly publish: PublishJobResult;
}

export type JobKind = keyof JobArgsByKind;

export type JobRequest = { [K in JobKind]: { readonly kind: K; readonly args: JobArgsByKind[K] } }[JobKind];

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobInfo<K extends JobKind = JobKind> {
  readonly id: string;
  readonly kind: K;
  readonly state: JobState;
  /** 0 … 1. */
  readonly progress: number;
  /** What it is doing now, for a progress bar's caption. */
  readonly message?: Label;
  /** ISO 8601 UTC. */
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** When `state` is 'done'. */
  readonly result?: JobResultByKind[K];
  /** When `state` is 'failed'. */
  readonly error?: { readonly code: string; readonly message: string };
}

export interface JobApi {
  /** Starts a job; answers at once with its first state. Progress: poll `job(id)`. */
  jobStart(request: JobRequest): Promise<JobInfo>;
  /** A job's state now; UNKNOWN_JOB when there is none (jobs are kept until the core stops). */
  job(jobId: string): Promise<JobInfo>;
  /** Asks a running job to stop; it ends 'cancelled' and changes nothing. Answers its state. */
  jobCancel(jobId: string): Promise<JobInfo>;
  /** Every job since the core started, newest first. */
  jobList(): Promise<JobInfo[]>;
}

// ---------------------------------------------------------------------------------------------
// Rasters: the terrain and flood runs drawn for the map (gis-core/flood/rasters.ts)
// ---------------------------------------------------------------------------------------------

export type { FloodJobArgs, FloodJobResult, FloodReport, RasterImage, RasterImageRequest, RasterValue } from '../flood/types.js';
export type { ExportJobArgs, ExportJobResult, ImportJobArgs, ImportJobResult } from '../io/job-types.js';
export type { PublishJobArgs, PublishJobResult } from '../publish/job-types.js';

export interface RasterApi {
  /** The terrain (hillshade × elevation colours) or a flood run's depth (at its level or `level`) as a PNG for a box. */
  rasterImage(request: RasterImageRequest): Promise<RasterImage>;
  /** Ground elevation (and a run's water depth) at a point, project CRS. */
  rasterValue(x: number, y: number, options?: { readonly floodId?: string; readonly level?: number }): Promise<RasterValue>;
  /** A flood run's inundation polygons (GeoJSON, project CRS, 8-connected). */
  floodPolygons(floodId: string): Promise<{ readonly type: 'FeatureCollection'; readonly features: unknown[] }>;
}

// ---------------------------------------------------------------------------------------------
// Terrain as numbers: the DEM sampled on a grid, for the 3D view (gis-core/raster/terrain-grid.ts)
// ---------------------------------------------------------------------------------------------

/** The project's DEM sampled at the centres of a `columns × rows` grid over `bbox`. */
export interface TerrainGrid {
  readonly bbox: readonly [number, number, number, number];
  readonly columns: number;
  readonly rows: number;
  /** Elevations (m, to the cm), row-major, row 0 = north; null outside the DEM or on nodata. */
  readonly values: (number | null)[];
  readonly min: number | null;
  readonly max: number | null;
}

export interface TerrainApi {
  /** Elevations of the project's terrain (metadata `terrain`) on a grid over a box, project CRS; 2 … 512 a side. */
  terrainGrid(bbox: BBox, columns: number, rows: number): Promise<TerrainGrid>;
}

// ---------------------------------------------------------------------------------------------
// Sync with the provincial SDI server (sync/, docs/SYNC.md). Checkout, pull and push are jobs
// ('sync-checkout', 'sync-pull', 'sync-push'): long, with progress and cancel.
// ---------------------------------------------------------------------------------------------

export type {
  SyncChange,
  SyncChangeKind,
  SyncChangeset,
  SyncConflict,
  SyncConflictKind,
  SyncConnection,
  SyncConnectRequest,
  SyncCredentials,
  SyncJobResult,
  SyncLayerMapping,
  SyncProtocol,
  SyncResolution,
  SyncResolutionChoice,
  SyncStatus,
} from '../../sync/api-types.js';

export interface SyncApi {
  /** Connection, pending local changes, open conflicts and the outbox by state. */
  syncStatus(): Promise<SyncStatus>;
  /** Connects (protocol detected unless given), stores URL, protocol and layer mapping — never the secret. */
  syncConnect(request: SyncConnectRequest): Promise<SyncConnection>;
  /** Dry run: what a push would send and what it would overwrite on the server. */
  syncPreview(): Promise<SyncChangeset>;
  /** Stored conflicts (open first). */
  syncConflicts(): Promise<SyncConflict[]>;
  /** Resolves one conflict (keep mine, take theirs, or an edited value); answers the new status. */
  syncResolve(resolution: SyncResolution): Promise<SyncStatus>;
}

// ---------------------------------------------------------------------------------------------
// Planning information for citizens (gis-core/planning/, docs/KIOSK.md): the card of a parcel,
// the kiosk's lookups, the printable sheet
// ---------------------------------------------------------------------------------------------

export type {
  PlanInfo,
  PlanningCard,
  PlanningCardZone,
  PlanningLookupHit,
  PlanningLookupRequest,
  PlanningLookupResult,
  PlanningSheet,
} from '../planning/types.js';

/** Most hits one planning lookup answers (a lookup cannot list the database). */
export const PLANNING_LOOKUP_MAX_HITS = 10;
/** Fewest letters and digits an address or plan-code lookup needs. */
export const PLANNING_ADDRESS_MIN_CHARS = 4;
export const PLANNING_CODE_MIN_CHARS = 2;

export interface PlanningApi {
  /** Every zone the parcel falls in (m², share), their indicators, the red line distance, the plan and the disclaimer. */
  planningCard(parcelUuid: string): Promise<PlanningCard>;
  /** A parcel by tờ + thửa, by address, a zone by plan code, or the parcel under a point; at most PLANNING_LOOKUP_MAX_HITS hits. */
  planningLookup(request: PlanningLookupRequest): Promise<PlanningLookupResult>;
  /** The planning information sheet of a parcel as a PDF (map excerpt, card, disclaimer); `lang` 'vi' (default) or 'en'. */
  planningSheet(parcelUuid: string, options?: { readonly lang?: 'vi' | 'en' }): Promise<PlanningSheet>;
}

// ---------------------------------------------------------------------------------------------
// Import wizard (gis-core/io/preview.ts, docs/IMPORT-EXPORT.md): what a source holds before it
// is imported. `file` is a path on the core's machine: in serve mode, an upload's path
// (POST /api/uploads) or one under --files-root; anything else is FORBIDDEN.
// ---------------------------------------------------------------------------------------------

export type {
  EncodingChoice,
  FieldMapping,
  InspectedLayer,
  IoInspectOptions,
  IoInspectResult,
  IoMapping,
  IoMappingOptions,
  IoPreview,
  IoPreviewFeature,
  IoPreviewOptions,
} from '../io/api-types.js';

export interface IoApi {
  /** Layers, geometry types, counts, fields with decoded samples, detected CRS and suggestions, per-field encoding guesses. */
  ioInspect(file: string, options?: IoInspectOptions): Promise<IoInspectResult>;
  /** The first features read as the import would read them (chosen CRS and encoding), in the project CRS. */
  ioPreview(file: string, options?: IoPreviewOptions): Promise<IoPreview>;
  /** The suggested mapping of the source's fields to a layer's, and the one saved from the last import. */
  ioMapping(file: string, options: IoMappingOptions): Promise<IoMapping>;
}

// ---------------------------------------------------------------------------------------------
// Print layouts (gis-core/print/, docs/PRINT.md): templates saved in the project, the sheet's
// preview (the same drawing the PDF is printed from); output through the `print` job.
// ---------------------------------------------------------------------------------------------

export type { PrintFormat, PrintJobArgs, PrintJobResult } from '../print/job-types.js';
export type { Orientation, PaperSize, PrintLayout, PrintTemplate, TitleBlock } from '../print/layout.js';

export interface PrintPreview {
  /** The sheet as HTML (`<div class="pd-sheet">` with its own `<style>`), in mm, at paper size. */
  readonly sheet: string;
  readonly paperMm: readonly [number, number];
  readonly scale: number;
  /** The map frame's ground extent (project CRS). */
  readonly extent: readonly [number, number, number, number];
  readonly gridInterval: number;
  readonly truncated: readonly LayerId[];
}

export interface PrintApi {
  /** The print templates saved in the project, by name. */
  printTemplates(): Promise<PrintTemplate[]>;
  /** Saves (or replaces by name) a template; answers the list. */
  printTemplateSave(template: PrintTemplate): Promise<PrintTemplate[]>;
  /** Deletes a template by name; answers the list. */
  printTemplateDelete(name: string): Promise<PrintTemplate[]>;
  /** The sheet a layout prints, for the layout editor's preview. */
  printPreview(layout: PrintLayout): Promise<PrintPreview>;
}

// ---------------------------------------------------------------------------------------------
// Room for later issues (names reserved so transports stay 1:1): AnalysisApi …
// ---------------------------------------------------------------------------------------------

/** The whole API. Every method is async and takes and returns JSON-serialisable values. */
export interface PlanDeskApi extends ProjectApi, FeatureApi, SearchApi, CrsApi, EditApi, ValidateApi, JobApi, RasterApi, TerrainApi, SyncApi, PlanningApi, IoApi, PrintApi {}

export type ApiMethodName = keyof PlanDeskApi;

/** 'read' methods change nothing; 'write' methods change the project (a kiosk serves only the read methods marked `kiosk`). */
export type ApiAccess = 'read' | 'write';

export interface ApiMethodInfo {
  readonly access: ApiAccess;
  /** How many positional arguments the method takes (IPC checks the count). */
  readonly arity: number;
  /**
   * Served by a public kiosk (`plandesk serve --kiosk`): an explicit, narrow list — not every
   * 'read' method (the journal names authors, validation and rasters are office work). A method
   * without it answers 404 in kiosk mode.
   */
  readonly kiosk?: true;
}

/**
 * Every method of the contract, with its access. The IPC bridge generates one channel per
 * entry; the HTTP route table must give each entry one route (a test checks both).
 */
export const API_METHODS: { readonly [K in ApiMethodName]: ApiMethodInfo } = {
  project: { access: 'read', arity: 0, kiosk: true },
  layers: { access: 'read', arity: 0, kiosk: true },
  features: { access: 'read', arity: 2, kiosk: true },
  feature: { access: 'read', arity: 3 },
  search: { access: 'read', arity: 2 },
  crsList: { access: 'read', arity: 0, kiosk: true },
  editApply: { access: 'write', arity: 1 },
  editUndo: { access: 'write', arity: 0 },
  editRedo: { access: 'write', arity: 0 },
  editHistory: { access: 'read', arity: 1 },
  editBatch: { access: 'read', arity: 1 },
  validate: { access: 'read', arity: 1 },
  jobStart: { access: 'write', arity: 1 },
  job: { access: 'write', arity: 1 },
  jobCancel: { access: 'write', arity: 1 },
  jobList: { access: 'write', arity: 0 },
  rasterImage: { access: 'read', arity: 1 },
  rasterValue: { access: 'read', arity: 3 },
  floodPolygons: { access: 'read', arity: 1 },
  terrainGrid: { access: 'read', arity: 3 },
  // Sync state is the office's business, not a kiosk's: all 'write' (not served in kiosk mode).
  syncStatus: { access: 'write', arity: 0 },
  syncConnect: { access: 'write', arity: 1 },
  syncPreview: { access: 'write', arity: 0 },
  syncConflicts: { access: 'write', arity: 0 },
  syncResolve: { access: 'write', arity: 1 },
  planningCard: { access: 'read', arity: 1, kiosk: true },
  planningLookup: { access: 'read', arity: 1, kiosk: true },
  planningSheet: { access: 'read', arity: 2, kiosk: true },
  // They read files on the server's machine: 'write' (never in kiosk mode).
  ioInspect: { access: 'write', arity: 2 },
  ioPreview: { access: 'write', arity: 2 },
  ioMapping: { access: 'write', arity: 2 },
  printTemplates: { access: 'read', arity: 0 },
  printTemplateSave: { access: 'write', arity: 1 },
  printTemplateDelete: { access: 'write', arity: 1 },
  printPreview: { access: 'read', arity: 1 },
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
