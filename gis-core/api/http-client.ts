/**
 * The PlanDesk API over HTTP, for the renderer in serve mode (and tests): a PlanDeskApi whose
 * methods call the routes of API_ROUTES with fetch. Browser-safe: no Node imports.
 */
import type {
  ApiFeatureCollection,
  PrintLayout,
  PrintPreview,
  PrintTemplate,
  ApiFeatureDetail,
  ApiMethodName,
  BBox,
  CrsInfo,
  EditBatch,
  EditBatchDetail,
  EditHistory,
  EditResult,
  FeaturesQuery,
  IoInspectOptions,
  IoInspectResult,
  IoMapping,
  IoMappingOptions,
  IoPreview,
  IoPreviewOptions,
  JobInfo,
  JobRequest,
  LayerInfo,
  PlanDeskApi,
  ProjectDescription,
  RasterImage,
  RasterImageRequest,
  RasterValue,
  SearchOptions,
  SearchResult,
  SyncChangeset,
  SyncConflict,
  SyncConnection,
  SyncConnectRequest,
  SyncResolution,
  SyncStatus,
  TerrainGrid,
  ValidateOptions,
  ValidationReport,
  PlanningCard,
  PlanningLookupRequest,
  PlanningLookupResult,
  PlanningSheet,
} from './contract.js';
import { API_ROUTES, ApiError, featuresQueryToParams, fillPath, ioParams, isApiErrorBody, planningLookupToParams, rasterImageToParams, validateOptionsToParams } from './wire.js';

export interface HttpClientOptions {
  /** Where the server is, e.g. 'http://127.0.0.1:8080/' or location.origin; '' for same origin. */
  readonly baseUrl?: string;
  /** The server's access token, sent as `Authorization: Bearer …`. */
  readonly token?: string;
  readonly fetch?: typeof fetch;
}

