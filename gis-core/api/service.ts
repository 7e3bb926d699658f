/**
 * The one implementation of the PlanDesk API contract, over an open Project. Every transport
 * (IPC, HTTP, direct calls) reaches this object; it checks its own arguments, so a transport
 * only has to decode them.
 */
import type { GeoJSONGeometry } from '../../layers/types.js';
import type { CrsDefinition } from '../crs/registry.js';
import { getCrs, listCrs } from '../crs/registry.js';
import { transformGeometry } from '../crs/transform.js';
import { PlanDeskError } from '../errors.js';
import { describeProject } from '../project/describe.js';
import { describeLayers } from '../project/layer-infos.js';
import { checkBBox } from '../store/feature-query.js';
import type { Project } from '../store/project.js';
import type { BBox, FeatureQuery, StoredFeature } from '../store/types.js';
import { checkEditBatch } from '../edit/check-batch.js';
import { expandOperations } from '../edit/expand.js';
import { transformOperations } from '../edit/transform-operations.js';
import { isPlanDeskError } from '../errors.js';
import { JobManager } from '../jobs/manager.js';
import type { FileAccess } from '../jobs/file-access.js';
import { IO_PREVIEW_LIMIT_DEFAULT, IO_PREVIEW_LIMIT_MAX, type IoInspectOptions, type IoInspectResult, type IoMapping, type IoMappingOptions, type IoPreview, type IoPreviewOptions } from '../io/api-types.js';
import { inspectForProject, mappingFor, previewSource } from '../io/preview.js';
import { TEXT_ENCODINGS } from '../io/vn-text.js';
import { ProjectRasters } from '../flood/rasters.js';
import { projectTerrain, readDemInCrs } from '../flood/scenario.js';
import { cachedDem, checkTerrainGridArgs, sampleTerrainGrid } from '../raster/terrain-grid.js';
import { isUuid, newUuid } from '../util/uuid.js';
import { validateProject } from '../validate/engine.js';
import {
  FEATURE_LIMIT_DEFAULT,
  FEATURE_LIMIT_MAX,
  SEARCH_LIMIT_DEFAULT,
  SEARCH_LIMIT_MAX,
  type ApiFeature,
  type ApiFeatureCollection,
  type ApiFeatureDetail,
  type CrsInfo,
  type EditBatch,
  type EditBatchDetail,
  type EditHistory,
  type EditResult,
  type FeaturesQuery,
  type JobInfo,
  type JobRequest,
  type LayerInfo,
  type PlanDeskApi,
  type PrintLayout,
  type PrintPreview,
  type PrintTemplate,
  type ProjectDescription,
  type RasterImage,
  type RasterImageRequest,
  type RasterValue,
  type SearchOptions,
  type SearchResult,
  type TerrainGrid,
  type ValidateOptions,
  type ValidationReport,
} from './contract.js';
import { transformBBox } from './geometry-bbox.js';
import * as sync from '../../sync/engine/api.js';
import type { SyncChangeset, SyncConflict, SyncConnection, SyncConnectRequest, SyncResolution, SyncStatus } from '../../sync/api-types.js';
import { SearchCache, runSearch } from './search/search.js';
import { planningCard } from '../planning/card.js';
import { planningLookup } from '../planning/lookup.js';
import { planningSheet } from '../planning/sheet.js';
import { composeSheet } from '../print/compose.js';
import { checkLayout } from '../print/layout-check.js';
import { deleteTemplate, listTemplates, saveTemplate } from '../print/templates.js';
import type { PlanningCard, PlanningLookupRequest, PlanningLookupResult, PlanningSheet } from '../planning/types.js';

function invalid(message: string): PlanDeskError {
  return new PlanDeskError('INVALID_ARGUMENT', message);
}

function checkString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(`${what} must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

function checkInteger(value: unknown, what: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${what} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkObject<T extends object>(value: unknown, what: string): Partial<T> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${what} must be an object, got ${JSON.stringify(value)}`);
  return value as Partial<T>;
}

export interface PlanDeskServiceOptions {
  /** Limits the files io* calls and job arguments may name (serve mode); any file when absent. */
  readonly fileAccess?: FileAccess;
  /** Where each job's own folder is made (serve mode: the staging area). */
  readonly jobWorkRoot?: string;
}

export class PlanDeskService implements PlanDeskApi {
  private readonly search_: SearchCache;
  private readonly projectCrs: CrsDefinition;
  private readonly jobs: JobManager;
  private readonly rasters: ProjectRasters;
  private readonly fileAccess: FileAccess | undefined;

