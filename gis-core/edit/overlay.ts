/**
 * The project as a batch's operations so far leave it: a reader over the project (as it was
 * before the batch) with the batch's inserts, updates and deletes laid over it. Lets later
 * operations of a batch, and the topology step, see what earlier ones did, without SQLite.
 */
import { boxesIntersect } from '../../layers/rules/planar.js';
import type { LayerId } from '../../layers/types.js';
import { geometryBounds } from '../geometry/check.js';
import type { BasicOperation, EditFeature, EditReader } from './types.js';

type Box = readonly [number, number, number, number];

export class OverlayReader implements EditReader {
  /** Per layer: uuid → the feature as changed, or null when deleted. */
  private readonly changed = new Map<LayerId, Map<string, EditFeature | null>>();
  /** Bounding boxes of the changed features, computed once. */
  private readonly bounds = new WeakMap<EditFeature, Box>();

  constructor(readonly base: EditReader) {}

  private layerChanges(layer: LayerId): Map<string, EditFeature | null> {
    let changes = this.changed.get(layer);
    if (!changes) this.changed.set(layer, (changes = new Map()));
    return changes;
  }

  feature(layer: LayerId, uuid: string): EditFeature | undefined {
    const changes = this.changed.get(layer);
    if (changes?.has(uuid)) return changes.get(uuid) ?? undefined;
    return this.base.feature(layer, uuid);
  }

  /** Whether the batch so far inserted, updated or deleted this feature. */
  touched(layer: LayerId, uuid: string): boolean {
    return this.changed.get(layer)?.has(uuid) ?? false;
  }

  /** Whether the batch so far deleted this feature (a uuid is never used again). */
  deleted(layer: LayerId, uuid: string): boolean {
    const changes = this.changed.get(layer);
    return changes !== undefined && changes.has(uuid) && changes.get(uuid) === null;
  }

  *featuresIn(layer: LayerId, bbox: Box): Iterable<EditFeature> {
    const changes = this.changed.get(layer);
    for (const f of this.base.featuresIn(layer, bbox)) if (!changes?.has(f.uuid)) yield f;
    if (!changes) return;
    for (const f of changes.values()) if (f && boxesIntersect(this.boundsOf(f), bbox)) yield f;
  }

  private boundsOf(f: EditFeature): Box {
    let box = this.bounds.get(f);
    if (!box) this.bounds.set(f, (box = geometryBounds(f.geometry)));
    return box;
  }

  /** Lays one operation over the project. The caller has checked it (the feature exists for update and delete). */
  apply(op: BasicOperation): void {
    const changes = this.layerChanges(op.layer);
    switch (op.op) {
      case 'insert':
        changes.set(op.uuid, { layer: op.layer, uuid: op.uuid, properties: { ...op.properties }, geometry: op.geometry });
        return;
      case 'update': {
        const current = this.feature(op.layer, op.uuid);
        if (!current) throw new Error(`overlay: update of missing feature ${op.layer} ${op.uuid}`);
        changes.set(op.uuid, {
          layer: op.layer,
          uuid: op.uuid,
          properties: op.properties ? { ...current.properties, ...op.properties } : current.properties,
          geometry: op.geometry ?? current.geometry,
        });
        return;
      }
      case 'delete':
        changes.set(op.uuid, null);
        return;
    }
  }
}
