/**
 * Edit batches over the journal: applying basic operations in one transaction, undo and redo
 * (which walk the journal, so they survive a restart), gathering changes other programs made,
 * and reading the history. The journal rows themselves are written by triggers (journal.ts).
 *
 * Undo/redo stacks: 'edit' and 'external' batches carry a state. Undo reverts the newest
 * 'applied' one and marks it 'undone'; redo re-applies the oldest 'undone' one; a new batch
 * marks every 'undone' batch 'discarded' (the redo stack is cleared, as in every editor).
 * The changes an undo or redo makes are themselves journaled, in a batch of kind 'undo'/'redo'
 * that names the batch it reverts — so the journal is a complete log of the tables (sync
 * reads it), and undo never rewrites history.
 */
import type {
  EditBatchDetail,
  EditBatchKind,
  EditBatchState,
  EditHistoryEntry,
  EditSource,
  EditState,
  FeatureChange,
  JournalChange,
  JournalFeatureState,
} from '../api/contract.js';
import { deriveValues } from '../../layers/derive.js';
import type { LayerDefinition, LayerId } from '../../layers/types.js';
import type { BasicOperation, EditReader } from '../edit/types.js';
import { PlanDeskError } from '../errors.js';
import { wkbToGeometry } from '../geometry/wkb.js';
import { newUuid } from '../util/uuid.js';
import type { SqliteDatabase } from './database.js';
import { JOURNAL_EXTRA_KEY, JOURNAL_GEOMETRY_KEY, parseRowState, sameContent, type RowState } from './journal.js';
import { suspendIndexTriggers } from './layer-table.js';
import { RowWriter, checkFeature, type Bookkeeping } from './row-writer.js';

/** From this many inserts into one layer, a batch fills the R*Tree in one statement at the end. */
export const BULK_INDEX_THRESHOLD = 2000;
import type { StoredFeature } from './types.js';

export interface BatchMeta {
  readonly author: string;
  readonly source: EditSource;
  /** Made from the operations when absent. */
  readonly message?: string;
}

export interface BatchOutcome extends EditState {
  readonly batchId: number;
  readonly batchUuid: string;
  readonly changes: FeatureChange[];
}

/** What the journal needs of the project it belongs to. */
export interface JournalHost {
  readonly db: SqliteDatabase;
  readonly file: string;
  readonly srid: number;
  layer(id: string): LayerDefinition;
  featureByUuid(layerId: LayerId, uuid: string): StoredFeature | undefined;
  /** An EditReader over the project as it is now (inside the open transaction). */
  reader(): EditReader;
  /** Records the project's `updated_at`. */
  touch(now: string): void;
}

interface BatchRow {
  id: number;
  uuid: string;
  kind: EditBatchKind;
  state: EditBatchState | null;
  reverts: number | null;
  source: EditSource;
  author: string;
  created_at: string;
  message: string;
}

interface ChangeRow {
  id: number;
  layer_id: LayerId;
  feature_uuid: string;
  op: 'insert' | 'update' | 'delete';
  old_values: string | null;
  new_values: string | null;
}

const OPERATION_WORDS: Record<BasicOperation['op'], { vi: string; en: string }> = {
  insert: { vi: 'Thêm', en: 'Add' },
  update: { vi: 'Sửa', en: 'Edit' },
  delete: { vi: 'Xóa', en: 'Delete' },
};

/** "Thêm 1, sửa 2 đối tượng (zoning, drainage_pipes)" — the history line of a batch without a message. */
function defaultMessage(changes: readonly FeatureChange[]): string {
  const counts = new Map<BasicOperation['op'], number>();
  for (const change of changes) counts.set(change.op, (counts.get(change.op) ?? 0) + 1);
  const parts = [...counts].map(([op, n]) => `${OPERATION_WORDS[op].vi} ${n}`);
  const layers = [...new Set(changes.map((c) => c.layer))];
  return `${parts.join(', ')} đối tượng (${layers.join(', ')})`;
}

/** Attribute equality as stored: undefined is null. */
function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

function nowIso(): string {
  return new Date().toISOString();
}