  constructor(
    readonly store: Project,
    options: PlanDeskServiceOptions = {},
  ) {
    this.search_ = new SearchCache(store);
    this.projectCrs = getCrs(store.info().crsEpsg);
    this.fileAccess = options.fileAccess;
    this.jobs = new JobManager(store, {
      ...(options.fileAccess ? { fileAccess: options.fileAccess } : {}),
      ...(options.jobWorkRoot ? { workRoot: options.jobWorkRoot } : {}),
    });
    this.rasters = new ProjectRasters(store);
  }

  async project(): Promise<ProjectDescription> {
    return describeProject(this.store);
  }

  async layers(): Promise<LayerInfo[]> {
    return describeLayers(this.store);
  }

  /** The CRS features come back in: the project CRS, or the one asked (UNKNOWN_CRS otherwise). */
  private outputCrs(crs: unknown): CrsDefinition {
    if (crs === undefined || crs === null || crs === '') return this.projectCrs;
    return getCrs(checkString(crs, 'crs'));
  }

  private geometryIn(geometry: GeoJSONGeometry, crs: CrsDefinition): GeoJSONGeometry {
    return crs.epsg === this.projectCrs.epsg ? geometry : transformGeometry(geometry, this.projectCrs, crs);
  }

  private toFeature(stored: StoredFeature, crs: CrsDefinition): ApiFeature {
    return { type: 'Feature', id: stored.uuid, fid: stored.fid, geometry: this.geometryIn(stored.geometry, crs), properties: stored.properties };
  }

  async features(layerId: string, query?: FeaturesQuery): Promise<ApiFeatureCollection> {
    const layer = this.store.layer(checkString(layerId, 'layerId'));
    const q = checkObject<FeaturesQuery>(query, 'the features query');
    const limit = checkInteger(q.limit, 'limit', 1, FEATURE_LIMIT_MAX, FEATURE_LIMIT_DEFAULT);
    const offset = checkInteger(q.offset, 'offset', 0, Number.MAX_SAFE_INTEGER, 0);
    const crs = this.outputCrs(q.crs);
    let bbox: BBox | undefined;
    if (q.bbox !== undefined && q.bbox !== null) {
      checkBBox(q.bbox);
      // The box is in the output CRS: its envelope in the project CRS is what the R*Tree is asked.
      bbox = crs.epsg === this.projectCrs.epsg ? q.bbox : transformBBox(q.bbox, crs, this.projectCrs);
    }
    if (q.where !== undefined && !Array.isArray(q.where)) throw invalid('where must be a list of conditions');
    if (q.orderBy !== undefined) {
      const orderBy = checkObject<{ field: string }>(q.orderBy, 'orderBy');
      checkString(orderBy.field, 'orderBy.field');
    }
    const filter: FeatureQuery = { ...(bbox ? { bbox } : {}), ...(q.where ? { where: q.where } : {}) };
    // One row more than the limit tells whether the limit cut the result.
    const rows = this.store.features(layer.id, { ...filter, ...(q.orderBy ? { orderBy: q.orderBy } : {}), limit: limit + 1, offset });
    const truncated = rows.length > limit;
    if (truncated) rows.pop();
    const numberMatched =
      !truncated && (rows.length > 0 || offset === 0) ? offset + rows.length : this.store.count(layer.id, filter);
    return {
      type: 'FeatureCollection',
      layerId: layer.id,
      crs: crs.code,
      features: rows.map((row) => this.toFeature(row, crs)),
      numberMatched,
      numberReturned: rows.length,
      truncated,
      limit,
      offset,
    };
  }

  async feature(layerId: string, uuid: string, options?: { readonly crs?: string }): Promise<ApiFeatureDetail> {
    const layer = this.store.layer(checkString(layerId, 'layerId'));
    if (!isUuid(uuid)) throw invalid(`"${String(uuid)}" is not a feature uuid`);
    const crs = this.outputCrs(checkObject<{ crs: string }>(options, 'options').crs);
    const stored = this.store.featureByUuid(layer.id, uuid);
    if (!stored) throw new PlanDeskError('UNKNOWN_FEATURE', `Layer ${layer.id} has no feature ${uuid}`);
    return {
      ...this.toFeature(stored, crs),
      layerId: layer.id,
      extraAttributes: stored.extraAttributes,
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
      updatedBy: stored.updatedBy,
      crs: crs.code,
    };
  }

