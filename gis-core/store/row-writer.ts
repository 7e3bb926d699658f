/**
 * Writing feature rows of one layer table: the prepared statements that insert, update and
 * delete a feature by uuid, and that put back a journaled row state (undo / redo). Checks
 * happen before (`checkFeature`); this module only writes.
 */
import type { GeoJSONGeometry, LayerDefinition } from '../../layers/types.js';
import { checkAttributes } from '../../layers/attributes.js';
import { PlanDeskError } from '../errors.js';
import { geometryProblem } from '../geometry/check.js';
import { geometryToWkb } from '../geometry/wkb.js';
import { isUuid } from '../util/uuid.js';
import type { SqliteDatabase } from './database.js';
import { JOURNAL_EXTRA_KEY, JOURNAL_GEOMETRY_KEY, parseRowState, rowStateSql, type RowState } from './journal.js';
import { GEOMETRY_COLUMN, quoteIdentifier, toSqlValue } from './layer-table.js';

/** Refuses a feature a layer cannot hold: bad uuid, wrong or broken geometry, bad attributes. `where` names it. */
export function checkFeature(
  layer: LayerDefinition,
  uuid: string,
  properties: Readonly<Record<string, unknown>>,
  geometry: GeoJSONGeometry,
  where: string,
): void {
  if (!isUuid(uuid)) throw new PlanDeskError('INVALID_FEATURE', `${where}: the uuid is not a UUID`);
  const geometryIssue = geometryProblem(geometry, layer.geometryType);
  if (geometryIssue) throw new PlanDeskError('INVALID_FEATURE', `${where}: ${geometryIssue}`);
  const problems = checkAttributes(layer, properties);
  if (problems.length) throw new PlanDeskError('INVALID_FEATURE', `${where}: ${problems.map((p) => p.message.en).join('; ')}`);
}

export interface Bookkeeping {
  readonly now: string;
  readonly author: string;
}

export class RowWriter {
  private readonly table: string;
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly updateAttributesStatement;
  private readonly deleteStatement;
  private readonly stateStatement;
  private readonly restoreInsert;
  private readonly restoreUpdate;
  private readonly fieldColumns: readonly string[];

  constructor(
    private readonly db: SqliteDatabase,
    private readonly layer: LayerDefinition,
    srid: number,
  ) {
    this.table = quoteIdentifier(layer.id);
    this.fieldColumns = layer.fields.map((f) => f.key);
    const insertColumns = ['uuid', ...this.fieldColumns, 'extra_attributes', 'created_at', 'updated_at', 'updated_by'];
    this.insertStatement = db.prepare(
      `INSERT INTO ${this.table} (${insertColumns.map(quoteIdentifier).join(', ')}, ${GEOMETRY_COLUMN}) ` +
        `VALUES (${insertColumns.map(() => '?').join(', ')}, GeomFromWKB(?, ${srid}))`,
    );
    const assignments = [...this.fieldColumns, 'extra_attributes', 'updated_at', 'updated_by'].map((c) => `${quoteIdentifier(c)} = ?`);
    this.updateStatement = db.prepare(`UPDATE ${this.table} SET ${assignments.join(', ')}, ${GEOMETRY_COLUMN} = GeomFromWKB(?, ${srid}) WHERE uuid = ?`);
    // Without the geometry column in SET, SpatiaLite's UPDATE OF geom triggers (R*Tree realign) do not fire.
    this.updateAttributesStatement = db.prepare(`UPDATE ${this.table} SET ${assignments.join(', ')} WHERE uuid = ?`);
    this.deleteStatement = db.prepare(`DELETE FROM ${this.table} WHERE uuid = ?`);
    this.stateStatement = db.prepare(`SELECT ${rowStateSql(layer.fields, 't')} AS state FROM ${this.table} AS t WHERE t.uuid = ?`);
    // Journaled states carry the SpatiaLite blob itself (hex): written back byte for byte.
    const stateColumns = [...this.fieldColumns, JOURNAL_EXTRA_KEY, 'created_at', 'updated_at', 'updated_by'];
    this.restoreInsert = db.prepare(
      `INSERT INTO ${this.table} (uuid, ${stateColumns.map(quoteIdentifier).join(', ')}, ${GEOMETRY_COLUMN}) ` +
        `VALUES (?, ${stateColumns.map(() => '?').join(', ')}, ?)`,
    );
    this.restoreUpdate = db.prepare(
      `UPDATE ${this.table} SET ${[...this.fieldColumns, JOURNAL_EXTRA_KEY, 'updated_at', 'updated_by'].map((c) => `${quoteIdentifier(c)} = ?`).join(', ')}, ` +
        `${GEOMETRY_COLUMN} = ? WHERE uuid = ?`,
    );
  }

  private fieldValues(properties: Readonly<Record<string, unknown>>): (string | number | null)[] {
    return this.layer.fields.map((field) => toSqlValue(field, properties[field.key]));
  }

  insert(
    uuid: string,
    properties: Readonly<Record<string, unknown>>,
    geometry: GeoJSONGeometry,
    extraAttributes: Readonly<Record<string, unknown>> | null | undefined,
    book: Bookkeeping,
  ): void {
    try {
      this.insertStatement.run(
        uuid,
        ...this.fieldValues(properties),
        extraAttributes ? JSON.stringify(extraAttributes) : null,
        book.now,
        book.now,
        book.author,
        geometryToWkb(geometry),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/UNIQUE constraint failed: .*\.uuid/.test(message)) {
        throw new PlanDeskError('INVALID_FEATURE', `Layer ${this.layer.id}, feature ${uuid}: a feature with this uuid already exists`);
      }
      throw error;
    }
  }

  /** Writes every field, the extra attributes, and the geometry when given (kept otherwise). */
  update(
    uuid: string,
    properties: Readonly<Record<string, unknown>>,
    geometry: GeoJSONGeometry | undefined,
    extraAttributes: Readonly<Record<string, unknown>> | null,
    book: Bookkeeping,
  ): void {
    const values = [...this.fieldValues(properties), extraAttributes ? JSON.stringify(extraAttributes) : null, book.now, book.author];
    if (geometry) this.updateStatement.run(...values, geometryToWkb(geometry), uuid);
    else this.updateAttributesStatement.run(...values, uuid);
  }

  delete(uuid: string): boolean {
    return this.deleteStatement.run(uuid).changes === 1;
  }

  /** The row's journaled state now (the same JSON the triggers write), or null when there is no such feature. */
  state(uuid: string): RowState | null {
    const row = this.stateStatement.get(uuid) as { state: string } | undefined;
    return row ? parseRowState(row.state) : null;
  }

  private stateValues(state: RowState): unknown[] {
    return [...this.fieldColumns, JOURNAL_EXTRA_KEY].map((c) => state[c] ?? null);
  }

  private static geometryBlob(state: RowState): Buffer | null {
    const hex = state[JOURNAL_GEOMETRY_KEY];
    return typeof hex === 'string' && hex !== '' ? Buffer.from(hex, 'hex') : null;
  }

  /** Puts a deleted feature back as it was (bookkeeping `updated_*` from `book`). */
  restoreAsInsert(uuid: string, state: RowState, book: Bookkeeping): void {
    this.restoreInsert.run(uuid, ...this.stateValues(state), state.created_at ?? book.now, book.now, book.author, RowWriter.geometryBlob(state));
  }

  /** Sets a feature's content back to a journaled state. */
  restoreAsUpdate(uuid: string, state: RowState, book: Bookkeeping): void {
    this.restoreUpdate.run(...this.stateValues(state), book.now, book.author, RowWriter.geometryBlob(state), uuid);
  }
}