export class EditJournal {
  private readonly writers = new Map<LayerId, RowWriter>();

  constructor(private readonly host: JournalHost) {}

  private get db(): SqliteDatabase {
    return this.host.db;
  }

  private writer(layerId: LayerId): RowWriter {
    let writer = this.writers.get(layerId);
    if (!writer) {
      writer = new RowWriter(this.db, this.host.layer(layerId), this.host.srid);
      this.writers.set(layerId, writer);
    }
    return writer;
  }

  // ----------------------------------------------------------------------------- batches

  private openBatch(kind: EditBatchKind, meta: BatchMeta, reverts: number | null): { id: number; uuid: string } {
    const uuid = newUuid();
    const state = kind === 'edit' || kind === 'external' ? 'applied' : null;
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO plandesk_edit_batches (uuid, kind, state, reverts, source, author, created_at, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(uuid, kind, state, reverts, meta.source, meta.author, nowIso(), meta.message ?? '').lastInsertRowid,
    );
    this.db.prepare(`UPDATE plandesk_edit_context SET batch_id = ? WHERE id = 1`).run(id);
    return { id, uuid };
  }

  /** Ends the batch inside its transaction: the triggers stop attributing to it; an empty batch is an error. */
  private closeBatch(batchId: number, message: string | undefined): FeatureChange[] {
    this.db.prepare(`UPDATE plandesk_edit_context SET batch_id = NULL WHERE id = 1`).run();
    const changes = this.changesOf(batchId);
    if (changes.length === 0) return changes;
    if (!message) this.db.prepare(`UPDATE plandesk_edit_batches SET message = ? WHERE id = ?`).run(defaultMessage(changes), batchId);
    return changes;
  }

  /** Every feature a batch changed, once each, in the order first changed (op: what it amounts to). */
  private changesOf(batchId: number): FeatureChange[] {
    const rows = this.db
      .prepare(`SELECT layer_id, feature_uuid, op FROM plandesk_edit_changes WHERE batch_id = ? ORDER BY id`)
      .all(batchId) as Pick<ChangeRow, 'layer_id' | 'feature_uuid' | 'op'>[];
    const byFeature = new Map<string, { layer: LayerId; uuid: string; first: ChangeRow['op']; last: ChangeRow['op'] }>();
    for (const row of rows) {
      const key = `${row.layer_id}/${row.feature_uuid}`;
      const seen = byFeature.get(key);
      if (seen) seen.last = row.op;
      else byFeature.set(key, { layer: row.layer_id, uuid: row.feature_uuid, first: row.op, last: row.op });
    }
    const changes: FeatureChange[] = [];
    for (const { layer, uuid, first, last } of byFeature.values()) {
      // Inserted then deleted in one batch: nothing remains to show.
      if (first === 'insert' && last === 'delete') continue;
      const op = first === 'insert' ? 'insert' : last === 'delete' ? 'delete' : 'update';
      changes.push({ layer, uuid, op });
    }
    return changes;
  }

  /**
   * Gathers changes other programs made to the file (recorded by the triggers with no batch)
   * into one 'external' batch. Call inside a write transaction, before PlanDesk's own changes.
   */
  gatherExternal(): number | null {
    const pending = this.db
      .prepare(`SELECT count(*) AS n, min(changed_at) AS first FROM plandesk_edit_changes WHERE batch_id IS NULL`)
      .get() as { n: number; first: string | null };
    if (pending.n === 0) return null;
    const { id } = this.openBatch('external', { author: 'external', source: 'external', message: '' }, null);
    this.db.prepare(`UPDATE plandesk_edit_context SET batch_id = NULL WHERE id = 1`).run();
    this.db.prepare(`UPDATE plandesk_edit_changes SET batch_id = ? WHERE batch_id IS NULL`).run(id);
    const changes = this.changesOf(id);
    this.db
      .prepare(`UPDATE plandesk_edit_batches SET created_at = ?, message = ? WHERE id = ?`)
      .run(pending.first ?? nowIso(), `Sửa ngoài PlanDesk: ${defaultMessage(changes)}`, id);
    this.discardRedo(id);
    this.host.touch(nowIso());
    return id;
  }

