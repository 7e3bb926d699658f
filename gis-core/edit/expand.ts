/**
 * Turns the operations of an edit batch (contract `EditOperation`s) into the basic operations
 * the store applies and the journal records: insert / update / delete pass through, the actions
 * (splitLine, splitPolygon, mergePolygons) become basic ones, and with topology on the
 * operations that keep networks connected are appended. Pure: the project is read through an
 * `EditReader`, nothing is written.
 *
 * The reader shows the project before the batch; each operation sees what the earlier ones of
 * the batch did (an overlay). Several operations on one feature come out as one where that is
 * simple (insert + updates → insert, updates → update, … + delete → delete, insert + delete →
 * nothing). Coordinates are in the project CRS.
 */
import { networkOfLineLayer } from '../../layers/networks.js';
import { getLayer, isLayerId } from '../../layers/index.js';
import type { GeoJSONGeometry, GeometryType, LayerDefinition, LayerId, Position } from '../../layers/types.js';
import type { EditOperation } from '../api/contract.js';
import { PlanDeskError } from '../errors.js';
import { geometryProblem } from '../geometry/check.js';
import { isUuid } from '../util/uuid.js';
import { mergePolygons } from './actions/merge-polygons.js';
import { splitLine } from './actions/split-line.js';
import { splitPolygon } from './actions/split-polygon.js';
import { OverlayReader } from './overlay.js';
import { nodeAt, topologyOperations } from './topology.js';
import type { BasicOperation, EditFeature, EditReader } from './types.js';

export interface ExpandOptions {
  /** Keep networks connected (`EditBatch.topology`). */
  readonly topology: boolean;
  /** Makes a uuid for an insert without one and for the new part of a split without `newUuid`. */
  readonly newUuid: () => string;
}

const key = (layer: LayerId, uuid: string): string => `${layer}\u0000${uuid}`;

function positionOk(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v));
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The attributes a new part copies: all but the derived ones (the store computes those). */
function copiedProperties(layer: LayerDefinition, properties: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const derived = new Set(layer.fields.filter((f) => f.derived).map((f) => f.key));
  return Object.fromEntries(Object.entries(properties).filter(([k]) => !derived.has(k)));
}

class Expander {
  readonly state: OverlayReader;
  readonly out: BasicOperation[] = [];

  constructor(
    reader: EditReader,
    private readonly options: ExpandOptions,
  ) {
    this.state = new OverlayReader(reader);
  }

  emit(op: BasicOperation): void {
    this.state.apply(op);
    this.out.push(op);
  }

  expand(op: EditOperation, n: number): void {
    const where = `operation ${n} (${String((op as { op?: unknown }).op)})`;
    const layer = this.layer(op.layer, where);
    switch (op.op) {
      case 'insert': {
        const uuid = op.uuid ?? this.options.newUuid();
        this.freshUuid(layer.id, uuid, where);
        this.checkGeometry(layer, uuid, op.geometry, where);
        this.emit({
          op: 'insert',
          layer: layer.id,
          uuid,
          properties: op.properties ?? {},
          geometry: op.geometry,
          ...(op.extraAttributes ? { extraAttributes: op.extraAttributes } : {}),
        });
        return;
      }
      case 'update': {
        this.existing(layer.id, op.uuid, where);
        if (op.geometry !== undefined) this.checkGeometry(layer, op.uuid, op.geometry, where);
        this.emit({
          op: 'update',
          layer: layer.id,
          uuid: op.uuid,
          ...(op.properties ? { properties: op.properties } : {}),
          ...(op.geometry ? { geometry: op.geometry } : {}),
        });
        return;
      }
      case 'delete':
        this.existing(layer.id, op.uuid, where);
        this.emit({ op: 'delete', layer: layer.id, uuid: op.uuid });
        return;
      case 'splitLine':
        return this.splitLine(layer, op, where);
      case 'splitPolygon':
        return this.splitPolygon(layer, op, where);
      case 'mergePolygons':
        return this.mergePolygons(layer, op, where);
      default:
        throw new PlanDeskError('INVALID_ARGUMENT', `Unknown edit operation "${String((op as { op?: unknown }).op)}" (${where}).`);
    }
  }

