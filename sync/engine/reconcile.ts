/**
 * Brings server facts into the project (checkout, pull, and the re-pull of a stale push): each
 * feature merged three ways with its base and its local state (merge.ts); what the merge writes
 * becomes ONE edit batch with source 'sync' and no topology (basic operations only: the server's
 * geometry is taken as it is), and the bases and conflicts are recorded in the SAME transaction
 * (the batch's `afterApply` hook), so a crash keeps both or neither.
 */
import type { BasicOperation } from '../../gis-core/edit/types.js';
import type { Project } from '../../gis-core/store/project.js';
import type { SyncLayerMapping } from '../api-types.js';
import type { ServerFeature } from '../transport/types.js';
import { parseValues } from './changeset.js';
import { mergeFeature, type MergeConflict } from './merge.js';
import { GEOMETRY_ATTRIBUTE, localValues, mergeAttributes, sameValue, serverValues, syncedFields, type SyncValues } from './values.js';

export interface ServerFact {
  readonly mapping: SyncLayerMapping;
  /** The local uuid of the feature (the server's uuid, or the one a server feature without one was given). */
  readonly uuid: string;
  /** The server's feature now; null when it is not on the server (deleted). */
  readonly feature: ServerFeature | null;
}

export interface ReconcileResult {
  readonly batchId: number | null;
  /** Server features looked at. */
  readonly fetched: number;
  /** Features changed locally by the merge. */
  readonly merged: number;
  /** Conflicts stored. */
  readonly conflicts: number;
  /** Server features that could not be taken (no geometry), "layer uuid: why". */
  readonly skipped: readonly string[];
}

interface Bookkeeping {
  readonly fact: ServerFact;
  readonly base: 'server' | 'none' | 'keep';
  readonly server: SyncValues | null;
  readonly conflicts: readonly MergeConflict[];
}

export function reconcile(project: Project, facts: readonly ServerFact[], message: string): ReconcileResult {
  const state = project.syncState();
  const operations: BasicOperation[] = [];
  const bookkeeping: Bookkeeping[] = [];
  const skipped: string[] = [];
  let fetched = 0;
  for (const fact of facts) {
    const layer = project.layer(fact.mapping.layer);
    if (fact.feature) fetched++;
    if (fact.feature && fact.feature.geometry === null) {
      skipped.push(`${layer.id} ${fact.uuid}: the server feature has no geometry`);
      continue;
    }
    const baseRow = state.base(layer.id, fact.uuid);
    const stored = project.featureByUuid(layer.id, fact.uuid);
    const local = stored ? localValues(layer, fact.mapping, stored) : null;
    const server = fact.feature ? serverValues(layer, fact.mapping, fact.feature) : null;
    const result = mergeFeature({ base: parseValues(baseRow?.valuesJson ?? null), local, server, attributes: mergeAttributes(layer, fact.mapping) });
    bookkeeping.push({ fact, base: result.base, server, conflicts: result.conflicts });
    if (result.local.action === 'delete') {
      operations.push({ op: 'delete', layer: layer.id, uuid: fact.uuid });
    } else if (result.local.action === 'write') {
      const values = result.local.values;
      const writable = syncedFields(layer, fact.mapping).filter((f) => !f.derived);
      if (!local) {
        const properties = Object.fromEntries(writable.map((f) => [f.key, values.properties[f.key] ?? null]));
        operations.push({ op: 'insert', layer: layer.id, uuid: fact.uuid, properties, geometry: values.geometry! });
      } else {
        const changed = writable.filter((f) => !sameValue(f.key, values.properties[f.key], local.properties[f.key]));
        const geometryChanged = !sameValue(GEOMETRY_ATTRIBUTE, values.geometry, local.geometry);
        if (changed.length || geometryChanged) {
          operations.push({
            op: 'update',
            layer: layer.id,
            uuid: fact.uuid,
            properties: Object.fromEntries(changed.map((f) => [f.key, values.properties[f.key] ?? null])),
            ...(geometryChanged ? { geometry: values.geometry! } : {}),
          });
        }
      }
    }
  }
  let conflicts = 0;
  const record = (): void => {
    for (const { fact, base, server, conflicts: found } of bookkeeping) {
      const layer = fact.mapping.layer;
      if (base === 'server' && fact.feature && server) {
        state.putBase({ layer, uuid: fact.uuid, serverId: fact.feature.serverId, rowVersion: fact.feature.rowVersion, valuesJson: JSON.stringify(server) });
      } else if (base === 'none') {
        state.deleteBase(layer, fact.uuid);
      }
      for (const conflict of found) {
        state.addConflict({
          layer,
          uuid: fact.uuid,
          kind: conflict.kind,
          attribute: conflict.attribute,
          baseJson: JSON.stringify(conflict.base ?? null),
          localJson: JSON.stringify(conflict.local ?? null),
          serverJson: JSON.stringify(conflict.server ?? null),
        });
        conflicts++;
      }
    }
  };
  let batchId: number | null = null;
  if (operations.length > 0) {
    batchId = project.applyEdits({ source: 'sync', message }, () => operations, record).batchId;
  } else {
    state.transaction(record);
  }
  return { batchId, fetched, merged: operations.length, conflicts, skipped };
}

/** The local uuid of a server feature: its own, or the one given to it when it first came without one. */
export function localUuidOf(project: Project, mapping: SyncLayerMapping, feature: ServerFeature, newUuid: () => string): string {
  if (feature.uuid) return feature.uuid;
  return project.syncState().baseByServerId(mapping.layer, feature.serverId)?.uuid ?? newUuid();
}
