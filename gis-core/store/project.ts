/**
 * A PlanDesk project: one SpatiaLite file in the province's VN-2000 CRS, holding every domain
 * layer as a spatial table. This class owns the connection; everything that reads or writes
 * the file goes through it.
 */
import type { Statement } from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { LAYERS, getLayer, isLayerId } from '../../layers/index.js';
import type { LayerDefinition, LayerId } from '../../layers/types.js';
import { PlanDeskError } from '../errors.js';
import type { EditBatchDetail, EditHistoryEntry, EditState } from '../api/contract.js';
import type { EditFeature, EditReader } from '../edit/types.js';
import { newUuid } from '../util/uuid.js';
import { openSpatialite, translateSqliteError, type SqliteDatabase } from './database.js';
import { BULK_INDEX_THRESHOLD, EditJournal, type BatchMeta, type BatchOutcome } from './edits.js';
import type { BasicOperation } from '../edit/types.js';
import { compileCount, compileSelect } from './feature-query.js';
import { installJournalTriggers } from './journal.js';
import { GEOMETRY_COLUMN, addMissingColumns, createLayerTable, quoteIdentifier, rowToFeature, suspendIndexTriggers } from './layer-table.js';
import { RowWriter, checkFeature } from './row-writer.js';
import { SyncStateStore } from './sync-state.js';
import { rtreeRootExtent } from './rtree.js';
import { APPLICATION_ID, SCHEMA_VERSION, migrate } from './schema.js';
import type { BBox, FeatureQuery, LayerSummary, NewFeature, ProjectInfo, StoredFeature } from './types.js';

export interface CreateProjectOptions {
  readonly name: string;
  readonly province: string;
  /** EPSG code of the working CRS (a VN-2000 projected CRS, e.g. 5897). */
  readonly crsEpsg: number;
  /** Which layers to create; all PlanDesk layers by default. */
  readonly layers?: readonly LayerId[];
}

export interface OpenProjectOptions {
  readonly readonly?: boolean;
}

export interface InsertOptions {
  /** Recorded as `updated_by`; the OS user by default. */
  readonly author?: string;
  /** Called every `progressEvery` features with the count so far. */
  readonly onProgress?: (inserted: number) => void;
  readonly progressEvery?: number;
}


/** SRIDs every project carries besides its own: WGS 84, Web Mercator, VN-2000 geographic. */
const COMPANION_SRIDS = [4326, 3857, 4756];

function nowIso(): string {
  return new Date().toISOString();
}

function defaultAuthor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'plandesk';
  }
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

export class Project {
  private readonly layerIds: readonly LayerId[];
  private readonly srid: number;
  private readonly journal: EditJournal;

  private constructor(
    readonly file: string,
    private readonly db: SqliteDatabase,
    readonly readonly: boolean,
  ) {
    const rows = db.prepare(`SELECT layer_id, srid FROM plandesk_layers ORDER BY rowid`).all() as {
      layer_id: string;
      srid: number;
    }[];
    // Tables for layers this version of PlanDesk does not know are left alone, not shown.
    this.layerIds = rows.map((r) => r.layer_id).filter(isLayerId);
    this.srid = Number(this.getMetadata('crs_epsg'));
    // A committed batch must survive a power cut, not only a killed process: fsync the WAL on commit.
    if (!readonly) db.pragma('synchronous = FULL');
    // Statement journals in memory: every journaled write (an INSERT whose trigger writes the
    // journal row) keeps its pages' prior state for a statement rollback, and past 64 KiB SQLite
    // spills that to a temporary file — ~15 pwrite calls per imported feature. In memory the
    // write phase of a 200k import spends a quarter less CPU (bench/RESULTS.md, import).
    if (!readonly) db.pragma('temp_store = MEMORY');
    this.journal = new EditJournal({
      db,
      file,
      srid: this.srid,
      layer: (id) => this.layer(id),
      featureByUuid: (layerId, uuid) => this.featureByUuid(layerId, uuid),
      reader: () => this.reader(),
      touch: (now) => this.touch(now),
    });
  }