export function createHttpClient(options: HttpClientOptions = {}): PlanDeskApi {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));

  async function call<T>(name: ApiMethodName, path: Record<string, string> = {}, params?: URLSearchParams, payload?: unknown): Promise<T> {
    const route = API_ROUTES[name];
    const query = params && [...params.keys()].length ? `?${params.toString()}` : '';
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const init: RequestInit = { method: route.method, headers };
    if (route.method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(payload ?? {});
    }
    const response = await doFetch(`${base}${fillPath(route.path, path)}${query}`, init);
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      if (isApiErrorBody(body)) throw new ApiError(body.error.code, body.error.message, response.status);
      throw new ApiError('INTERNAL', `HTTP ${response.status} from ${route.path}`, response.status);
    }
    return body as T;
  }

  /** A document route (`produces`): the bytes, as the contract's `{ fileName, contentType, base64 }`. */
  async function document(name: ApiMethodName, path: Record<string, string>, params: URLSearchParams): Promise<PlanningSheet> {
    const route = API_ROUTES[name];
    const headers: Record<string, string> = options.token ? { Authorization: `Bearer ${options.token}` } : {};
    const query = [...params.keys()].length ? `?${params.toString()}` : '';
    const response = await doFetch(`${base}${fillPath(route.path, path)}${query}`, { method: route.method, headers });
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      if (isApiErrorBody(body)) throw new ApiError(body.error.code, body.error.message, response.status);
      throw new ApiError('INTERNAL', `HTTP ${response.status} from ${route.path}`, response.status);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const fileName = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'document.pdf';
    return { fileName, contentType: 'application/pdf', base64: btoa(binary) };
  }

  return {
    project: () => call<ProjectDescription>('project'),
    layers: () => call<LayerInfo[]>('layers'),
    features: (layerId: string, query?: FeaturesQuery) =>
      call<ApiFeatureCollection>('features', { layerId }, featuresQueryToParams(query)),
    feature: (layerId: string, uuid: string, options?: { readonly crs?: string }) =>
      call<ApiFeatureDetail>('feature', { layerId, uuid }, new URLSearchParams(options?.crs ? { crs: options.crs } : {})),
    search: (text: string, options?: SearchOptions) =>
      call<SearchResult>(
        'search',
        {},
        new URLSearchParams({ q: text, ...(options?.limit !== undefined ? { limit: String(options.limit) } : {}) }),
      ),
    crsList: () => call<CrsInfo[]>('crsList'),
    editApply: (batch: EditBatch) => call<EditResult>('editApply', {}, undefined, batch),
    editUndo: () => call<EditResult>('editUndo'),
    editRedo: () => call<EditResult>('editRedo'),
    editHistory: (history?: { readonly limit?: number }) =>
      call<EditHistory>('editHistory', {}, new URLSearchParams(history?.limit !== undefined ? { limit: String(history.limit) } : {})),
    editBatch: (batchId: number) => call<EditBatchDetail>('editBatch', { batchId: String(batchId) }),
    validate: (validateOptions?: ValidateOptions) => call<ValidationReport>('validate', {}, validateOptionsToParams(validateOptions)),
    jobStart: (request: JobRequest) => call<JobInfo>('jobStart', {}, undefined, request),
    job: (jobId: string) => call<JobInfo>('job', { jobId }),
    jobCancel: (jobId: string) => call<JobInfo>('jobCancel', { jobId }),
    jobList: () => call<JobInfo[]>('jobList'),
    rasterImage: (request: RasterImageRequest) => call<RasterImage>('rasterImage', {}, rasterImageToParams(request)),
    rasterValue: (x: number, y: number, valueOptions?: { readonly floodId?: string; readonly level?: number }) =>
      call<RasterValue>(
        'rasterValue',
        {},
        new URLSearchParams({
          x: String(x),
          y: String(y),
          ...(valueOptions?.floodId !== undefined ? { floodId: valueOptions.floodId } : {}),
          ...(valueOptions?.level !== undefined ? { level: String(valueOptions.level) } : {}),
        }),
      ),
    floodPolygons: (floodId: string) => call<{ type: 'FeatureCollection'; features: unknown[] }>('floodPolygons', { floodId }),
    terrainGrid: (bbox: BBox, columns: number, rows: number) =>
      call<TerrainGrid>('terrainGrid', {}, new URLSearchParams({ bbox: bbox.join(','), columns: String(columns), rows: String(rows) })),
    syncStatus: () => call<SyncStatus>('syncStatus'),
    syncConnect: (request: SyncConnectRequest) => call<SyncConnection>('syncConnect', {}, undefined, request),
    syncPreview: () => call<SyncChangeset>('syncPreview'),
    syncConflicts: () => call<SyncConflict[]>('syncConflicts'),
    syncResolve: (resolution: SyncResolution) => call<SyncStatus>('syncResolve', {}, undefined, resolution),
    ioInspect: (file: string, inspectOptions?: IoInspectOptions) => call<IoInspectResult>('ioInspect', {}, ioParams(file, { ...inspectOptions })),
    ioPreview: (file: string, previewOptions?: IoPreviewOptions) => call<IoPreview>('ioPreview', {}, ioParams(file, { ...previewOptions })),
    ioMapping: (file: string, mappingOptions: IoMappingOptions) => call<IoMapping>('ioMapping', {}, ioParams(file, { ...mappingOptions })),
    planningCard: (parcelUuid: string) => call<PlanningCard>('planningCard', { uuid: parcelUuid }),
    planningLookup: (request: PlanningLookupRequest) => call<PlanningLookupResult>('planningLookup', {}, planningLookupToParams(request)),
    planningSheet: (parcelUuid: string, sheetOptions?: { readonly lang?: 'vi' | 'en' }) =>
      document('planningSheet', { uuid: parcelUuid }, new URLSearchParams(sheetOptions?.lang ? { lang: sheetOptions.lang } : {})),
    printTemplates: () => call<PrintTemplate[]>('printTemplates'),
    printTemplateSave: (template: PrintTemplate) => call<PrintTemplate[]>('printTemplateSave', {}, undefined, template),
    printTemplateDelete: (name: string) => call<PrintTemplate[]>('printTemplateDelete', { name }),
    printPreview: (layout: PrintLayout) => call<PrintPreview>('printPreview', {}, undefined, layout),
  };
}
