/**
 * Resolving a stored conflict, per attribute (or per feature for an edit against a delete):
 * 'mine' keeps the local value (the next push sends it over the server's), 'theirs' takes the
 * server's (written locally as a 'sync' batch, so nothing is pushed for it), 'edit' writes a
 * value of one's own (a 'ui' batch, pushed next). The conflict is marked resolved in the same
 * transaction as the write.
 */
import type { BasicOperation } from '../../gis-core/edit/types.js';
import { PlanDeskError } from '../../gis-core/errors.js';
import type { Project } from '../../gis-core/store/project.js';
import type { GeoJSONGeometry } from '../../layers/types.js';
import type { SyncResolution } from '../api-types.js';
import { mappingOf, requireConnection } from './connection.js';
import { GEOMETRY_ATTRIBUTE, sameValue, syncedFields, type SyncValues } from './values.js';

export function resolveConflict(project: Project, resolution: SyncResolution): void {
  const state = project.syncState();
  const conflict = state.conflict(resolution.conflictId);
  if (!conflict) throw new PlanDeskError('INVALID_ARGUMENT', `No sync conflict ${resolution.conflictId} in ${project.file}`);
  if (conflict.state !== 'open') throw new PlanDeskError('INVALID_ARGUMENT', `Sync conflict ${conflict.id} is already resolved (${conflict.resolution})`);
  if (!['mine', 'theirs', 'edit'].includes(resolution.choice)) {
    throw new PlanDeskError('INVALID_ARGUMENT', `A resolution is mine, theirs or edit, not "${String(resolution.choice)}"`);
  }
  const mapping = mappingOf(requireConnection(project), conflict.layer);
  if (!mapping) throw new PlanDeskError('INVALID_ARGUMENT', `Layer ${conflict.layer} is no longer synced; conflict ${conflict.id} cannot be resolved`);
  const layer = project.layer(conflict.layer);
  const local = project.featureByUuid(layer.id, conflict.uuid);
  const done = (): void => state.resolveConflict(conflict.id, resolution.choice);
  const write = (source: 'sync' | 'ui', operation: BasicOperation, message: string): void => {
    project.applyEdits({ source, message }, () => [operation], done);
  };
  const label = `${layer.id} ${conflict.uuid}${conflict.attribute ? ` (${conflict.attribute})` : ''}`;

  if (conflict.kind === 'attribute') {
    const attribute = conflict.attribute!;
    if (resolution.choice === 'mine') return state.transaction(done);
    const value = resolution.choice === 'theirs' ? (JSON.parse(conflict.serverJson ?? 'null') as unknown) : resolution.value;
    if (resolution.choice === 'edit' && value === undefined) throw new PlanDeskError('INVALID_ARGUMENT', `Resolving conflict ${conflict.id} with "edit" needs a value`);
    if (!local) throw new PlanDeskError('CONFLICT', `${label}: the feature was deleted here since the conflict; resolve it by keeping yours`);
    const current = attribute === GEOMETRY_ATTRIBUTE ? local.geometry : local.properties[attribute];
    if (sameValue(attribute, current, value)) return state.transaction(done);
    const operation: BasicOperation =
      attribute === GEOMETRY_ATTRIBUTE
        ? { op: 'update', layer: layer.id, uuid: conflict.uuid, geometry: value as GeoJSONGeometry }
        : { op: 'update', layer: layer.id, uuid: conflict.uuid, properties: { [attribute]: value } };
    const verb = resolution.choice === 'theirs' ? 'lấy giá trị máy chủ / take theirs' : 'sửa / edit';
    return write(resolution.choice === 'theirs' ? 'sync' : 'ui', operation, `Giải quyết xung đột ${label}: ${verb}`);
  }

  if (resolution.choice === 'edit') {
    throw new PlanDeskError('INVALID_ARGUMENT', `Conflict ${conflict.id} is an edit against a delete: keep yours (mine) or take the server's (theirs)`);
  }
  if (conflict.kind === 'edit-vs-delete') {
    // Edited here, deleted on the server. Mine: forget the base, so the next push inserts it again.
    if (resolution.choice === 'mine') {
      return state.transaction(() => {
        state.deleteBase(layer.id, conflict.uuid);
        done();
      });
    }
    const forget = (): void => {
      state.deleteBase(layer.id, conflict.uuid);
      done();
    };
    if (!local) return state.transaction(forget);
    project.applyEdits({ source: 'sync', message: `Giải quyết xung đột ${label}: xóa như máy chủ / take theirs (deleted)` }, () => [{ op: 'delete', layer: layer.id, uuid: conflict.uuid }], forget);
    return;
  }
  // delete-vs-edit: deleted here, edited on the server (the base is the server's version). Mine: the push deletes it.
  if (resolution.choice === 'mine' || local) return state.transaction(done);
  const server = JSON.parse(conflict.serverJson ?? 'null') as SyncValues | null;
  if (!server?.geometry) return state.transaction(done);
  const properties = Object.fromEntries(syncedFields(layer, mapping).filter((f) => !f.derived).map((f) => [f.key, server.properties[f.key] ?? null]));
  write('sync', { op: 'insert', layer: layer.id, uuid: conflict.uuid, properties, geometry: server.geometry }, `Giải quyết xung đột ${label}: lấy lại từ máy chủ / take theirs`);
}
