/**
 * Turns a FeatureQuery into one parameterised SELECT. Field names are checked against the layer
 * (never interpolated from input); a bounding box always goes through the R*Tree.
 */
import type { LayerDefinition } from '../../layers/types.js';
import { PlanDeskError } from '../errors.js';
import { GEOMETRY_COLUMN, featureColumns, quoteIdentifier, spatialIndexTable } from './layer-table.js';
import type { BBox, FeatureQuery, FieldCondition } from './types.js';

/** Bookkeeping columns a query may filter and sort on, besides the layer's fields. */
const QUERYABLE_BOOKKEEPING = new Set(['id', 'uuid', 'created_at', 'updated_at', 'updated_by']);

export interface CompiledQuery {
  readonly sql: string;
  readonly params: unknown[];
}

function columnFor(layer: LayerDefinition, key: string): string {
  if (QUERYABLE_BOOKKEEPING.has(key) || layer.fields.some((f) => f.key === key)) return `t.${quoteIdentifier(key)}`;
  throw new PlanDeskError(
    'UNKNOWN_FIELD',
    `Layer ${layer.id} has no field "${key}" (fields: ${layer.fields.map((f) => f.key).join(', ')})`,
  );
}

function scalar(layer: LayerDefinition, condition: FieldCondition): string | number {
  const v = condition.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  throw new PlanDeskError(
    'INVALID_ARGUMENT',
    `Filter on ${layer.id}.${condition.field} ${condition.op} needs a string or finite number, got ${JSON.stringify(v)}`,
  );
}

function conditionSql(layer: LayerDefinition, condition: FieldCondition, params: unknown[]): string {
  const column = columnFor(layer, condition.field);
  switch (condition.op) {
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      params.push(scalar(layer, condition));
      return `${column} ${condition.op} ?`;
    case 'like':
      params.push(scalar(layer, condition));
      return `${column} LIKE ?`;
    case 'in': {
      const values = condition.value;
      if (!Array.isArray(values) || values.length === 0 || values.length > 1000) {
        throw new PlanDeskError('INVALID_ARGUMENT', `Filter "${condition.field} in" needs a list of 1 to 1000 values`);
      }
      for (const v of values) params.push(scalar(layer, { ...condition, value: v }));
      return `${column} IN (${values.map(() => '?').join(', ')})`;
    }
    case 'is_null':
      return `${column} IS NULL`;
    case 'not_null':
      return `${column} IS NOT NULL`;
    default:
      throw new PlanDeskError('INVALID_ARGUMENT', `Unknown filter operator "${String((condition as FieldCondition).op)}"`);
  }
}

export function checkBBox(bbox: BBox): void {
  if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new PlanDeskError('INVALID_ARGUMENT', `A bounding box is four finite numbers minx,miny,maxx,maxy; got ${JSON.stringify(bbox)}`);
  }
  if (bbox[0] > bbox[2] || bbox[1] > bbox[3]) {
    throw new PlanDeskError('INVALID_ARGUMENT', `Bounding box ${bbox.join(',')} has min greater than max`);
  }
}

/**
 * FROM and WHERE of a query. With a box, rows come from the R*Tree joined to the table
 * (CROSS JOIN keeps the index as the outer loop), so a LIMIT stops the scan early: a city-wide
 * view capped at 5 000 features reads 5 000 rows, not the million the box covers.
 */
function fromWhereSql(layer: LayerDefinition, query: FeatureQuery, srid: number, params: unknown[]): string {
  const clauses: string[] = [];
  let from = `${quoteIdentifier(layer.id)} t`;
  if (query.bbox) {
    checkBBox(query.bbox);
    const [minx, miny, maxx, maxy] = query.bbox;
    from = `${spatialIndexTable(layer)} r CROSS JOIN ${from} ON t.id = r.pkid`;
    clauses.push('r.xmin <= ? AND r.xmax >= ? AND r.ymin <= ? AND r.ymax >= ?');
    params.push(maxx, minx, maxy, miny);
    if (query.bboxTest === 'exact') {
      // Candidates whose envelope lies inside the box intersect it for sure; only the others need GEOS.
      clauses.push(
        `(MbrWithin(t.${GEOMETRY_COLUMN}, BuildMbr(?, ?, ?, ?, ${srid})) OR ST_Intersects(t.${GEOMETRY_COLUMN}, BuildMbr(?, ?, ?, ?, ${srid})))`,
      );
      params.push(minx, miny, maxx, maxy, minx, miny, maxx, maxy);
    }
  }
  for (const condition of query.where ?? []) clauses.push(conditionSql(layer, condition, params));
  return `FROM ${from} WHERE ${clauses.length ? clauses.join(' AND ') : '1'}`;
}

export function compileSelect(layer: LayerDefinition, query: FeatureQuery, srid: number): CompiledQuery {
  const params: unknown[] = [];
  let sql = `SELECT ${featureColumns(layer)} ${fromWhereSql(layer, query, srid, params)}`;
  const order = query.orderBy;
  if (order) sql += ` ORDER BY ${columnFor(layer, order.field)} ${order.descending ? 'DESC' : 'ASC'}, t.id`;
  // Without a box, key order costs nothing (the table is stored by key); with one, the index's order is kept.
  else if (!query.bbox) sql += ' ORDER BY t.id';
  const limit = query.limit ?? -1;
  const offset = query.offset ?? 0;
  if (!Number.isInteger(limit) || limit < -1 || !Number.isInteger(offset) || offset < 0) {
    throw new PlanDeskError('INVALID_ARGUMENT', `limit and offset must be non-negative integers (got ${limit}, ${offset})`);
  }
  sql += ' LIMIT ? OFFSET ?';
  params.push(limit, offset);
  return { sql, params };
}

export function compileCount(layer: LayerDefinition, query: FeatureQuery, srid: number): CompiledQuery {
  const params: unknown[] = [];
  if (query.bbox && query.bboxTest !== 'exact' && !query.where?.length) {
    // Envelopes alone: the R*Tree answers without touching the table.
    checkBBox(query.bbox);
    const [minx, miny, maxx, maxy] = query.bbox;
    return {
      sql: `SELECT count(*) AS n FROM ${spatialIndexTable(layer)} WHERE xmin <= ? AND xmax >= ? AND ymin <= ? AND ymax >= ?`,
      params: [maxx, minx, maxy, miny],
    };
  }
  return { sql: `SELECT count(*) AS n ${fromWhereSql(layer, query, srid, params)}`, params };
}