  private layer(id: unknown, where: string): LayerDefinition {
    if (!isLayerId(id)) throw new PlanDeskError('UNKNOWN_LAYER', `Unknown layer "${String(id)}" (${where}).`);
    return getLayer(id);
  }

  private existing(layer: LayerId, uuid: string, where: string): EditFeature {
    const feature = this.state.feature(layer, uuid);
    if (!feature) {
      const gone = this.state.deleted(layer, uuid) ? ' (deleted earlier in this batch)' : '';
      throw new PlanDeskError('UNKNOWN_FEATURE', `No feature ${uuid} in layer ${layer}${gone} (${where}).`);
    }
    return feature;
  }

  private freshUuid(layer: LayerId, uuid: string, where: string): void {
    if (!isUuid(uuid)) throw new PlanDeskError('INVALID_ARGUMENT', `New feature uuid "${String(uuid)}" for layer ${layer} is not a UUID (${where}).`);
    if (this.state.feature(layer, uuid) || this.state.deleted(layer, uuid)) {
      throw new PlanDeskError('INVALID_ARGUMENT', `Feature ${uuid} already exists in layer ${layer}; uuids are never reused (${where}).`);
    }
  }

  private checkGeometry(layer: LayerDefinition, uuid: string, geometry: unknown, where: string): void {
    const problem = geometryProblem(geometry, layer.geometryType);
    if (problem) throw new PlanDeskError('INVALID_FEATURE', `Feature ${uuid} in layer ${layer.id}: ${problem} (${where}).`);
  }

  private requireType(layer: LayerDefinition, type: GeometryType, verb: string, uuid: string, where: string): void {
    if (layer.geometryType !== type) {
      throw new PlanDeskError('INVALID_ARGUMENT', `Cannot ${verb} ${layer.id} ${uuid}: the layer holds ${layer.geometryType} geometries, not ${type} (${where}).`);
    }
  }

  private splitLine(layer: LayerDefinition, op: Extract<EditOperation, { op: 'splitLine' }>, where: string): void {
    this.requireType(layer, 'LineString', 'split', op.uuid, where);
    const feature = this.existing(layer.id, op.uuid, where);
    if (!positionOk(op.at)) throw new PlanDeskError('INVALID_ARGUMENT', `Cannot split ${layer.id} ${op.uuid}: "at" is not an [x, y] position (${where}).`);
    const newUuid = op.newUuid ?? this.options.newUuid();
    this.freshUuid(layer.id, newUuid, where);
    const coords = (feature.geometry as Extract<GeoJSONGeometry, { type: 'LineString' }>).coordinates;
    const name = `${layer.id} ${op.uuid}`;
    const plain = splitLine(coords, op.at, { feature: name });
    // A node standing at the split point (a valve, a manhole) joins both parts.
    const node = nodeAt(this.state, layer.id, plain.vertex);
    const split = node && this.options.topology ? splitLine(coords, node.at, { feature: name, vertex: node.at }) : plain;

    const network = networkOfLineLayer(layer.id);
    const first: Record<string, unknown> = {};
    const second = copiedProperties(layer, feature.properties);
    const links = network?.links;
    if (links) {
      const joined = node && node.node.layer === links.nodeLayer ? node.node.uuid : null;
      first[links.end] = joined;
      second[links.start] = joined;
    }
    const levels = network?.levels;
    if (levels) {
      const up = feature.properties[levels.start];
      const down = feature.properties[levels.end];
      if (typeof up === 'number' && typeof down === 'number' && split.length > 0) {
        const level = round3(up + ((down - up) * split.station) / split.length);
        first[levels.end] = level;
        second[levels.start] = level;
      }
    }
    this.emit({
      op: 'update',
      layer: layer.id,
      uuid: op.uuid,
      ...(Object.keys(first).length > 0 ? { properties: first } : {}),
      geometry: { type: 'LineString', coordinates: split.before },
    });
    this.emit({ op: 'insert', layer: layer.id, uuid: newUuid, properties: second, geometry: { type: 'LineString', coordinates: split.after } });
  }

