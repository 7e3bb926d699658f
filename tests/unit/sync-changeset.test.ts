/**
 * The sync state in a real project file (schema 4), the local changeset from the journal and
 * the bases, reconciling server facts (checkout / pull) as one undoable 'sync' batch with the
 * bases in the same transaction, conflicts and their resolution, and the outbox's states.
 * Server features here are plain data (what a transport returns); no server is involved.
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Project } from '../../gis-core/store/project.js';
import { SCHEMA_VERSION } from '../../gis-core/store/schema.js';
import { newUuid } from '../../gis-core/util/uuid.js';
import type { GeoJSONGeometry } from '../../layers/types.js';
import type { SyncLayerMapping } from '../../sync/api-types.js';
import { syncConflicts, syncPreview, syncResolve, syncStatus } from '../../sync/engine/api.js';
import { advanceWatermark, localChanges } from '../../sync/engine/changeset.js';
import { requireConnection } from '../../sync/engine/connection.js';
import { reconcile, type ServerFact } from '../../sync/engine/reconcile.js';
import type { ServerFeature } from '../../sync/transport/types.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-sync-');
const mapping: SyncLayerMapping = {
  layer: 'water_mains',
  featureType: 'water_mains',
  fields: { code: 'code', diameter_mm: 'diameter_mm', material: 'material', length_m: 'length_m' },
};
const line = (x: number, dx = 100): GeoJSONGeometry => ({ type: 'LineString', coordinates: [[569000 + x, 1156000], [569000 + x + dx, 1156000]] });

function serverFeature(uuid: string, serverId: string, version: number, properties: Record<string, unknown>, geometry: GeoJSONGeometry): ServerFeature {
  return { serverId, uuid, rowVersion: version, updatedAt: null, properties, geometry };
}

let project: Project;
let counter = 0;
const uuids = [newUuid(), newUuid(), newUuid()];

function facts(features: (ServerFeature | { uuid: string; gone: true })[]): ServerFact[] {
  return features.map((f) => ('gone' in f ? { mapping, uuid: f.uuid, feature: null } : { mapping, uuid: f.uuid!, feature: f }));
}

function checkout(): void {
  reconcile(
    project,
    facts([
      serverFeature(uuids[0]!, 'water_mains.1', 1, { code: 'CN-1', diameter_mm: 150, material: 'hdpe' }, line(0)),
      serverFeature(uuids[1]!, 'water_mains.2', 1, { code: 'CN-2', diameter_mm: '200', material: 'upvc' }, line(200)),
    ]),
    'checkout',
  );
  project.syncState().setArea(JSON.stringify([568000, 1155000, 570000, 1157000]));
  advanceWatermark(project, requireConnection(project));
}

function edit(operations: unknown[]): number {
  return project.applyEdits({ source: 'ui' }, () => operations as never).batchId;
}

beforeEach(() => {
  project = Project.create(join(dir, `p${++counter}.plandesk.sqlite`), { name: 'Sync', province: 'Đồng Tháp', crsEpsg: 5897, layers: ['water_mains'] });
  project.syncState().saveConnection({
    url: 'http://sdi.example/',
    protocol: 'wfs-1.1',
    username: 'canbo',
    layersJson: JSON.stringify([mapping]),
    typesJson: JSON.stringify({ water_mains: { hasUuid: true, hasRowVersion: true, hasUpdatedAt: true } }),
  });
  return () => project.close();
});

describe('sync state and changesets', () => {
  it('the migration brings the sync tables (schema 4)', () => {
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
    expect(project.info().schemaVersion).toBe(SCHEMA_VERSION);
    expect(syncStatus(project)).toMatchObject({ connection: { url: 'http://sdi.example/', username: 'canbo' }, pending: { inserts: 0, updates: 0, deletes: 0 }, openConflicts: 0 });
  });

  it('checkout writes one sync batch, records the bases, and leaves nothing to push', () => {
    checkout();
    expect(project.count('water_mains')).toBe(2);
    const history = project.editHistory();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ source: 'sync', changeCount: 2 });
    expect(project.featureByUuid('water_mains', uuids[1]!)!.properties.diameter_mm).toBe(200);
    expect(project.syncState().base('water_mains', uuids[0]!)).toMatchObject({ serverId: 'water_mains.1', rowVersion: 1 });
    expect(syncPreview(project).changes).toEqual([]);
  });

  it('the changeset: an update names the changed attributes (geometry as one, derived length with it), insert and delete', () => {
    checkout();
    edit([{ op: 'update', layer: 'water_mains', uuid: uuids[0], properties: { diameter_mm: 250 }, geometry: line(0, 150) }]);
    const added = newUuid();
    edit([{ op: 'insert', layer: 'water_mains', uuid: added, properties: { diameter_mm: 100 }, geometry: line(500) }]);
    edit([{ op: 'delete', layer: 'water_mains', uuid: uuids[1] }]);
    const changes = syncPreview(project).changes;
    expect(changes.map((c) => [c.kind, c.uuid])).toEqual([
      ['update', uuids[0]],
      ['insert', added],
      ['delete', uuids[1]],
    ]);
    expect([...changes[0]!.attributes].sort()).toEqual(['diameter_mm', 'geometry', 'length_m']);
    expect(changes[0]!.overwrites).toMatchObject({ diameter_mm: 150, length_m: 100 });
    expect(changes[0]!.values).toMatchObject({ diameter_mm: 250, length_m: 150 });
    expect(changes[2]!.overwrites).toMatchObject({ code: 'CN-2', diameter_mm: 200 });
    expect(syncStatus(project).pending).toEqual({ inserts: 1, updates: 1, deletes: 1 });
  });

  it('an edit undone, or set back to the base value, is no change', () => {
    checkout();
    edit([{ op: 'update', layer: 'water_mains', uuid: uuids[0], properties: { diameter_mm: 250 } }]);
    project.undo();
    edit([{ op: 'update', layer: 'water_mains', uuid: uuids[1], properties: { code: 'X' } }]);
    edit([{ op: 'update', layer: 'water_mains', uuid: uuids[1], properties: { code: 'CN-2' } }]);
    expect(syncPreview(project).changes).toEqual([]);
  });

  it('a pull merges server and local edits of different attributes without a conflict', () => {
    checkout();
    edit([{ op: 'update', layer: 'water_mains', uuid: uuids[0], properties: { diameter_mm: 250 } }]);
    const result = reconcile(project, facts([serverFeature(uuids[0]!, 'water_mains.1', 2, { code: 'CN-1', diameter_mm: 150, material: 'steel' }, line(0))]), 'pull');
    expect(result).toMatchObject({ merged: 1, conflicts: 0 });
    expect(project.featureByUuid('water_mains', uuids[0]!)!.properties).toMatchObject({ diameter_mm: 250, material: 'steel' });
    // The base is the server's now: only the local edit remains to push, against version 2.
    const [change] = localChanges(project, requireConnection(project));
    expect(change).toMatchObject({ kind: 'update', attributes: ['diameter_mm'], base: { rowVersion: 2 } });
  });

  it('the same attribute edited on both sides is one conflict that blocks the push; resolved each way', () => {
    checkout();
    edit([{ op: 'update', layer: 'water_mains', uuid: uuids[0], properties: { diameter_mm: 250 } }]);
    edit([{ op: 'update', layer: 'water_mains', uuid: uuids[1], properties: { diameter_mm: 250 } }]);
    reconcile(
      project,
      facts([
        serverFeature(uuids[0]!, 'water_mains.1', 2, { code: 'CN-1', diameter_mm: 300, material: 'hdpe' }, line(0)),
        serverFeature(uuids[1]!, 'water_mains.2', 2, { code: 'CN-2', diameter_mm: 400, material: 'upvc' }, line(200)),
      ]),
      'pull',
    );
    const conflicts = syncConflicts(project);
    expect(conflicts.map((c) => [c.uuid, c.kind, c.attribute, c.base, c.local, c.server])).toEqual([
      [uuids[0], 'attribute', 'diameter_mm', 150, 250, 300],
      [uuids[1], 'attribute', 'diameter_mm', 200, 250, 400],
    ]);
    expect(syncPreview(project).changes.every((c) => c.blocked)).toBe(true);
    // Mine: the local value stays and is pushed.
    syncResolve(project, { conflictId: conflicts[0]!.id, choice: 'mine' });
    // Theirs: the server's value is written locally, nothing to push for it.
    const status = syncResolve(project, { conflictId: conflicts[1]!.id, choice: 'theirs' });
    expect(status.openConflicts).toBe(0);
    expect(project.featureByUuid('water_mains', uuids[1]!)!.properties.diameter_mm).toBe(400);
    expect(syncPreview(project).changes.map((c) => [c.uuid, c.attributes, c.blocked])).toEqual([[uuids[0], ['diameter_mm'], false]]);
    expect(() => syncResolve(project, { conflictId: conflicts[1]!.id, choice: 'mine' })).toThrow(/already resolved/);
  });

  it('resolving with an edited value writes it locally and pushes it', () => {
    checkout();
    edit([{ op: 'update', layer: 'water_mains', uuid: uuids[0], properties: { code: 'mine' } }]);
    reconcile(project, facts([serverFeature(uuids[0]!, 'water_mains.1', 2, { code: 'theirs', diameter_mm: 150, material: 'hdpe' }, line(0))]), 'pull');
    const [conflict] = syncConflicts(project);
    expect(() => syncResolve(project, { conflictId: conflict!.id, choice: 'edit' })).toThrow(/needs a value/);
    syncResolve(project, { conflictId: conflict!.id, choice: 'edit', value: 'CN-1 mới' });
    expect(syncPreview(project).changes).toMatchObject([{ uuid: uuids[0], attributes: ['code'], values: { code: 'CN-1 mới' }, overwrites: { code: 'theirs' } }]);
  });

  it('an edit against a server delete is a conflict: theirs deletes it here, mine re-inserts it', () => {
    checkout();
    edit([{ op: 'update', layer: 'water_mains', uuid: uuids[0], properties: { diameter_mm: 250 } }]);
    edit([{ op: 'update', layer: 'water_mains', uuid: uuids[1], properties: { diameter_mm: 250 } }]);
    reconcile(project, facts([{ uuid: uuids[0]!, gone: true }, { uuid: uuids[1]!, gone: true }]), 'pull');
    const conflicts = syncConflicts(project);
    expect(conflicts.map((c) => [c.kind, c.attribute])).toEqual([
      ['edit-vs-delete', null],
      ['edit-vs-delete', null],
    ]);
    expect(() => syncResolve(project, { conflictId: conflicts[0]!.id, choice: 'edit', value: 1 })).toThrow(/mine|theirs/);
    syncResolve(project, { conflictId: conflicts[0]!.id, choice: 'theirs' });
    syncResolve(project, { conflictId: conflicts[1]!.id, choice: 'mine' });
    expect(project.featureByUuid('water_mains', uuids[0]!)).toBeUndefined();
    expect(syncPreview(project).changes.map((c) => [c.kind, c.uuid])).toEqual([['insert', uuids[1]]]);
  });

  it('a delete here against a server edit is a conflict; theirs brings the feature back', () => {
    checkout();
    edit([{ op: 'delete', layer: 'water_mains', uuid: uuids[0] }]);
    reconcile(project, facts([serverFeature(uuids[0]!, 'water_mains.1', 2, { code: 'CN-1', diameter_mm: 500, material: 'hdpe' }, line(0))]), 'pull');
    const [conflict] = syncConflicts(project);
    expect(conflict).toMatchObject({ kind: 'delete-vs-edit', attribute: null, state: 'open' });
    expect(conflict!.geometry).toEqual(line(0));
    syncResolve(project, { conflictId: conflict!.id, choice: 'theirs' });
    expect(project.featureByUuid('water_mains', uuids[0]!)!.properties.diameter_mm).toBe(500);
    expect(syncPreview(project).changes).toEqual([]);
  });

  it('a server delete of a feature not edited here deletes it; a server insert is added', () => {
    checkout();
    const fresh = newUuid();
    const result = reconcile(
      project,
      facts([{ uuid: uuids[0]!, gone: true }, serverFeature(fresh, 'water_mains.9', 1, { code: 'MỚI', diameter_mm: 90, material: null }, line(900))]),
      'pull',
    );
    expect(result).toMatchObject({ merged: 2, conflicts: 0 });
    expect(project.featureByUuid('water_mains', uuids[0]!)).toBeUndefined();
    expect(project.syncState().base('water_mains', uuids[0]!)).toBeUndefined();
    expect(project.featureByUuid('water_mains', fresh)!.properties.code).toBe('MỚI');
    expect(syncPreview(project).changes).toEqual([]);
  });

  it('undoing a pull leaves the bases at the server: the reverted features become local changes to push', () => {
    checkout();
    reconcile(project, facts([serverFeature(uuids[0]!, 'water_mains.1', 2, { code: 'CN-1', diameter_mm: 350, material: 'hdpe' }, line(0))]), 'pull');
    expect(syncPreview(project).changes).toEqual([]);
    project.undo();
    expect(syncPreview(project).changes).toMatchObject([{ uuid: uuids[0], kind: 'update', attributes: ['diameter_mm'], values: { diameter_mm: 150 }, overwrites: { diameter_mm: 350 } }]);
  });

  it('an undone checkout shows as pending deletes (documented); redo leaves nothing to push', () => {
    checkout();
    project.undo();
    expect(syncPreview(project).changes.map((c) => c.kind)).toEqual(['delete', 'delete']);
    project.redo();
    expect(syncPreview(project).changes).toEqual([]);
  });

  it('the bases are written in the same transaction as the batch: a failing batch keeps neither', () => {
    checkout();
    // diameter_mm is required: the server sends a feature PlanDesk refuses.
    expect(() => reconcile(project, facts([serverFeature(newUuid(), 'water_mains.7', 1, { code: 'BAD', diameter_mm: null }, line(700))]), 'pull')).toThrow(/diameter/i);
    expect(project.syncState().baseCount()).toBe(2);
    expect(project.count('water_mains')).toBe(2);
  });

  it('the outbox keeps operations and their states', () => {
    const state = project.syncState();
    state.enqueue([{ opUuid: newUuid(), layer: 'water_mains', uuid: uuids[0]!, kind: 'insert', payloadJson: '{}' }]);
    expect(syncStatus(project).outbox).toEqual({ pending: 1, sent: 0, acknowledged: 0, failed: 0 });
    const [op] = state.unfinishedOps();
    state.markOps([op!.id], 'sent');
    expect(state.unfinishedOps()[0]).toMatchObject({ state: 'sent', attempts: 1 });
    state.markOps([op!.id], 'acknowledged', { serverId: 'water_mains.5' });
    expect(state.unfinishedOps()).toEqual([]);
    expect(syncStatus(project).outbox.acknowledged).toBe(1);
    state.clearFinishedOps();
    expect(syncStatus(project).outbox.acknowledged).toBe(0);
  });
});