  private discardRedo(exceptId: number): void {
    this.db.prepare(`UPDATE plandesk_edit_batches SET state = 'discarded' WHERE state = 'undone' AND id <> ?`).run(exceptId);
  }

  /**
   * Applies a batch: `expand` turns the request into basic operations reading the project as
   * it is inside the transaction; each is checked and written; the triggers journal them.
   * All or nothing. `afterApply` runs inside the same transaction once the batch is written
   * (sync records the bases of the features it wrote there); if it throws, nothing is kept.
   */
  apply(meta: BatchMeta, expand: (reader: EditReader) => readonly BasicOperation[], afterApply?: (outcome: BatchOutcome) => void): BatchOutcome {
    return this.db.transaction((): BatchOutcome => {
      this.gatherExternal();
      const batch = this.openBatch('edit', meta, null);
      const operations = expand(this.host.reader());
      if (operations.length === 0) throw new PlanDeskError('INVALID_ARGUMENT', 'The edit batch has no operations');
      const book: Bookkeeping = { now: nowIso(), author: meta.author };
      // An import: thousands of inserts into one layer index their R*Tree in one statement at the
      // end instead of row by row (see suspendIndexTriggers; the journal triggers still fire).
      const layers = new Set(operations.map((o) => o.layer));
      const bulk = operations.length >= BULK_INDEX_THRESHOLD && layers.size === 1 && operations.every((o) => o.op === 'insert');
      const suspended = bulk ? suspendIndexTriggers(this.db, this.host.layer(operations[0]!.layer)) : null;
      operations.forEach((operation, index) => this.applyOne(operation, index, book));
      suspended?.resume();
      const changes = this.closeBatch(batch.id, meta.message);
      if (changes.length === 0) throw new PlanDeskError('INVALID_ARGUMENT', 'The edit batch changes nothing');
      this.discardRedo(batch.id);
      this.host.touch(book.now);
      const outcome = { batchId: batch.id, batchUuid: batch.uuid, changes, ...this.state() };
      afterApply?.(outcome);
      return outcome;
    })();
  }

  private applyOne(operation: BasicOperation, index: number, book: Bookkeeping): void {
    const layer = this.host.layer(operation.layer);
    const where = `Operation #${index + 1} (${operation.op} ${layer.id} ${operation.uuid})`;
    const writer = this.writer(layer.id);
    switch (operation.op) {
      case 'insert': {
        const properties = { ...operation.properties, ...deriveValues(layer, operation.properties, operation.geometry) };
        checkFeature(layer, operation.uuid, properties, operation.geometry, where);
        writer.insert(operation.uuid, properties, operation.geometry, operation.extraAttributes, book);
        return;
      }
      case 'update': {
        const current = this.host.featureByUuid(layer.id, operation.uuid);
        if (!current) throw new PlanDeskError('INVALID_FEATURE', `${where}: layer ${layer.id} has no feature ${operation.uuid}`);
        const geometry = operation.geometry ?? current.geometry;
        const merged = { ...current.properties, ...(operation.properties ?? {}) };
        const properties = { ...merged, ...deriveValues(layer, merged, geometry) };
        checkFeature(layer, operation.uuid, properties, geometry, where);
        const sameGeometry = JSON.stringify(geometry.coordinates) === JSON.stringify(current.geometry.coordinates);
        if (sameGeometry && layer.fields.every((f) => sameValue(properties[f.key], current.properties[f.key]))) return;
        writer.update(operation.uuid, properties, operation.geometry, current.extraAttributes, book);
        return;
      }
      case 'delete':
        if (!writer.delete(operation.uuid)) {
          throw new PlanDeskError('INVALID_FEATURE', `${where}: layer ${layer.id} has no feature ${operation.uuid}`);
        }
        return;
    }
  }

  // ----------------------------------------------------------------------------- undo / redo

  private stackTop(state: 'applied' | 'undone'): BatchRow | undefined {
    const order = state === 'applied' ? 'DESC' : 'ASC';
    return this.db
      .prepare(`SELECT * FROM plandesk_edit_batches WHERE state = ? AND kind IN ('edit', 'external') ORDER BY id ${order} LIMIT 1`)
      .get(state) as BatchRow | undefined;
  }

