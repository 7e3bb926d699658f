/**
 * What both ends of the HTTP transport share: the route of every contract method (ONE table),
 * how a features query becomes URL parameters, the HTTP status of each error code, and the
 * error type a client throws. Browser-safe: no Node imports.
 */
import type { ApiErrorBody, ApiErrorCode, ApiMethodName, FeaturesQuery, PlanningLookupRequest, RasterImageRequest, ValidateOptions } from './contract.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** Path template; `{name}` is one URL segment, decoded, passed to the method. */
  readonly path: string;
  /**
   * The route answers a document of this type instead of JSON: the method's result is
   * `{ contentType, base64 }` (e.g. PlanningSheet) and the server sends the decoded bytes.
   */
  readonly produces?: 'application/pdf';
}

/**
 * The HTTP route of every contract method. Adding a method to the contract without a route
 * here is a type error. Write methods (later) use POST/PUT/DELETE with a JSON body.
 */
export const API_ROUTES: { readonly [K in ApiMethodName]: RouteSpec } = {
  project: { method: 'GET', path: '/api/project' },
  layers: { method: 'GET', path: '/api/layers' },
  features: { method: 'GET', path: '/api/layers/{layerId}/features' },
  feature: { method: 'GET', path: '/api/layers/{layerId}/features/{uuid}' },
  search: { method: 'GET', path: '/api/search' },
  crsList: { method: 'GET', path: '/api/crs' },
  editApply: { method: 'POST', path: '/api/edits' },
  editUndo: { method: 'POST', path: '/api/edits/undo' },
  editRedo: { method: 'POST', path: '/api/edits/redo' },
  editHistory: { method: 'GET', path: '/api/edits' },
  editBatch: { method: 'GET', path: '/api/edits/{batchId}' },
  validate: { method: 'GET', path: '/api/validation' },
  jobStart: { method: 'POST', path: '/api/jobs' },
  job: { method: 'GET', path: '/api/jobs/{jobId}' },
  jobCancel: { method: 'POST', path: '/api/jobs/{jobId}/cancel' },
  jobList: { method: 'GET', path: '/api/jobs' },
  rasterImage: { method: 'GET', path: '/api/rasters/image' },
  rasterValue: { method: 'GET', path: '/api/rasters/value' },
  floodPolygons: { method: 'GET', path: '/api/floods/{floodId}/polygons' },
  terrainGrid: { method: 'GET', path: '/api/terrain/grid' },
  syncStatus: { method: 'GET', path: '/api/sync' },
  syncConnect: { method: 'POST', path: '/api/sync/connection' },
  syncPreview: { method: 'GET', path: '/api/sync/preview' },
  syncConflicts: { method: 'GET', path: '/api/sync/conflicts' },
  syncResolve: { method: 'POST', path: '/api/sync/conflicts/resolve' },
  planningCard: { method: 'GET', path: '/api/planning/parcels/{uuid}/card' },
  planningLookup: { method: 'GET', path: '/api/planning/lookup' },
  planningSheet: { method: 'GET', path: '/api/planning/parcels/{uuid}/sheet.pdf', produces: 'application/pdf' },
  ioInspect: { method: 'GET', path: '/api/io/inspect' },
  ioPreview: { method: 'GET', path: '/api/io/preview' },
  ioMapping: { method: 'GET', path: '/api/io/mapping' },
  printTemplates: { method: 'GET', path: '/api/print/templates' },
  printTemplateSave: { method: 'POST', path: '/api/print/templates' },
  printTemplateDelete: { method: 'DELETE', path: '/api/print/templates/{name}' },
  // POST: a layout does not fit a URL comfortably; it changes nothing (read access).
  printPreview: { method: 'POST', path: '/api/print/preview' },
};

/** URL parameters of a planning lookup: by=parcel&sheet=&parcel= | by=address&text= | by=plan&code= | by=point&x=&y=. */
export function planningLookupToParams(request: PlanningLookupRequest): URLSearchParams {
  switch (request.by) {
    case 'parcel':
      return new URLSearchParams({ by: 'parcel', sheet: String(request.sheet), parcel: String(request.parcel) });
    case 'address':
      return new URLSearchParams({ by: 'address', text: request.text });
    case 'plan':
      return new URLSearchParams({ by: 'plan', code: request.code });
    case 'point':
      return new URLSearchParams({ by: 'point', x: String(request.x), y: String(request.y) });
  }
}

/** Fills a path template: `fillPath('/api/layers/{layerId}', { layerId: 'roads' })`. */
export function fillPath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path ${template} needs {${name}}`);
    return encodeURIComponent(value);
  });
}

/** URL parameters of a features query (the inverse of the server's parser). */
export function featuresQueryToParams(query: FeaturesQuery = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (query.bbox) params.set('bbox', query.bbox.join(','));
  if (query.crs) params.set('crs', query.crs);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  if (query.orderBy) params.set('orderBy', `${query.orderBy.descending ? '-' : ''}${query.orderBy.field}`);
  if (query.where?.length) params.set('where', JSON.stringify(query.where));
  return params;
}

/** URL parameters of a validation request: layers=a,b&rules=X,Y&bbox=minx,miny,maxx,maxy. */
export function validateOptionsToParams(options: ValidateOptions = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (options.layers?.length) params.set('layers', options.layers.join(','));
  if (options.rules?.length) params.set('rules', options.rules.join(','));
  if (options.bbox) params.set('bbox', options.bbox.join(','));
  return params;
}

/** URL parameters of a raster image request: source, bbox, width, height, floodId?, level?. */
export function rasterImageToParams(request: RasterImageRequest): URLSearchParams {
  const params = new URLSearchParams({ source: request.source, bbox: request.bbox.join(','), width: String(request.width), height: String(request.height) });
  if (request.floodId !== undefined) params.set('floodId', request.floodId);
  if (request.level !== undefined) params.set('level', String(request.level));
  return params;
}

/** URL parameters of the import wizard's io* calls: file plus the options given. */
export function ioParams(file: string, options: Readonly<Record<string, string | number | boolean | undefined>> = {}): URLSearchParams {
  const params = new URLSearchParams({ file });
  for (const [key, value] of Object.entries(options)) if (value !== undefined && value !== false) params.set(key, String(value));
  return params;
}

/** HTTP status for an error code. */
export function httpStatusFor(code: ApiErrorCode): number {
  switch (code) {
    case 'INVALID_ARGUMENT':
    case 'UNKNOWN_CRS':
    case 'UNKNOWN_FIELD':
    case 'TRANSFORM_FAILED':
    case 'INVALID_FEATURE':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'UNKNOWN_LAYER':
    case 'UNKNOWN_FEATURE':
    case 'UNKNOWN_BATCH':
    case 'UNKNOWN_JOB':
    case 'NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'READ_ONLY':
    case 'FILE_LOCKED':
    case 'CONFLICT':
    case 'NOTHING_TO_UNDO':
    case 'NOTHING_TO_REDO':
    case 'SYNC_NOT_CONNECTED':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'SYNC_AUTH_FAILED':
    case 'SYNC_SERVER_ERROR':
      return 502;
    case 'SYNC_UNREACHABLE':
      return 504;
    default:
      return 500;
  }
}

/** What a client throws when a call fails: the server's code and message, and the HTTP status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