  private splitPolygon(layer: LayerDefinition, op: Extract<EditOperation, { op: 'splitPolygon' }>, where: string): void {
    this.requireType(layer, 'Polygon', 'split', op.uuid, where);
    const feature = this.existing(layer.id, op.uuid, where);
    if (!Array.isArray(op.line) || !op.line.every(positionOk)) {
      throw new PlanDeskError('INVALID_ARGUMENT', `Cannot split ${layer.id} ${op.uuid}: "line" is not a list of [x, y] positions (${where}).`);
    }
    const newUuid = op.newUuid ?? this.options.newUuid();
    this.freshUuid(layer.id, newUuid, where);
    const rings = (feature.geometry as Extract<GeoJSONGeometry, { type: 'Polygon' }>).coordinates;
    const [larger, smaller] = splitPolygon(rings, op.line, { feature: `${layer.id} ${op.uuid}` });
    this.emit({ op: 'update', layer: layer.id, uuid: op.uuid, geometry: { type: 'Polygon', coordinates: larger } });
    this.emit({
      op: 'insert',
      layer: layer.id,
      uuid: newUuid,
      properties: copiedProperties(layer, feature.properties),
      geometry: { type: 'Polygon', coordinates: smaller },
    });
  }

  private mergePolygons(layer: LayerDefinition, op: Extract<EditOperation, { op: 'mergePolygons' }>, where: string): void {
    const uuids = Array.isArray(op.uuids) ? op.uuids : [];
    this.requireType(layer, 'Polygon', 'merge', uuids.join(', '), where);
    if (uuids.length < 2) throw new PlanDeskError('INVALID_ARGUMENT', `Cannot merge in layer ${layer.id}: give at least two feature uuids (${where}).`);
    const seen = new Set<string>();
    for (const uuid of uuids) {
      if (seen.has(uuid)) throw new PlanDeskError('INVALID_ARGUMENT', `Cannot merge in layer ${layer.id}: feature ${uuid} is listed twice (${where}).`);
      seen.add(uuid);
    }
    const features = uuids.map((uuid) => this.existing(layer.id, uuid, where));
    const merged = mergePolygons(
      features.map((f) => (f.geometry as Extract<GeoJSONGeometry, { type: 'Polygon' }>).coordinates),
      { features: `${layer.id} ${uuids.join(', ')}` },
    );
    const [keep, ...rest] = uuids as [string, ...string[]];
    this.emit({ op: 'update', layer: layer.id, uuid: keep, geometry: { type: 'Polygon', coordinates: merged } });
    for (const uuid of rest) this.emit({ op: 'delete', layer: layer.id, uuid });
  }
}

/**
 * Folds several operations on one feature into one where that is simple, keeping the order
 * in which features first appear.
 */
export function compactOperations(operations: readonly BasicOperation[]): BasicOperation[] {
  const slots: (BasicOperation | null)[] = [];
  const slotOf = new Map<string, number>();
  for (const op of operations) {
    const k = key(op.layer, op.uuid);
    const i = slotOf.get(k);
    const prev = i === undefined ? null : slots[i];
    if (i === undefined || !prev || prev.op === 'delete' || op.op === 'insert') {
      slotOf.set(k, slots.push(op) - 1);
      continue;
    }
    if (op.op === 'delete') {
      slots[i] = prev.op === 'insert' ? null : op;
      continue;
    }
    const properties = op.properties ? { ...(prev.properties ?? {}), ...op.properties } : prev.properties;
    const geometry = op.geometry ?? prev.geometry;
    if (prev.op === 'insert') slots[i] = { ...prev, properties: properties ?? {}, geometry: geometry ?? prev.geometry };
    else slots[i] = { op: 'update', layer: op.layer, uuid: op.uuid, ...(properties ? { properties } : {}), ...(geometry ? { geometry } : {}) };
  }
  return slots.filter((op): op is BasicOperation => op !== null);
}

/**
 * The basic operations for a batch's `operations`, read against `reader` (the project before
 * the batch). Refuses with UNKNOWN_LAYER, UNKNOWN_FEATURE, INVALID_ARGUMENT or INVALID_FEATURE,
 * naming the layer, the uuid and the operation.
 */
export function expandOperations(operations: readonly EditOperation[], reader: EditReader, options: ExpandOptions): BasicOperation[] {
  const expander = new Expander(reader, options);
  operations.forEach((op, i) => expander.expand(op, i + 1));
  const basic = expander.out;
  if (options.topology) basic.push(...topologyOperations(reader, basic));
  return compactOperations(basic);
}
