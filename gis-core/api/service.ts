/**
 * The one implementation of the PlanDesk API contract, over an open Project. Every transport
 * (IPC, HTTP, direct calls) reaches this object; it checks its own arguments, so a transport
 * only has to decode them.
 */
import { LAYERS, LAYER_GROUPS } from '../../layers/index.js';
import type { GeoJSONGeometry, LayerGroupId } from '../../layers/types.js';
import type { CrsDefinition } from '../crs/registry.js';
import { getCrs, listCrs } from '../crs/registry.js';
import { transformGeometry } from '../crs/transform.js';
import { PlanDeskError } from '../errors.js';
import { describeProject } from '../project/describe.js';
import { checkBBox } from '../store/feature-query.js';
import type { Project } from '../store/project.js';
import type { BBox, FeatureQuery, StoredFeature } from '../store/types.js';
import { checkEditBatch } from '../edit/check-batch.js';
import { expandOperations } from '../edit/expand.js';
import { transformOperations } from '../edit/transform-operations.js';
import { isPlanDeskError } from '../errors.js';
import { JobManager } from '../jobs/manager.js';
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

const GROUPS: ReadonlyMap<LayerGroupId, (typeof LAYER_GROUPS)[number]> = new Map(LAYER_GROUPS.map((g) => [g.id, g]));

export class PlanDeskService implements PlanDeskApi {
  private readonly search_: SearchCache;
  private readonly projectCrs: CrsDefinition;
  private readonly jobs: JobManager;
  private readonly rasters: ProjectRasters;

  constructor(readonly store: Project) {
    this.search_ = new SearchCache(store);
    this.projectCrs = getCrs(store.info().crsEpsg);
    this.jobs = new JobManager(store);
    this.rasters = new ProjectRasters(store);
  }

  async project(): Promise<ProjectDescription> {
    return describeProject(this.store);
  }

  async layers(): Promise<LayerInfo[]> {
    return this.store
      .layers()
      .map((summary): LayerInfo => {
        const layer = this.store.layer(summary.id);
        const group = GROUPS.get(layer.group) ?? { id: layer.group, label: { vi: layer.group, en: layer.group }, order: 99 };
        return {
          id: layer.id,
          label: layer.label,
          group: { id: group.id, label: group.label, order: group.order },
          drawOrder: LAYERS.indexOf(layer),
          geometryType: layer.geometryType,
          style: layer.style,
          fields: layer.fields,
          featureCount: summary.featureCount,
          extent: summary.extent,
          srid: summary.srid,
        };
      })
      .sort((a, b) => a.drawOrder - b.drawOrder);
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
}
