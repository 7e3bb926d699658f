/**
 * How a layer definition becomes a SpatiaLite table: columns, geometry column and R*Tree index,
 * and the mapping between stored rows and features.
 */
import type { FieldDefinition, FieldType, LayerDefinition } from '../../layers/types.js';
import { wkbToGeometry } from '../geometry/wkb.js';
import type { SqliteDatabase } from './database.js';
import type { StoredFeature } from './types.js';

/** The geometry column of every layer table (one of layers/bookkeeping.ts's reserved names). */
export const GEOMETRY_COLUMN = 'geom';

const SQL_TYPES: Record<FieldType, string> = {
  text: 'TEXT',
  integer: 'INTEGER',
  real: 'REAL',
  // Declared types GDAL maps to OFSTBoolean / OFTDate.
  boolean: 'BOOLEAN',
  date: 'DATE',
};

/** Identifiers come from our own layer definitions, but are still checked before they reach SQL. */
export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid SQL identifier: ${name}`);
  return `"${name}"`;
}

export function spatialIndexTable(layer: LayerDefinition): string {
  return quoteIdentifier(`idx_${layer.id}_${GEOMETRY_COLUMN}`);
}

export function fieldsSignature(fields: readonly FieldDefinition[]): string {
  return JSON.stringify(fields.map((f) => [f.key, f.type]));
}

export function createLayerTable(db: SqliteDatabase, layer: LayerDefinition, srid: number, now: string): void {
  const table = quoteIdentifier(layer.id);
  const fieldColumns = layer.fields.map((f) => `  ${quoteIdentifier(f.key)} ${SQL_TYPES[f.type]}`);
  db.exec(`CREATE TABLE ${table} (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
${fieldColumns.join(',\n')}${fieldColumns.length ? ',' : ''}
  extra_attributes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT
)`);
  const added = db
    .prepare(`SELECT AddGeometryColumn(?, ?, CAST(? AS INTEGER), ?, 'XY', 1) AS ok`)
    .get(layer.id, GEOMETRY_COLUMN, srid, layer.geometryType.toUpperCase()) as { ok: number };
  if (added.ok !== 1) throw new Error(`SpatiaLite refused the geometry column of ${layer.id} (SRID ${srid})`);
  db.prepare(`SELECT CreateSpatialIndex(?, ?)`).run(layer.id, GEOMETRY_COLUMN);
  createAttributeIndexes(db, layer);
  db.prepare(
    `INSERT INTO plandesk_layers (layer_id, table_name, geometry_type, srid, fields_json, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(layer.id, layer.id, layer.geometryType, srid, fieldsSignature(layer.fields), now);
}

/**
 * B-tree indexes on attributes that lookups go by: a parcel by (số tờ, số thửa) among a million,
 * a road by name (search, GROUP BY name reads the index alone). Keyed by layer id; each entry is
 * the indexed columns in order. Made with the table, and for older files by migration 2.
 */
export const ATTRIBUTE_INDEXES: Readonly<Record<string, readonly (readonly string[])[]>> = {
  parcels: [['sheet_no', 'parcel_no']],
  roads: [['name']],
  zoning: [['name']],
};

export function attributeIndexName(layerId: string, columns: readonly string[]): string {
  return quoteIdentifier(`idx_${layerId}_${columns.join('_')}`);
}

/** Creates the layer's attribute indexes that are missing (columns the table lacks are skipped). */
export function createAttributeIndexes(db: SqliteDatabase, layer: Pick<LayerDefinition, 'id' | 'fields'>): void {
  for (const columns of ATTRIBUTE_INDEXES[layer.id] ?? []) {
    if (!columns.every((c) => layer.fields.some((f) => f.key === c))) continue;
    db.exec(
      `CREATE INDEX IF NOT EXISTS ${attributeIndexName(layer.id, columns)} ON ${quoteIdentifier(layer.id)} (${columns.map(quoteIdentifier).join(', ')})`,
    );
  }
}