  state(): EditState {
    const undo = this.stackTop('applied');
    const redo = this.stackTop('undone');
    return {
      canUndo: undo !== undefined,
      canRedo: redo !== undefined,
      ...(undo ? { undoMessage: undo.message } : {}),
      ...(redo ? { redoMessage: redo.message } : {}),
    };
  }

  /** Reverts the newest applied batch. CONFLICT (nothing changed) when a feature it touched has changed since. */
  undo(author: string): BatchOutcome {
    return this.replay('undo', author);
  }

  /** Re-applies the batch undone last. */
  redo(author: string): BatchOutcome {
    return this.replay('redo', author);
  }

  private replay(kind: 'undo' | 'redo', author: string): BatchOutcome {
    return this.db.transaction((): BatchOutcome => {
      this.gatherExternal();
      const target = this.stackTop(kind === 'undo' ? 'applied' : 'undone');
      if (!target) {
        throw new PlanDeskError(kind === 'undo' ? 'NOTHING_TO_UNDO' : 'NOTHING_TO_REDO', kind === 'undo' ? 'Nothing to undo' : 'Nothing to redo');
      }
      const verb = kind === 'undo' ? 'Hoàn tác' : 'Làm lại';
      const batch = this.openBatch(kind, { author, source: target.source, message: `${verb}: ${target.message}` }, target.id);
      const rows = this.db
        .prepare(`SELECT id, layer_id, feature_uuid, op, old_values, new_values FROM plandesk_edit_changes WHERE batch_id = ? ORDER BY id ${kind === 'undo' ? 'DESC' : 'ASC'}`)
        .all(target.id) as ChangeRow[];
      const book: Bookkeeping = { now: nowIso(), author };
      for (const row of rows) {
        const before = parseRowState(kind === 'undo' ? row.new_values : row.old_values);
        const after = parseRowState(kind === 'undo' ? row.old_values : row.new_values);
        this.restore(row, before, after, book, target, kind);
      }
      const changes = this.closeBatch(batch.id, `${verb}: ${target.message}`);
      this.db.prepare(`UPDATE plandesk_edit_batches SET state = ? WHERE id = ?`).run(kind === 'undo' ? 'undone' : 'applied', target.id);
      this.host.touch(book.now);
      return { batchId: batch.id, batchUuid: batch.uuid, changes, ...this.state() };
    })();
  }

  /** Moves one feature from state `before` (which must be what the table holds) to `after`. */
  private restore(row: ChangeRow, before: RowState | null, after: RowState | null, book: Bookkeeping, target: BatchRow, kind: 'undo' | 'redo'): void {
    const writer = this.writer(row.layer_id);
    const current = writer.state(row.feature_uuid);
    if (!sameContent(current, before)) {
      const verb = kind === 'undo' ? 'undo' : 'redo';
      throw new PlanDeskError(
        'CONFLICT',
        `Cannot ${verb} "${target.message}": feature ${row.feature_uuid} of layer ${row.layer_id} has changed since (by a later edit or another program); nothing was changed`,
      );
    }
    if (after === null) writer.delete(row.feature_uuid);
    else if (current === null) writer.restoreAsInsert(row.feature_uuid, after, book);
    else writer.restoreAsUpdate(row.feature_uuid, after, book);
  }

  // ----------------------------------------------------------------------------- reading