  async search(text: string, options?: SearchOptions): Promise<SearchResult> {
    if (typeof text !== 'string') throw invalid(`search text must be a string, got ${JSON.stringify(text)}`);
    if (text.length > 200) throw invalid('search text is longer than 200 characters');
    const limit = checkInteger(checkObject<SearchOptions>(options, 'search options').limit, 'limit', 1, SEARCH_LIMIT_MAX, SEARCH_LIMIT_DEFAULT);
    if (text.trim() === '') return { query: text, understood: {}, hits: [], truncated: false };
    return runSearch(this.store, this.search_, text, limit);
  }

  async crsList(): Promise<CrsInfo[]> {
    return listCrs().map((crs) => ({ ...crs }));
  }

  // ------------------------------------------------------------------------------- edits

  async editApply(batch: EditBatch): Promise<EditResult> {
    const checked = checkEditBatch(batch);
    const crs = this.outputCrs(checked.crs);
    const operations = crs.epsg === this.projectCrs.epsg ? checked.operations : transformOperations(checked.operations, crs, this.projectCrs);
    try {
      return this.store.applyEdits(
        { source: checked.source ?? 'ui', ...(checked.author ? { author: checked.author } : {}), ...(checked.message ? { message: checked.message } : {}) },
        (reader) => expandOperations(operations, reader, { topology: checked.topology ?? true, newUuid }),
      );
    } catch (error) {
      // A batch naming a feature that is not there is a bad request (400), not a missing resource.
      if (isPlanDeskError(error) && error.code === 'UNKNOWN_FEATURE') throw new PlanDeskError('INVALID_FEATURE', error.message);
      throw error;
    }
  }

  async editUndo(): Promise<EditResult> {
    return this.store.undo();
  }

  async editRedo(): Promise<EditResult> {
    return this.store.redo();
  }

  async editHistory(options?: { readonly limit?: number }): Promise<EditHistory> {
    const limit = checkInteger(checkObject<{ limit: number }>(options, 'history options').limit, 'limit', 1, 500, 50);
    return { entries: this.store.editHistory(limit), ...this.store.editState() };
  }

  async editBatch(batchId: number): Promise<EditBatchDetail> {
    return this.store.editBatch(checkInteger(batchId, 'batchId', 1, Number.MAX_SAFE_INTEGER, 0));
  }

  // ------------------------------------------------------------------------------- validation

  async validate(options?: ValidateOptions): Promise<ValidationReport> {
    const o = checkObject<ValidateOptions>(options, 'validation options');
    if (o.layers !== undefined) {
      if (!Array.isArray(o.layers)) throw invalid('layers must be a list of layer ids');
      for (const id of o.layers) this.store.layer(checkString(id, 'layer id'));
    }
    if (o.rules !== undefined && (!Array.isArray(o.rules) || !o.rules.every((r) => typeof r === 'string'))) throw invalid('rules must be a list of rule codes');
    if (o.bbox !== undefined) checkBBox(o.bbox);
    return validateProject(this.store, o);
  }

  // ------------------------------------------------------------------------------- jobs

  async jobStart(request: JobRequest): Promise<JobInfo> {
    return this.jobs.start(request);
  }

  async job(jobId: string): Promise<JobInfo> {
    return this.jobs.get(checkString(jobId, 'jobId'));
  }

  async jobCancel(jobId: string): Promise<JobInfo> {
    return this.jobs.cancel(checkString(jobId, 'jobId'));
  }

  async jobList(): Promise<JobInfo[]> {
    return this.jobs.list();
  }

  // ------------------------------------------------------------------------------- rasters

  async rasterImage(request: RasterImageRequest): Promise<RasterImage> {
    return this.rasters.image(request);
  }

  async rasterValue(x: number, y: number, options?: { readonly floodId?: string; readonly level?: number }): Promise<RasterValue> {
    const o = checkObject<{ floodId: string; level: number }>(options, 'raster value options');
    return this.rasters.value(x, y, o.floodId, o.level);
  }

  async floodPolygons(floodId: string): Promise<{ readonly type: 'FeatureCollection'; readonly features: unknown[] }> {
    return this.rasters.polygons(floodId);
  }

  // ------------------------------------------------------------------------------- terrain grid

  async terrainGrid(bbox: BBox, columns: number, rows: number): Promise<TerrainGrid> {
    checkTerrainGridArgs(bbox, columns, rows);
    const dem = await cachedDem(this.store, async () => (await readDemInCrs(projectTerrain(this.store), this.store.info().crsEpsg)).dem);
    return sampleTerrainGrid(dem, bbox, columns, rows);
  }

  // ------------------------------------------------------------------------------- import wizard (io/preview.ts)