  /** Creates a new project file. Fails if the file exists; leaves nothing behind on failure. */
  static create(file: string, options: CreateProjectOptions): Project {
    if (!options.name.trim()) throw new PlanDeskError('INVALID_ARGUMENT', 'A project needs a name');
    if (!Number.isInteger(options.crsEpsg) || options.crsEpsg <= 0) {
      throw new PlanDeskError('INVALID_ARGUMENT', `Invalid CRS EPSG code: ${options.crsEpsg}`);
    }
    const db = openSpatialite(file, { create: true });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`application_id = ${APPLICATION_ID}`);
      // Spatial metadata with only the SRIDs this project uses, not the whole EPSG table (6 MB).
      db.prepare(`SELECT InitSpatialMetadata(1, 'NONE')`).get();
      for (const srid of new Set([options.crsEpsg, ...COMPANION_SRIDS])) {
        const row = db.prepare(`SELECT InsertEpsgSrid(CAST(? AS INTEGER)) AS ok`).get(srid) as { ok: number };
        if (row.ok !== 1 && srid === options.crsEpsg) {
          throw new PlanDeskError('UNKNOWN_CRS', `SpatiaLite does not know EPSG:${srid}; cannot create ${file} in it`);
        }
      }
      migrate(db);
      const now = nowIso();
      db.transaction(() => {
        const meta = db.prepare(`INSERT INTO plandesk_project (key, value) VALUES (?, ?)`);
        meta.run('name', options.name.trim());
        meta.run('province', options.province.trim());
        meta.run('crs_epsg', String(options.crsEpsg));
        meta.run('created_at', now);
        meta.run('updated_at', now);
        for (const id of options.layers ?? LAYERS.map((l) => l.id)) {
          createLayerTable(db, getLayer(id), options.crsEpsg, now);
          installJournalTriggers(db, getLayer(id));
        }
      })();
    } catch (error) {
      db.close();
      removeDatabaseFiles(file);
      throw translateSqliteError(file, error);
    }
    return new Project(file, db, false);
  }

  /** Opens an existing project, migrating it to the current schema unless read-only. */
  static open(file: string, options: OpenProjectOptions = {}): Project {
    const readonly = options.readonly ?? false;
    const db = openSpatialite(file, { readonly });
    try {
      const applicationId = db.pragma('application_id', { simple: true }) as number;
      if (applicationId !== APPLICATION_ID) {
        throw new PlanDeskError(
          'NOT_A_PROJECT',
          `${file} is a SQLite database but not a PlanDesk project (create one with "plandesk demo" or import this data instead)`,
        );
      }
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) {
        throw new PlanDeskError(
          'SCHEMA_TOO_NEW',
          `${file} was written by a newer PlanDesk (file format ${version}, this version reads up to ${SCHEMA_VERSION}); update PlanDesk`,
        );
      }
      if (!readonly) {
        migrate(db);
        db.transaction(() => {
          for (const layer of LAYERS) {
            // New columns: the journal's triggers list the columns, so they are made again.
            if (hasLayerTable(db, layer.id) && addMissingColumns(db, layer)) installJournalTriggers(db, layer);
          }
        })();
      }
      return new Project(file, db, readonly);
    } catch (error) {
      db.close();
      throw translateSqliteError(file, error);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `work`, turning SQLite failures into PlanDeskErrors that name this file. */
  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw translateSqliteError(this.file, error);
    }
  }

  private assertWritable(): void {
    if (this.readonly) throw new PlanDeskError('READ_ONLY', `${this.file} is open read-only`);
  }

  info(): ProjectInfo {
    return {
      file: this.file,
      name: this.getMetadata('name') ?? '',
      province: this.getMetadata('province') ?? '',
      crsEpsg: this.srid,
      createdAt: this.getMetadata('created_at') ?? '',
      updatedAt: this.getMetadata('updated_at') ?? '',
      schemaVersion: this.guard(() => this.db.pragma('user_version', { simple: true }) as number),
    };
  }

  getMetadata(key: string): string | undefined {
    return this.guard(
      () => (this.db.prepare(`SELECT value FROM plandesk_project WHERE key = ?`).get(key) as { value: string } | undefined)?.value,
    );
  }

  setMetadata(key: string, value: string): void {
    this.assertWritable();
    this.guard(() =>
      this.db
        .prepare(`INSERT INTO plandesk_project (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
        .run(key, value),
    );
  }

  /** The definition of a layer this project has; UNKNOWN_LAYER otherwise. */
  layer(id: string): LayerDefinition {
    if (!isLayerId(id) || !this.layerIds.includes(id)) {
      throw new PlanDeskError('UNKNOWN_LAYER', `Project ${this.file} has no layer "${id}" (layers: ${this.layerIds.join(', ')})`);
    }
    return getLayer(id);
  }

  layers(): LayerSummary[] {
    return this.layerIds.map((id) => {
      const layer = getLayer(id);
      return {
        id,
        label: layer.label,
        geometryType: layer.geometryType,
        srid: this.srid,
        featureCount: this.count(id),
        extent: this.extent(id),
      };
    });
  }

  count(layerId: string, query: Omit<FeatureQuery, 'orderBy' | 'limit' | 'offset'> = {}): number {
    const layer = this.layer(layerId);
    const { sql, params } = compileCount(layer, query, this.srid);
    return this.guard(() => (this.db.prepare(sql).get(...params) as { n: number }).n);
  }

  /** Extent of a layer from its R*Tree's root node (see rtree.ts); null when empty. */
  extent(layerId: string): BBox | null {
    const layer = this.layer(layerId);
    const root = this.guard(
      () =>
        this.db.prepare(`SELECT data FROM ${quoteIdentifier(`idx_${layer.id}_${GEOMETRY_COLUMN}_node`)} WHERE nodeno = 1`).get() as
          | { data: Buffer }
          | undefined,
    );
    return root ? rtreeRootExtent(root.data) : null;
  }

  /** Features matching the query, in key order unless `orderBy` says otherwise. */
  features(layerId: string, query: FeatureQuery = {}): StoredFeature[] {
    const layer = this.layer(layerId);
    const { sql, params } = compileSelect(layer, query, this.srid);
    const rows = this.guard(() => this.cachedStatement(sql).all(...params)) as Record<string, unknown>[];
    return rows.map((row) => rowToFeature(layer, row));
  }

  /**
   * Prepared statements of materialised queries, by SQL (an edit batch looks features up by uuid
   * thousands of times; preparing costs more than the lookup). Never used for `iterate`: a
   * statement being iterated cannot run again until it is done.
   */
  private readonly statements = new Map<string, Statement<unknown[]>>();

  private cachedStatement(sql: string): Statement<unknown[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= 256) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Like `features`, streaming rows (for exports and checks over whole layers). */
  *iterateFeatures(layerId: string, query: FeatureQuery = {}): Generator<StoredFeature> {
    const layer = this.layer(layerId);
    const { sql, params } = compileSelect(layer, query, this.srid);
    const rows = this.guard(() => this.db.prepare(sql).iterate(...params)) as IterableIterator<Record<string, unknown>>;
    try {
      for (const row of rows) yield rowToFeature(layer, row);
    } catch (error) {
      throw translateSqliteError(this.file, error);
    }
  }

  /** Distinct non-null values of a field, each with how many features carry it, in value order. */
  distinctValues(layerId: string, field: string): { value: string | number; count: number }[] {
    const layer = this.layer(layerId);
    if (!layer.fields.some((f) => f.key === field)) {
      throw new PlanDeskError('UNKNOWN_FIELD', `Layer ${layer.id} has no field "${field}" (fields: ${layer.fields.map((f) => f.key).join(', ')})`);
    }
    const column = quoteIdentifier(field);
    return this.guard(
      () =>
        this.db
          .prepare(`SELECT ${column} AS value, count(*) AS count FROM ${quoteIdentifier(layer.id)} WHERE ${column} IS NOT NULL GROUP BY ${column}`)
          .all() as { value: string | number; count: number }[],
    );
  }

  featureByUuid(layerId: string, uuid: string): StoredFeature | undefined {
    return this.features(layerId, { where: [{ field: 'uuid', op: '=', value: uuid }], limit: 1 })[0];
  }

  featureById(layerId: string, fid: number): StoredFeature | undefined {
    return this.features(layerId, { where: [{ field: 'id', op: '=', value: fid }], limit: 1 })[0];
  }

  /**
   * Loads the initial content of a new project (the demo city, test fixtures): features in one
   * transaction, all of them or, on the first bad one, none (the error names the layer, the
   * feature's position in the input and what is wrong). Not journaled and not undoable: every
   * later change goes through `applyEdits`. Returns the number inserted.
   */
  bulkInsert(layerId: string, features: Iterable<NewFeature>, options: InsertOptions = {}): number {
    this.assertWritable();
    const layer = this.layer(layerId);
    const book = { now: nowIso(), author: options.author ?? defaultAuthor() };
    const writer = new RowWriter(this.db, layer, this.srid);
    const every = options.progressEvery ?? 10_000;
    let inserted = 0;
    this.guard(() =>
      this.db.transaction(() => {
        this.db.prepare(`UPDATE plandesk_edit_context SET recording = 0 WHERE id = 1`).run();
        let suspended: { resume(): void } | null = null;
        for (const feature of features) {
          const uuid = feature.uuid ?? newUuid();
          checkFeature(layer, uuid, feature.properties, feature.geometry, `Layer ${layer.id}, feature #${inserted + 1} (uuid ${uuid})`);
          writer.insert(uuid, feature.properties, feature.geometry, feature.extraAttributes, book);
          inserted++;
          if (inserted === BULK_INDEX_THRESHOLD) suspended = suspendIndexTriggers(this.db, layer);
          if (options.onProgress && inserted % every === 0) options.onProgress(inserted);
        }
        suspended?.resume();
        this.db.prepare(`UPDATE plandesk_edit_context SET recording = 1 WHERE id = 1`).run();
        if (inserted > 0) this.touch(book.now);
      })(),
    );
    return inserted;
  }

  // ------------------------------------------------------------------------------- editing

  /**
   * Applies one edit batch in one transaction, journaled: `expand` turns the request into
   * basic operations, reading the project as the transaction sees it. All or nothing.
   */
  applyEdits(
    meta: Partial<BatchMeta>,
    expand: (reader: EditReader) => readonly BasicOperation[],
    /** Runs inside the batch's transaction after it is written (sync records its bases here). */
    afterApply?: (outcome: BatchOutcome) => void,
  ): BatchOutcome {
    this.assertWritable();
    return this.guard(() =>
      this.journal.apply({ author: meta.author ?? defaultAuthor(), source: meta.source ?? 'ui', ...(meta.message ? { message: meta.message } : {}) }, expand, afterApply),
    );
  }

  /** The sync state tables (connection, bases, conflicts, outbox) — the one way sync/ reaches them. */
  syncState(): SyncStateStore {
    this.syncStore ??= new SyncStateStore(this.db);
    return this.syncStore;
  }

  private syncStore: SyncStateStore | undefined;

  undo(author?: string): BatchOutcome {
    this.assertWritable();
    return this.guard(() => this.journal.undo(author ?? defaultAuthor()));
  }

  redo(author?: string): BatchOutcome {
    this.assertWritable();
    return this.guard(() => this.journal.redo(author ?? defaultAuthor()));
  }

  editState(): EditState {
    return this.guard(() => this.journal.state());
  }

  /** The journal, newest first. Changes other programs made are gathered first (unless read-only). */
  editHistory(limit = 50): EditHistoryEntry[] {
    if (!this.readonly) this.gatherExternalEdits();
    return this.guard(() => this.journal.history(limit));
  }

  editBatch(batchId: number): EditBatchDetail {
    return this.guard(() => this.journal.detail(batchId));
  }

  /** What disagrees between the journal and the tables (see EditJournal.consistencyProblems); empty when all is well. */
  journalProblems(): string[] {
    return this.guard(() => this.journal.consistencyProblems());
  }

  /** Gathers changes another program made to the file into an 'external' batch; its id, or null when there were none. */
  gatherExternalEdits(): number | null {
    this.assertWritable();
    return this.guard(() => this.db.transaction(() => this.journal.gatherExternal())());
  }

  /** The project as edit actions read it: current features by uuid and by box. */
  private reader(): EditReader {
    const toEdit = (layer: LayerId, f: StoredFeature): EditFeature => ({ layer, uuid: f.uuid, properties: f.properties, geometry: f.geometry });
    return {
      feature: (layer, uuid) => {
        const found = this.featureByUuid(layer, uuid);
        return found ? toEdit(layer, found) : undefined;
      },
      featuresIn: (layer, bbox) => this.features(layer, { bbox: [...bbox] as BBox }).map((f) => toEdit(layer, f)),
    };
  }

  private touch(now: string): void {
    this.db.prepare(`UPDATE plandesk_project SET value = ? WHERE key = 'updated_at'`).run(now);
  }
}

function hasLayerTable(db: SqliteDatabase, layerId: string): boolean {
  return db.prepare(`SELECT 1 FROM plandesk_layers WHERE layer_id = ?`).get(layerId) !== undefined;
}