  /**
   * Whether the journal and the tables agree: every journaled feature is as its latest change
   * left it (absent when that was a delete), no change belongs to a batch that does not exist,
   * and no batch is left open. Returns what disagrees (empty when all is well).
   */
  consistencyProblems(): string[] {
    const problems: string[] = [];
    const open = (this.db.prepare(`SELECT batch_id FROM plandesk_edit_context WHERE id = 1`).get() as { batch_id: number | null }).batch_id;
    if (open !== null) problems.push(`batch ${open} is still marked open`);
    const orphans = (
      this.db
        .prepare(`SELECT count(*) AS n FROM plandesk_edit_changes c WHERE c.batch_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plandesk_edit_batches b WHERE b.id = c.batch_id)`)
        .get() as { n: number }
    ).n;
    if (orphans > 0) problems.push(`${orphans} journal changes belong to no batch`);
    const latest = this.db
      .prepare(
        `SELECT c.layer_id, c.feature_uuid, c.op, c.new_values FROM plandesk_edit_changes c ` +
          `JOIN (SELECT max(id) AS id FROM plandesk_edit_changes GROUP BY layer_id, feature_uuid) m ON m.id = c.id`,
      )
      .iterate() as IterableIterator<Pick<ChangeRow, 'layer_id' | 'feature_uuid' | 'op' | 'new_values'>>;
    for (const row of latest) {
      const current = this.writer(row.layer_id).state(row.feature_uuid);
      if (!sameContent(current, parseRowState(row.new_values))) {
        problems.push(`${row.layer_id} ${row.feature_uuid}: the table does not hold what its last journaled change (${row.op}) left`);
      }
    }
    return problems;
  }

  private entry(row: BatchRow): EditHistoryEntry {
    const stats = this.db
      .prepare(`SELECT count(DISTINCT layer_id || '/' || feature_uuid) AS n, group_concat(DISTINCT layer_id) AS layers FROM plandesk_edit_changes WHERE batch_id = ?`)
      .get(row.id) as { n: number; layers: string | null };
    return {
      batchId: row.id,
      batchUuid: row.uuid,
      kind: row.kind,
      ...(row.state ? { state: row.state } : {}),
      ...(row.reverts !== null ? { reverts: row.reverts } : {}),
      source: row.source,
      author: row.author,
      createdAt: row.created_at,
      message: row.message,
      changeCount: stats.n,
      layers: (stats.layers ? stats.layers.split(',') : []) as LayerId[],
    };
  }

  history(limit: number): EditHistoryEntry[] {
    const rows = this.db.prepare(`SELECT * FROM plandesk_edit_batches ORDER BY id DESC LIMIT ?`).all(limit) as BatchRow[];
    return rows.map((row) => this.entry(row));
  }

  detail(batchId: number): EditBatchDetail {
    const row = this.db.prepare(`SELECT * FROM plandesk_edit_batches WHERE id = ?`).get(batchId) as BatchRow | undefined;
    if (!row) throw new PlanDeskError('UNKNOWN_BATCH', `No edit batch ${batchId} in ${this.host.file}`);
    const changes = this.db
      .prepare(`SELECT id, layer_id, feature_uuid, op, old_values, new_values FROM plandesk_edit_changes WHERE batch_id = ? ORDER BY id`)
      .all(batchId) as ChangeRow[];
    return {
      ...this.entry(row),
      changes: changes.map(
        (c): JournalChange => ({
          layer: c.layer_id,
          uuid: c.feature_uuid,
          op: c.op,
          before: this.featureState(c.layer_id, parseRowState(c.old_values)),
          after: this.featureState(c.layer_id, parseRowState(c.new_values)),
        }),
      ),
    };
  }

  /** A journaled row state as the API shows it: typed properties, GeoJSON geometry. */
  private featureState(layerId: LayerId, state: RowState | null): JournalFeatureState | null {
    if (state === null) return null;
    const layer = this.host.layer(layerId);
    const properties: Record<string, unknown> = {};
    for (const field of layer.fields) {
      const value = state[field.key] ?? null;
      properties[field.key] = field.type === 'boolean' && value !== null ? value === 1 : value;
    }
    const hex = state[JOURNAL_GEOMETRY_KEY];
    let geometry = null;
    if (typeof hex === 'string' && hex !== '') {
      const wkb = (this.db.prepare(`SELECT AsBinary(?) AS wkb`).get(Buffer.from(hex, 'hex')) as { wkb: Buffer | null }).wkb;
      geometry = wkb ? wkbToGeometry(wkb) : null;
    }
    const extra = state[JOURNAL_EXTRA_KEY];
    return {
      properties,
      geometry,
      extraAttributes: typeof extra === 'string' ? (JSON.parse(extra) as Record<string, unknown>) : null,
    };
  }
}

