/**
 * The edit journal: what every change to a layer table was, who made it and when, kept in the
 * project file itself.
 *
 * Changes are recorded by triggers on the layer tables (AFTER INSERT / UPDATE / DELETE), not by
 * the code that applies a batch: one mechanism for PlanDesk's own batches and for edits another
 * tool (QGIS, the `spatialite` shell) makes to the file, as Kart does. A change row belongs to
 * the batch named in `plandesk_edit_context` when it was made; PlanDesk sets that inside the
 * batch's transaction and clears it before commit, so a change made by anyone else is recorded
 * with no batch and gathered into an 'external' batch the next time PlanDesk looks.
 *
 * The triggers use core SQLite only (json_object, hex), never SpatiaLite functions, so that a
 * plain `sqlite3` shell can still edit attributes. Geometry is journaled as the hex of the
 * SpatiaLite blob, written back byte for byte by undo.
 */
import type { FieldDefinition, LayerDefinition } from '../../layers/types.js';
import type { SqliteDatabase } from './database.js';
import { GEOMETRY_COLUMN, quoteIdentifier } from './layer-table.js';

/** Keys of a journaled row state besides the layer's fields. */
export const JOURNAL_BOOKKEEPING_KEYS = ['created_at', 'updated_at', 'updated_by'] as const;
export const JOURNAL_EXTRA_KEY = 'extra_attributes';
export const JOURNAL_GEOMETRY_KEY = GEOMETRY_COLUMN;

export const JOURNAL_DDL = `
  CREATE TABLE plandesk_edit_batches (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('edit', 'external', 'undo', 'redo')),
    -- Only edit and external batches are on the undo/redo stacks.
    state TEXT CHECK (state IN ('applied', 'undone', 'discarded')),
    reverts INTEGER REFERENCES plandesk_edit_batches (id),
    source TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    message TEXT NOT NULL
  );
  CREATE INDEX plandesk_edit_batches_state ON plandesk_edit_batches (state, id) WHERE state IS NOT NULL;
  CREATE TABLE plandesk_edit_changes (
    id INTEGER PRIMARY KEY,
    -- NULL: made by another program, not yet gathered into an 'external' batch.
    batch_id INTEGER REFERENCES plandesk_edit_batches (id),
    layer_id TEXT NOT NULL,
    feature_uuid TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    -- JSON objects: field values, extra_attributes, bookkeeping, geom (hex of the SpatiaLite blob).
    old_values TEXT,
    new_values TEXT,
    changed_at TEXT NOT NULL
  );
  CREATE INDEX plandesk_edit_changes_batch ON plandesk_edit_changes (batch_id);
  CREATE INDEX plandesk_edit_changes_feature ON plandesk_edit_changes (layer_id, feature_uuid);
  -- One row: the batch the triggers attribute changes to (NULL outside PlanDesk's transactions),
  -- and whether they record at all (0 only while a new project receives its initial content).
  CREATE TABLE plandesk_edit_context (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    batch_id INTEGER,
    recording INTEGER NOT NULL DEFAULT 1
  );
  INSERT INTO plandesk_edit_context (id, batch_id, recording) VALUES (1, NULL, 1);
`;

function journaledColumns(fields: readonly Pick<FieldDefinition, 'key'>[]): string[] {
  return [...fields.map((f) => f.key), JOURNAL_EXTRA_KEY, ...JOURNAL_BOOKKEEPING_KEYS];
}

/** `json_object(...)` of a row's journaled state; `row` is NEW, OLD or a table alias. */
export function rowStateSql(fields: readonly Pick<FieldDefinition, 'key'>[], row: string): string {
  const parts = journaledColumns(fields).map((c) => `'${c}', ${row}.${quoteIdentifier(c)}`);
  parts.push(`'${JOURNAL_GEOMETRY_KEY}', hex(${row}.${GEOMETRY_COLUMN})`);
  return `json_object(${parts.join(', ')})`;
}

function triggerName(layerId: string, op: string): string {
  return quoteIdentifier(`plandesk_journal_${op}_${layerId}`);
}

const RECORDING = `(SELECT recording FROM plandesk_edit_context WHERE id = 1) = 1`;
const CURRENT_BATCH = `(SELECT batch_id FROM plandesk_edit_context WHERE id = 1)`;
const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/**
 * (Re)creates the journal triggers of a layer table for the columns it has now. Called when a
 * table is made, by the migration that brought the journal, and when a layer gains fields.
 */
export function installJournalTriggers(db: SqliteDatabase, layer: Pick<LayerDefinition, 'id' | 'fields'>): void {
  const table = quoteIdentifier(layer.id);
  const existing = new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(layer.id) as { name: string }[]).map((r) => r.name));
  const fields = layer.fields.filter((f) => existing.has(f.key));
  const insertChange = (op: string, oldState: string, newState: string, uuid: string) =>
    `INSERT INTO plandesk_edit_changes (batch_id, layer_id, feature_uuid, op, old_values, new_values, changed_at) ` +
    `VALUES (${CURRENT_BATCH}, '${layer.id}', ${uuid}, '${op}', ${oldState}, ${newState}, ${NOW});`;
  // An UPDATE that changes no journaled column (e.g. SpatiaLite touching nothing) is not a change.
  const changed = [...journaledColumns(fields), GEOMETRY_COLUMN].map((c) => `OLD.${quoteIdentifier(c)} IS NOT NEW.${quoteIdentifier(c)}`);
  for (const op of ['insert', 'update', 'delete']) db.exec(`DROP TRIGGER IF EXISTS ${triggerName(layer.id, op)}`);
  db.exec(`
    CREATE TRIGGER ${triggerName(layer.id, 'insert')} AFTER INSERT ON ${table} WHEN ${RECORDING}
    BEGIN ${insertChange('insert', 'NULL', rowStateSql(fields, 'NEW'), 'NEW.uuid')} END;
    CREATE TRIGGER ${triggerName(layer.id, 'update')} AFTER UPDATE ON ${table} WHEN ${RECORDING} AND (${changed.join(' OR ')})
    BEGIN ${insertChange('update', rowStateSql(fields, 'OLD'), rowStateSql(fields, 'NEW'), 'NEW.uuid')} END;
    CREATE TRIGGER ${triggerName(layer.id, 'delete')} AFTER DELETE ON ${table} WHEN ${RECORDING}
    BEGIN ${insertChange('delete', rowStateSql(fields, 'OLD'), 'NULL', 'OLD.uuid')} END;
  `);
}

/** A journaled row state as stored: field values, extra_attributes (JSON text), bookkeeping, geom (hex). */
export type RowState = Record<string, unknown>;

export function parseRowState(json: string | null): RowState | null {
  return json === null ? null : (JSON.parse(json) as RowState);
}

/** Whether two row states hold the same content (fields, extra attributes, geometry); bookkeeping is not content. */
export function sameContent(a: RowState | null, b: RowState | null): boolean {
  if (a === null || b === null) return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if ((JOURNAL_BOOKKEEPING_KEYS as readonly string[]).includes(key)) continue;
    const x = a[key] ?? null;
    const y = b[key] ?? null;
    if (x !== y && !(typeof x === 'number' && typeof y === 'number' && Object.is(x, y))) return false;
  }
  return true;
}
