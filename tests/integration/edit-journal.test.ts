/**
 * The edit path in the store: batches applied in one transaction and journaled by triggers,
 * undo/redo walking the journal (also after reopening the file), edits by other programs
 * caught, conflicts refused without changing anything.
 */
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BasicOperation } from '../../gis-core/edit/types.js';
import { isPlanDeskError } from '../../gis-core/errors.js';
import { Project } from '../../gis-core/store/project.js';
import { newUuid } from '../../gis-core/util/uuid.js';
import { ORIGIN, buildFixtureProject, square } from '../helpers/api-fixture.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-journal-');
let copies = 0;

/** A fresh copy of the API fixture (100 parcels, 6 roads), open. */
function freshProject(): { file: string; project: Project } {
  const fixture = buildFixtureProject(`journal-${copies}`);
  const file = join(dir, `copy-${copies++}.plandesk.sqlite`);
  copyFileSync(fixture, file);
  return { file, project: Project.open(file) };
}

function apply(project: Project, operations: BasicOperation[], message = 'test batch') {
  return project.applyEdits({ author: 'tester', source: 'cli', message }, () => operations);
}

function expectCode(work: () => unknown, code: string): void {
  try {
    work();
  } catch (error) {
    expect(isPlanDeskError(error) ? error.code : String(error)).toBe(code);
    return;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

const hydrant = (x: number, y: number, uuid = newUuid()): BasicOperation => ({
  op: 'insert',
  layer: 'water_hydrants',
  uuid,
  properties: { hydrant_type: 'pillar' },
  geometry: { type: 'Point', coordinates: [x, y] },
});

describe('edit batches', () => {
  it('applies a batch in one transaction and journals every change with old and new values', () => {
    const { project } = freshProject();
    const parcel = project.features('parcels', { limit: 1 })[0]!;
    const road = project.features('roads', { limit: 1 })[0]!;
    const added = newUuid();
    const result = apply(project, [
      hydrant(ORIGIN[0] + 5, ORIGIN[1] + 5, added),
      { op: 'update', layer: 'parcels', uuid: parcel.uuid, properties: { address: 'Số 9 Lê Lợi' } },
      { op: 'delete', layer: 'roads', uuid: road.uuid },
    ]);
    expect(result.changes).toEqual([
      { layer: 'water_hydrants', uuid: added, op: 'insert' },
      { layer: 'parcels', uuid: parcel.uuid, op: 'update' },
      { layer: 'roads', uuid: road.uuid, op: 'delete' },
    ]);
    expect(result.canUndo).toBe(true);
    expect(project.featureByUuid('parcels', parcel.uuid)?.properties.address).toBe('Số 9 Lê Lợi');
    expect(project.featureByUuid('parcels', parcel.uuid)?.updatedBy).toBe('tester');
    expect(project.featureByUuid('roads', road.uuid)).toBeUndefined();

    const detail = project.editBatch(result.batchId);
    expect(detail).toMatchObject({ kind: 'edit', state: 'applied', author: 'tester', source: 'cli', message: 'test batch', changeCount: 3 });
    const update = detail.changes.find((c) => c.op === 'update')!;
    expect(update.before?.properties.address).toBe(parcel.properties.address);
    expect(update.after?.properties.address).toBe('Số 9 Lê Lợi');
    expect(update.after?.geometry).toEqual(parcel.geometry);
    const deletion = detail.changes.find((c) => c.op === 'delete')!;
    expect(deletion.before?.properties.name).toBe(road.properties.name);
    expect(deletion.after).toBeNull();
    expect(project.journalProblems()).toEqual([]);
    project.close();
  });

  it('fills derived values and refuses a bad operation without changing anything', () => {
    const { project } = freshProject();
    const zone = newUuid();
    apply(project, [
      {
        op: 'insert',
        layer: 'zoning',
        uuid: zone,
        properties: { zone_code: 'OM-99', function_code: 'OM', land_law_code: 'ODT', status: 'planned', area_m2: 1 },
        geometry: square(ORIGIN[0], ORIGIN[1] + 300, 50),
      },
    ]);
    expect(project.featureByUuid('zoning', zone)?.properties.area_m2).toBe(2500);

    const before = project.count('water_hydrants');
    const history = project.editHistory().length;
    expectCode(
      () =>
        apply(project, [
          hydrant(ORIGIN[0], ORIGIN[1]),
          { op: 'insert', layer: 'water_hydrants', uuid: newUuid(), properties: { hydrant_type: 'no-such-type' }, geometry: { type: 'Point', coordinates: [0, 0] } },
        ]),
      'INVALID_FEATURE',
    );
    expectCode(() => apply(project, [{ op: 'delete', layer: 'roads', uuid: newUuid() }]), 'INVALID_FEATURE');
    expect(project.count('water_hydrants')).toBe(before);
    expect(project.editHistory().length).toBe(history);
    expect(project.journalProblems()).toEqual([]);
    project.close();
  });

  it('undoes and redoes, also after the project is closed and opened again', () => {
    const { file, project } = freshProject();
    const parcel = project.features('parcels', { limit: 1 })[0]!;
    const moved = square(ORIGIN[0] - 500, ORIGIN[1] - 500, 12);
    apply(project, [{ op: 'update', layer: 'parcels', uuid: parcel.uuid, geometry: moved, properties: { ward: 'Phường 2' } }], 'move parcel');
    const added = newUuid();
    apply(project, [hydrant(ORIGIN[0] + 1, ORIGIN[1] + 1, added)], 'add hydrant');
    project.close();

    const reopened = Project.open(file);
    expect(reopened.editState()).toMatchObject({ canUndo: true, canRedo: false, undoMessage: 'add hydrant' });
    const undone = reopened.undo('tester');
    expect(undone.changes).toEqual([{ layer: 'water_hydrants', uuid: added, op: 'delete' }]);
    expect(reopened.featureByUuid('water_hydrants', added)).toBeUndefined();
    reopened.undo('tester');
    const restored = reopened.featureByUuid('parcels', parcel.uuid)!;
    expect(restored.geometry).toEqual(parcel.geometry);
    expect(restored.properties).toEqual(parcel.properties);
    expectCode(() => reopened.undo(), 'NOTHING_TO_UNDO');
    expect(reopened.editState()).toMatchObject({ canUndo: false, canRedo: true, redoMessage: 'move parcel' });
    reopened.close();

    const again = Project.open(file);
    again.redo('tester');
    expect(again.featureByUuid('parcels', parcel.uuid)?.geometry).toEqual(moved);
    again.redo('tester');
    expect(again.featureByUuid('water_hydrants', added)).toBeDefined();
    expectCode(() => again.redo(), 'NOTHING_TO_REDO');
    const kinds = again.editHistory().map((e) => `${e.kind}:${e.state ?? e.reverts}`);
    expect(kinds.slice(0, 6)).toEqual(['redo:2', 'redo:1', 'undo:1', 'undo:2', 'edit:applied', 'edit:applied']);
    expect(again.journalProblems()).toEqual([]);
    again.close();
  });

  it('puts a deleted feature back with the same uuid and bytes', () => {
    const { project } = freshProject();
    const road = project.features('roads', { limit: 1 })[0]!;
    apply(project, [{ op: 'delete', layer: 'roads', uuid: road.uuid }]);
    project.undo();
    const back = project.featureByUuid('roads', road.uuid)!;
    expect(back.geometry).toEqual(road.geometry);
    expect(back.properties).toEqual(road.properties);
    expect(back.createdAt).toBe(road.createdAt);
    expect(project.journalProblems()).toEqual([]);
    project.close();
  });

  it('a new edit after an undo clears the redo stack', () => {
    const { project } = freshProject();
    const first = apply(project, [hydrant(ORIGIN[0] + 2, ORIGIN[1] + 2)], 'first');
    project.undo();
    apply(project, [hydrant(ORIGIN[0] + 3, ORIGIN[1] + 3)], 'second');
    expect(project.editState().canRedo).toBe(false);
    expect(project.editBatch(first.batchId).state).toBe('discarded');
    project.close();
  });

  it('refuses an undo whose feature changed behind the journal, and changes nothing', () => {
    const { file, project } = freshProject();
    const parcel = project.features('parcels', { limit: 1 })[0]!;
    apply(project, [{ op: 'update', layer: 'parcels', uuid: parcel.uuid, properties: { address: 'A' } }], 'to A');
    // Every change is journaled, so a conflict needs a write that bypasses the triggers.
    const other = new Database(file);
    other.exec(`UPDATE plandesk_edit_context SET recording = 0`);
    other.prepare(`UPDATE parcels SET address = 'B' WHERE uuid = ?`).run(parcel.uuid);
    other.exec(`UPDATE plandesk_edit_context SET recording = 1`);
    other.close();
    expectCode(() => project.undo(), 'CONFLICT');
    expect(project.featureByUuid('parcels', parcel.uuid)?.properties.address).toBe('B');
    expect(project.editState()).toMatchObject({ canUndo: true, undoMessage: 'to A' });
    expect(project.journalProblems()).toEqual([expect.stringContaining(parcel.uuid)]);
    project.close();
  });

  it('catches edits another program makes to the file, attributes and geometry, as an external batch', () => {
    const { file, project } = freshProject();
    const [a, b] = project.features('parcels', { limit: 2 });
    project.close();
    const other = new Database(file);
    other.loadExtension('mod_spatialite');
    other.prepare(`UPDATE parcels SET ward = 'Phường 3' WHERE uuid = ?`).run(a!.uuid);
    other.prepare(`UPDATE parcels SET geom = GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 0))', 5897) WHERE uuid = ?`).run(b!.uuid);
    other.prepare(`DELETE FROM roads WHERE id = 1`).run();
    other.close();

    const reopened = Project.open(file);
    const history = reopened.editHistory();
    expect(history[0]).toMatchObject({ kind: 'external', state: 'applied', source: 'external', changeCount: 3 });
    expect(history[0]?.message).toMatch(/ngoài PlanDesk/);
    const detail = reopened.editBatch(history[0]!.batchId);
    const geometryChange = detail.changes.find((c) => c.uuid === b!.uuid)!;
    expect(geometryChange.before?.geometry).toEqual(b!.geometry);
    expect(geometryChange.after?.geometry).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]]] });
    reopened.undo();
    expect(reopened.featureByUuid('parcels', a!.uuid)?.properties.ward).toBe(a!.properties.ward);
    expect(reopened.featureByUuid('parcels', b!.uuid)?.geometry).toEqual(b!.geometry);
    expect(reopened.count('roads')).toBe(6);
    expect(reopened.journalProblems()).toEqual([]);
    reopened.close();
  });

  it('a large insert batch (an import) fills the spatial index at the end, journaled and undoable', () => {
    const { project } = freshProject();
    const box: [number, number, number, number] = [ORIGIN[0] + 2000, ORIGIN[1] + 2000, ORIGIN[0] + 2300, ORIGIN[1] + 2300];
    const operations = Array.from({ length: 3000 }, (_, i) => hydrant(box[0] + (i % 60) * 5, box[1] + Math.floor(i / 60) * 5));
    const result = apply(project, operations, 'import 3000');
    expect(result.changes).toHaveLength(3000);
    expect(project.count('water_hydrants', { bbox: box })).toBe(3000);
    expect(project.features('water_hydrants', { bbox: [box[0] - 1, box[1] - 1, box[0] + 1, box[1] + 1] })).toHaveLength(1);
    expect(project.journalProblems()).toEqual([]);
    project.undo();
    expect(project.count('water_hydrants', { bbox: box })).toBe(0);
    project.redo();
    expect(project.count('water_hydrants', { bbox: box })).toBe(3000);
    project.close();
  });

  it('the initial content of a new project is not journaled', () => {
    const { project } = freshProject();
    expect(project.editHistory()).toEqual([]);
    expect(project.editState()).toEqual({ canUndo: false, canRedo: false });
    project.close();
  });
});