  private sourceFile(file: unknown): string {
    const path = checkString(file, 'file');
    this.fileAccess?.checkRead(path, 'the source file');
    return path;
  }

  async ioInspect(file: string, options?: IoInspectOptions): Promise<IoInspectResult> {
    const o = checkObject<IoInspectOptions>(options, 'inspect options');
    return inspectForProject(this.store, this.sourceFile(file), o.upperCaseFont === true ? { upperCaseFont: true } : {});
  }

  async ioPreview(file: string, options?: IoPreviewOptions): Promise<IoPreview> {
    const o = checkObject<IoPreviewOptions>(options, 'preview options');
    if (o.encoding !== undefined && !['auto', ...TEXT_ENCODINGS].includes(o.encoding)) throw invalid(`encoding must be auto, ${TEXT_ENCODINGS.join(', ')}`);
    if (o.srcCrs !== undefined) getCrs(o.srcCrs);
    if (o.sourceLayer !== undefined) checkString(o.sourceLayer, 'sourceLayer');
    return previewSource(this.store, this.sourceFile(file), {
      ...(o.sourceLayer !== undefined ? { sourceLayer: o.sourceLayer } : {}),
      ...(o.srcCrs !== undefined ? { srcCrs: o.srcCrs } : {}),
      ...(o.encoding !== undefined ? { encoding: o.encoding } : {}),
      ...(o.upperCaseFont === true ? { upperCaseFont: true } : {}),
      limit: checkInteger(o.limit, 'limit', 1, IO_PREVIEW_LIMIT_MAX, IO_PREVIEW_LIMIT_DEFAULT),
    });
  }

  async ioMapping(file: string, options: IoMappingOptions): Promise<IoMapping> {
    const o = checkObject<IoMappingOptions>(options, 'mapping options');
    const layer = this.store.layer(checkString(o.layer, 'layer')).id;
    if (o.sourceLayer !== undefined) checkString(o.sourceLayer, 'sourceLayer');
    return mappingFor(this.store, this.sourceFile(file), {
      layer,
      ...(o.sourceLayer !== undefined ? { sourceLayer: o.sourceLayer } : {}),
      ...(o.upperCaseFont === true ? { upperCaseFont: true } : {}),
    });
  }

  // ------------------------------------------------------------------------------- sync (sync/engine/api.ts)

  async syncStatus(): Promise<SyncStatus> {
    return sync.syncStatus(this.store);
  }

  async syncConnect(request: SyncConnectRequest): Promise<SyncConnection> {
    return sync.syncConnect(this.store, request);
  }

  async syncPreview(): Promise<SyncChangeset> {
    return sync.syncPreview(this.store);
  }

  async syncConflicts(): Promise<SyncConflict[]> {
    return sync.syncConflicts(this.store);
  }

  async syncResolve(resolution: SyncResolution): Promise<SyncStatus> {
    return sync.syncResolve(this.store, resolution);
  }

  // ------------------------------------------------------------------------------- planning (gis-core/planning/)

  async planningCard(parcelUuid: string): Promise<PlanningCard> {
    return planningCard(this.store, checkString(parcelUuid, 'parcelUuid'));
  }

  async planningLookup(request: PlanningLookupRequest): Promise<PlanningLookupResult> {
    return planningLookup(this.store, this.search_, request);
  }

  async planningSheet(parcelUuid: string, options?: { readonly lang?: 'vi' | 'en' }): Promise<PlanningSheet> {
    const lang = checkObject<{ lang: string }>(options, 'sheet options').lang ?? 'vi';
    if (lang !== 'vi' && lang !== 'en') throw invalid(`lang must be "vi" or "en", got ${JSON.stringify(lang)}`);
    return planningSheet(this.store, checkString(parcelUuid, 'parcelUuid'), lang);
  }

  // ------------------------------------------------------------------------------- print layouts

  async printTemplates(): Promise<PrintTemplate[]> {
    return listTemplates(this.store);
  }

  async printTemplateSave(template: PrintTemplate): Promise<PrintTemplate[]> {
    return saveTemplate(this.store, template);
  }

  async printTemplateDelete(name: string): Promise<PrintTemplate[]> {
    return deleteTemplate(this.store, checkString(name, 'template name'));
  }

  async printPreview(layout: PrintLayout): Promise<PrintPreview> {
    const sheet = composeSheet(this.store, checkLayout(layout));
    return { sheet: sheet.sheet, paperMm: sheet.paperMm, scale: sheet.scale, extent: sheet.extent, gridInterval: sheet.gridInterval, truncated: sheet.truncated };
  }
}
