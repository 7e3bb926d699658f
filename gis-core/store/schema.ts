/**
 * The PlanDesk file format: what makes a SQLite file a PlanDesk project, and the ordered
 * migrations that bring an older file up to this version. A migration never edits an old
 * entry: it is appended.
 */
import { getLayer, isLayerId } from '../../layers/index.js';
import type { SqliteDatabase } from './database.js';
import { JOURNAL_DDL, installJournalTriggers } from './journal.js';
import { createAttributeIndexes } from './layer-table.js';
import { SYNC_STATE_DDL } from './sync-state.js';

/** `PRAGMA application_id` of every PlanDesk project: 'PLDK'. */
export const APPLICATION_ID = 0x504c444b;

export interface Migration {
  readonly version: number;
  readonly description: string;
  up(db: SqliteDatabase): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'project metadata and layer registry',
    up(db) {
      db.exec(`
        CREATE TABLE plandesk_project (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE plandesk_layers (
          layer_id TEXT PRIMARY KEY,
          table_name TEXT NOT NULL UNIQUE,
          geometry_type TEXT NOT NULL,
          srid INTEGER NOT NULL,
          -- The field keys and types the table was made with, to add columns when a layer gains fields.
          fields_json TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    description: 'attribute indexes for lookups: parcels (sheet_no, parcel_no), roads and zoning by name',
    up(db) {
      const layerIds = (db.prepare(`SELECT layer_id FROM plandesk_layers`).all() as { layer_id: string }[]).map((r) => r.layer_id);
      for (const id of layerIds) {
        if (!isLayerId(id)) continue;
        // Only columns the table has: an old file may predate a field (added on open, after migrations).
        const columns = new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(id) as { name: string }[]).map((r) => r.name));
        const layer = getLayer(id);
        createAttributeIndexes(db, { id, fields: layer.fields.filter((f) => columns.has(f.key)) });
      }
    },
  },
  {
    version: 3,
    description: 'the edit journal (batches, changes, context) and its triggers on every layer table',
    up(db) {
      db.exec(JOURNAL_DDL);
      const layerIds = (db.prepare(`SELECT layer_id FROM plandesk_layers`).all() as { layer_id: string }[]).map((r) => r.layer_id);
      for (const id of layerIds) if (isLayerId(id)) installJournalTriggers(db, getLayer(id));
    },
  },
  {
    version: 4,
    description: 'sync with an SDI server: the connection, the base of each synced feature, conflicts, the push outbox',
    up(db) {
      db.exec(SYNC_STATE_DDL);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Applies every migration newer than the file's `user_version`, each in its own transaction. */
export function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
