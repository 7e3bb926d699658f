/**
 * The local changeset: each synced feature's net change since it was last synced. Candidates are
 * the features the journal saw change after the watermark (any batch — PlanDesk's edits, undo
 * and redo, other programs' edits, undone pulls); each is compared attribute by attribute with
 * its base. No base and a row: an insert. A base and no row: a delete. Both: an update of the
 * attributes that differ (nothing when they are all the same again).
 */
import type { Project } from '../../gis-core/store/project.js';
import type { SyncBaseRow } from '../../gis-core/store/sync-state.js';
import type { LayerId } from '../../layers/types.js';
import type { SyncChange, SyncChangeKind, SyncLayerMapping } from '../api-types.js';
import type { EngineConnection } from './connection.js';
import { GEOMETRY_ATTRIBUTE, changesetAttributes, differingAttributes, localValues, valueOf, type SyncValues } from './values.js';

export interface LocalChange {
  readonly layer: LayerId;
  readonly uuid: string;
  readonly kind: SyncChangeKind;
  readonly mapping: SyncLayerMapping;
  /** The attributes that changed (every synced one for an insert, none for a delete). */
  readonly attributes: readonly string[];
  readonly base: SyncBaseRow | null;
  readonly baseValues: SyncValues | null;
  readonly localValues: SyncValues | null;
  /** An open conflict holds it back from a push. */
  readonly blocked: boolean;
}

export function parseValues(json: string | null): SyncValues | null {
  return json === null ? null : (JSON.parse(json) as SyncValues);
}

/** The net change of one feature, or null when it has none. */
export function featureChange(project: Project, mapping: SyncLayerMapping, uuid: string, blocked: boolean): LocalChange | null {
  const layer = project.layer(mapping.layer);
  const base = project.syncState().base(layer.id, uuid) ?? null;
  const stored = project.featureByUuid(layer.id, uuid);
  const local = stored ? localValues(layer, mapping, stored) : null;
  const baseValues = base ? parseValues(base.valuesJson) : null;
  const attributes = changesetAttributes(layer, mapping);
  const common = { layer: layer.id, uuid, mapping, base, baseValues, localValues: local, blocked };
  if (!baseValues && local) return { ...common, kind: 'insert', attributes };
  if (baseValues && !local) return { ...common, kind: 'delete', attributes: [] };
  if (!baseValues || !local) return null;
  const changed = differingAttributes(attributes, baseValues, local);
  return changed.length ? { ...common, kind: 'update', attributes: changed } : null;
}

/** Every synced feature's net local change, in journal order. */
export function localChanges(project: Project, connection: EngineConnection): LocalChange[] {
  const state = project.syncState();
  const blocked = state.blockedFeatures();
  const changes: LocalChange[] = [];
  const layers = connection.layers.map((m) => m.layer);
  for (const { layer, uuid } of state.touchedSince(connection.watermark, layers)) {
    const mapping = connection.layers.find((m) => m.layer === layer)!;
    const change = featureChange(project, mapping, uuid, blocked.has(`${layer}/${uuid}`));
    if (change) changes.push(change);
  }
  return changes;
}

/** A change as the API shows it (the push preview). */
export function toSyncChange(change: LocalChange): SyncChange {
  const values: Record<string, unknown> = {};
  const overwrites: Record<string, unknown> = {};
  for (const attribute of change.attributes) {
    if (change.localValues) values[attribute] = valueOf(change.localValues, attribute);
    if (change.baseValues) overwrites[attribute] = valueOf(change.baseValues, attribute);
  }
  if (change.kind === 'delete' && change.baseValues) {
    for (const [key, value] of Object.entries(change.baseValues.properties)) overwrites[key] = value;
    overwrites[GEOMETRY_ATTRIBUTE] = change.baseValues.geometry;
  }
  return {
    layer: change.layer,
    uuid: change.uuid,
    kind: change.kind,
    attributes: change.attributes,
    overwrites,
    values,
    geometry: change.localValues?.geometry ?? change.baseValues?.geometry ?? null,
    blocked: change.blocked,
  };
}

/**
 * Moves the journal watermark to the newest batch when nothing is left to push (every journaled
 * feature equals its base), so later changesets read only newer batches. Left where it is
 * otherwise: a pending or blocked change must stay a candidate.
 */
export function advanceWatermark(project: Project, connection: EngineConnection): void {
  const state = project.syncState();
  const latest = state.latestBatchId();
  if (latest > connection.watermark && localChanges(project, connection).length === 0) state.setWatermark(latest);
}