/** Adds columns for fields the layer definition gained since the table was made (never drops); whether it added any. */
export function addMissingColumns(db: SqliteDatabase, layer: LayerDefinition): boolean {
  const existing = new Set(
    (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(layer.id) as { name: string }[]).map((r) => r.name),
  );
  const missing = layer.fields.filter((f) => !existing.has(f.key));
  for (const field of missing) {
    db.exec(`ALTER TABLE ${quoteIdentifier(layer.id)} ADD COLUMN ${quoteIdentifier(field.key)} ${SQL_TYPES[field.type]}`);
  }
  if (missing.length) {
    db.prepare(`UPDATE plandesk_layers SET fields_json = ? WHERE layer_id = ?`).run(fieldsSignature(layer.fields), layer.id);
  }
  return missing.length > 0;
}

/** The SELECT list that `rowToFeature` reads. */
export function featureColumns(layer: LayerDefinition, alias = 't'): string {
  const fields = layer.fields.map((f) => `${alias}.${quoteIdentifier(f.key)}`);
  return [
    `${alias}.id`,
    `${alias}.uuid`,
    ...fields,
    `${alias}.extra_attributes`,
    `${alias}.created_at`,
    `${alias}.updated_at`,
    `${alias}.updated_by`,
    `AsBinary(${alias}.${GEOMETRY_COLUMN}) AS wkb`,
  ].join(', ');
}

type Row = Record<string, unknown>;

export function rowToFeature(layer: LayerDefinition, row: Row): StoredFeature {
  const properties: Record<string, unknown> = {};
  for (const field of layer.fields) {
    const value = row[field.key] ?? null;
    properties[field.key] = field.type === 'boolean' && value !== null ? value === 1 || value === 1n : value;
  }
  return {
    fid: Number(row.id),
    uuid: row.uuid as string,
    properties,
    geometry: wkbToGeometry(row.wkb as Buffer),
    extraAttributes: typeof row.extra_attributes === 'string' ? (JSON.parse(row.extra_attributes) as Record<string, unknown>) : null,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    updatedBy: (row.updated_by as string | null) ?? null,
  };
}

/** Converts a checked attribute value to what SQLite stores. */
export function toSqlValue(field: FieldDefinition, value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (field.type === 'boolean') return value ? 1 : 0;
  return value as string | number;
}


/**
 * Large inserts with SpatiaLite's per-row triggers cost ~7× more: `gii_*` re-aligns the R*Tree
 * one row at a time (RTreeAlign), `tmi_*` rewrites a timestamp row per insert, and `ggi_*`
 * re-checks the geometry type and SRID with a subquery. For a bulk insert we drop those three
 * triggers inside the caller's transaction, index the new rows in one set-based statement and
 * put the triggers back, byte for byte. The type and SRID checks still hold: the caller checks
 * every geometry's type and writes the layer's SRID itself. SQLite DDL is transactional, so a
 * failure or a crash rolls the triggers back with the rows.
 */
export function suspendIndexTriggers(db: SqliteDatabase, layer: LayerDefinition): { resume(): void } {
  const names = ['gii', 'tmi', 'ggi'].map((prefix) => `${prefix}_${layer.id}_${GEOMETRY_COLUMN}`);
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?, ?)`)
    .all(...names) as { name: string; sql: string }[];
  const table = quoteIdentifier(layer.id);
  const fromId = (db.prepare(`SELECT coalesce(max(id), 0) AS id FROM ${table}`).get() as { id: number }).id;
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${quoteIdentifier(trigger.name)}`);
  return {
    resume() {
      db.prepare(
        `INSERT INTO ${spatialIndexTable(layer)} (pkid, xmin, xmax, ymin, ymax) ` +
          `SELECT id, MbrMinX(${GEOMETRY_COLUMN}), MbrMaxX(${GEOMETRY_COLUMN}), MbrMinY(${GEOMETRY_COLUMN}), MbrMaxY(${GEOMETRY_COLUMN}) ` +
          `FROM ${table} WHERE id > ? AND ${GEOMETRY_COLUMN} IS NOT NULL`,
      ).run(fromId);
      db.prepare(
        `UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') ` +
          `WHERE lower(f_table_name) = lower(?) AND lower(f_geometry_column) = lower(?)`,
      ).run(layer.id, GEOMETRY_COLUMN);
      for (const trigger of triggers) db.exec(trigger.sql);
    },
  };
}
