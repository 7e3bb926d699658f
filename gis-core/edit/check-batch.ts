/**
 * The shape check of an edit batch as it arrives from a transport (JSON of unknown shape):
 * every operation, layer, uuid, geometry and position is checked before anything is read or
 * written, and a bad one is refused with a message that names the operation (HTTP 400).
 * What needs the project (does the feature exist, are the attributes valid) is checked when
 * the batch is applied, in its transaction.
 */
import { getLayer, isLayerId } from '../../layers/index.js';
import type { GeoJSONGeometry, LayerDefinition } from '../../layers/types.js';
import { EDIT_BATCH_MAX_OPERATIONS, type EditBatch, type EditOperation, type EditPosition, type EditSource } from '../api/contract.js';
import { PlanDeskError } from '../errors.js';
import { geometryProblem } from '../geometry/check.js';
import { isUuid } from '../util/uuid.js';

const SOURCES: readonly EditSource[] = ['ui', 'cli', 'import', 'sync'];
const OPERATIONS = new Set<EditOperation['op']>(['insert', 'update', 'delete', 'splitLine', 'splitPolygon', 'mergePolygons']);
const KEYS: Record<EditOperation['op'], readonly string[]> = {
  insert: ['op', 'layer', 'uuid', 'properties', 'geometry', 'extraAttributes'],
  update: ['op', 'layer', 'uuid', 'properties', 'geometry'],
  delete: ['op', 'layer', 'uuid'],
  splitLine: ['op', 'layer', 'uuid', 'at', 'newUuid'],
  splitPolygon: ['op', 'layer', 'uuid', 'line', 'newUuid'],
  mergePolygons: ['op', 'layer', 'uuids'],
};

function invalid(message: string): PlanDeskError {
  return new PlanDeskError('INVALID_ARGUMENT', message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkPosition(value: unknown, what: string): EditPosition {
  if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw invalid(`${what} must be a position [x, y] of two finite numbers, got ${JSON.stringify(value)}`);
  }
  return [value[0] as number, value[1] as number];
}

function checkUuid(value: unknown, what: string): string {
  if (!isUuid(value)) throw invalid(`${what} must be a feature uuid, got ${JSON.stringify(value)}`);
  return value;
}

function checkGeometry(value: unknown, layer: LayerDefinition, what: string): GeoJSONGeometry {
  const problem = geometryProblem(value, layer.geometryType);
  if (problem) throw new PlanDeskError('INVALID_FEATURE', `${what}: ${problem}`);
  return value as GeoJSONGeometry;
}

function checkOperation(value: unknown, index: number): EditOperation {
  const where = `Operation #${index + 1}`;
  if (!isObject(value)) throw invalid(`${where} must be an object, got ${JSON.stringify(value)}`);
  const op = value.op as EditOperation['op'];
  if (!OPERATIONS.has(op)) throw invalid(`${where}: unknown op ${JSON.stringify(value.op)} (one of ${[...OPERATIONS].join(', ')})`);
  for (const key of Object.keys(value)) {
    if (!KEYS[op].includes(key)) throw invalid(`${where} (${op}): unknown member "${key}" (allowed: ${KEYS[op].join(', ')})`);
  }
  if (!isLayerId(value.layer)) throw invalid(`${where} (${op}): unknown layer ${JSON.stringify(value.layer)}`);
  const layer = getLayer(value.layer);
  const at = `${where} (${op} ${layer.id})`;
  const optionalObject = (key: string): Record<string, unknown> | undefined => {
    const member = value[key];
    if (member === undefined) return undefined;
    if (!isObject(member)) throw invalid(`${at}: ${key} must be an object`);
    return member;
  };
  switch (op) {
    case 'insert': {
      if (value.uuid !== undefined) checkUuid(value.uuid, `${at}: uuid`);
      const properties = optionalObject('properties') ?? {};
      const extraAttributes = optionalObject('extraAttributes');
      return {
        op,
        layer: layer.id,
        ...(value.uuid !== undefined ? { uuid: value.uuid as string } : {}),
        properties,
        geometry: checkGeometry(value.geometry, layer, at),
        ...(extraAttributes ? { extraAttributes } : {}),
      };
    }
    case 'update': {
      const properties = optionalObject('properties');
      if (properties === undefined && value.geometry === undefined) throw invalid(`${at}: an update needs properties or a geometry`);
      return {
        op,
        layer: layer.id,
        uuid: checkUuid(value.uuid, `${at}: uuid`),
        ...(properties ? { properties } : {}),
        ...(value.geometry !== undefined ? { geometry: checkGeometry(value.geometry, layer, at) } : {}),
      };
    }
    case 'delete':
      return { op, layer: layer.id, uuid: checkUuid(value.uuid, `${at}: uuid`) };
    case 'splitLine':
      if (layer.geometryType !== 'LineString') throw invalid(`${at}: layer ${layer.id} holds ${layer.geometryType}s, not lines`);
      return {
        op,
        layer: layer.id,
        uuid: checkUuid(value.uuid, `${at}: uuid`),
        at: checkPosition(value.at, `${at}: at`),
        ...(value.newUuid !== undefined ? { newUuid: checkUuid(value.newUuid, `${at}: newUuid`) } : {}),
      };
    case 'splitPolygon': {
      if (layer.geometryType !== 'Polygon') throw invalid(`${at}: layer ${layer.id} holds ${layer.geometryType}s, not polygons`);
      if (!Array.isArray(value.line) || value.line.length < 2) throw invalid(`${at}: line must be a list of at least two positions`);
      return {
        op,
        layer: layer.id,
        uuid: checkUuid(value.uuid, `${at}: uuid`),
        line: value.line.map((p, i) => checkPosition(p, `${at}: line[${i}]`)),
        ...(value.newUuid !== undefined ? { newUuid: checkUuid(value.newUuid, `${at}: newUuid`) } : {}),
      };
    }
    case 'mergePolygons': {
      if (layer.geometryType !== 'Polygon') throw invalid(`${at}: layer ${layer.id} holds ${layer.geometryType}s, not polygons`);
      if (!Array.isArray(value.uuids) || value.uuids.length < 2) throw invalid(`${at}: uuids must list at least two features`);
      const uuids = value.uuids.map((u, i) => checkUuid(u, `${at}: uuids[${i}]`));
      if (new Set(uuids).size !== uuids.length) throw invalid(`${at}: uuids lists a feature twice`);
      return { op, layer: layer.id, uuids };
    }
  }
}

/** Checks an edit batch from a transport; returns it typed, or throws INVALID_ARGUMENT / INVALID_FEATURE naming the fault. */
export function checkEditBatch(value: unknown): EditBatch {
  if (!isObject(value)) throw invalid(`An edit batch must be an object { operations: [...] }, got ${JSON.stringify(value)}`);
  for (const key of Object.keys(value)) {
    if (!['operations', 'message', 'author', 'source', 'crs', 'topology'].includes(key)) throw invalid(`Edit batch: unknown member "${key}"`);
  }
  if (!Array.isArray(value.operations) || value.operations.length === 0) throw invalid('Edit batch: operations must be a non-empty list');
  if (value.operations.length > EDIT_BATCH_MAX_OPERATIONS) {
    throw invalid(`Edit batch: ${value.operations.length} operations, at most ${EDIT_BATCH_MAX_OPERATIONS} per batch`);
  }
  const text = (key: string, max: number): string | undefined => {
    const member = value[key];
    if (member === undefined) return undefined;
    if (typeof member !== 'string' || member.length > max) throw invalid(`Edit batch: ${key} must be a string of at most ${max} characters`);
    return member;
  };
  const message = text('message', 500);
  const author = text('author', 100);
  const crs = text('crs', 40);
  const source = value.source;
  if (source !== undefined && !SOURCES.includes(source as EditSource)) {
    throw invalid(`Edit batch: source must be one of ${SOURCES.join(', ')}, got ${JSON.stringify(source)}`);
  }
  if (value.topology !== undefined && typeof value.topology !== 'boolean') throw invalid('Edit batch: topology must be true or false');
  return {
    operations: value.operations.map((op, i) => checkOperation(op, i)),
    ...(message !== undefined ? { message } : {}),
    ...(author !== undefined ? { author } : {}),
    ...(source !== undefined ? { source: source as EditSource } : {}),
    ...(crs !== undefined ? { crs } : {}),
    ...(value.topology !== undefined ? { topology: value.topology as boolean } : {}),
  };
}
