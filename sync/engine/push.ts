/**
 * Push through the durable outbox. The local changeset becomes outbox operations written in one
 * transaction BEFORE anything is sent (state 'pending'); a chunk is marked 'sent' (committed)
 * before its request, and each operation is 'acknowledged' (with the server id, the base
 * updated to what was sent) or 'failed' as its own outcome says — matched by uuid, never by
 * order (QGIS Server applies the actions of one transaction one by one, not atomically).
 *
 * After a crash, a timeout or a server that went away, the next push resumes: 'sent' inserts
 * and deletes are first looked up by uuid (an insert already on the server is acknowledged, not
 * sent again; a delete already done likewise); 'sent' updates are re-sent (compare-and-set makes
 * a repeat harmless: it finds the new version and becomes a re-pull). A stale compare-and-set
 * (0 rows touched) pulls that feature and merges it (reconcile.ts); conflicts are stored.
 */
import type { Project } from '../../gis-core/store/project.js';
import type { OutboxRow } from '../../gis-core/store/sync-state.js';
import { newUuid } from '../../gis-core/util/uuid.js';
import type { GeoJSONGeometry, LayerId } from '../../layers/types.js';
import type { EditOutcome, ServerFeature, SyncTransport } from '../transport/types.js';
import { localChanges, type LocalChange } from './changeset.js';
import { mappingOf, type EngineConnection } from './connection.js';
import type { StepReporter } from './pull.js';
import { reconcile, type ServerFact } from './reconcile.js';
import { GEOMETRY_ATTRIBUTE, toServerProperties, type SyncValues } from './values.js';

/** Operations per request. */
export const PUSH_CHUNK = 100;

export interface OutboxPayload {
  readonly typeName: string;
  readonly serverId: string | null;
  readonly expectedVersion: number | null;
  /** By server field name. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Present when sent (inserts; updates that change the geometry). */
  readonly geometry?: GeoJSONGeometry | null;
  /** The feature's synced values as sent: the base once acknowledged (null for a delete). */
  readonly values: SyncValues | null;
}

export interface PushReporter extends StepReporter {
  /** After each chunk is recorded: how many operations are acknowledged so far in this push (awaited). */
  onAcknowledged?(acknowledged: number): void | Promise<void>;
  /**
   * Between the server's answer to a chunk and recording it (the window a crash can hit): tests
   * use it to simulate one (awaited). Throwing here leaves the chunk 'sent'.
   */
  afterSend?(chunk: number): void | Promise<void>;
}

export interface PushResult {
  readonly pushed: number;
  readonly rejected: number;
  readonly conflicts: number;
  /** The batch a re-pull of stale features wrote, if any. */
  readonly batchId: number | null;
}

function toOperation(change: LocalChange, connection: EngineConnection): { opUuid: string; layer: LayerId; uuid: string; kind: LocalChange['kind']; payloadJson: string } {
  const typeName = change.mapping.featureType;
  const versioned = connection.types[typeName]?.hasRowVersion ?? false;
  const local = change.localValues;
  const sendsGeometry = change.kind === 'insert' || change.attributes.includes(GEOMETRY_ATTRIBUTE);
  const payload: OutboxPayload = {
    typeName,
    serverId: change.base?.serverId ?? null,
    expectedVersion: versioned ? (change.base?.rowVersion ?? null) : null,
    properties: local ? toServerProperties(change.mapping, local.properties, change.attributes.filter((a) => a !== GEOMETRY_ATTRIBUTE)) : {},
    ...(sendsGeometry && local ? { geometry: local.geometry } : {}),
    values: local,
  };
  return { opUuid: newUuid(), layer: change.layer, uuid: change.uuid, kind: change.kind, payloadJson: JSON.stringify(payload) };
}

function payloadOf(op: OutboxRow): OutboxPayload {
  return JSON.parse(op.payloadJson) as OutboxPayload;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export async function pushToServer(project: Project, transport: SyncTransport, connection: EngineConnection, reporter: PushReporter): Promise<PushResult> {
  const state = project.syncState();
  const signal = reporter.signal;
  // A new round forgets the previous round's finished operations; a resumed one keeps them.
  const unfinishedBefore = state.unfinishedOps();
  if (unfinishedBefore.length === 0) state.clearFinishedOps();

  // 1. The outbox first, durably: every unblocked change not already on its way.
  const inFlight = new Set(unfinishedBefore.map((op) => `${op.layer}/${op.uuid}`));
  const changes = localChanges(project, connection).filter((c) => !c.blocked && !inFlight.has(`${c.layer}/${c.uuid}`));
  state.enqueue(changes.map((c) => toOperation(c, connection)));

  let pushed = 0;
  let rejected = 0;
  const stale: OutboxRow[] = [];
  const acknowledge = (op: OutboxRow, outcome: { serverId?: string | null; rowVersion?: number | null }): void => {
    const payload = payloadOf(op);
    const base = state.base(op.layer, op.uuid);
    if (op.kind === 'delete') {
      state.deleteBase(op.layer, op.uuid);
    } else {
      const rowVersion =
        outcome.rowVersion !== undefined
          ? outcome.rowVersion
          : op.kind === 'insert'
            ? connection.types[payload.typeName]?.hasRowVersion
              ? 1
              : null
            : payload.expectedVersion !== null
              ? payload.expectedVersion + 1 // the SDI trigger adds 1 per update; a wrong guess heals (stale → re-pull)
              : (base?.rowVersion ?? null);
      state.putBase({
        layer: op.layer,
        uuid: op.uuid,
        serverId: outcome.serverId ?? base?.serverId ?? op.serverId,
        rowVersion,
        valuesJson: JSON.stringify(payload.values),
      });
    }
    state.markOps([op.id], 'acknowledged', { serverId: outcome.serverId ?? null });
    pushed++;
  };

  // An insert whose uuid is already on the server is not sent (again): the server's feature is
  // merged with ours like a pulled one (ours after a lost acknowledgement: equal, no conflict;
  // another copy of the same feature with other values: conflicts).
  const landed: ServerFact[] = [];
  const alreadyThere = (op: OutboxRow, feature: ServerFeature): void => {
    const mapping = mappingOf(connection, op.layer);
    state.markOps([op.id], 'acknowledged', { serverId: feature.serverId });
    pushed++;
    if (mapping) landed.push({ mapping, uuid: op.uuid, feature });
  };

  // 2. Resume: what was sent before but never recorded — look it up by uuid before sending again.
  const sent = state.unfinishedOps().filter((op) => op.state === 'sent');
  for (const group of groupBy(sent.filter((op) => op.kind !== 'update'), (op) => op.layer).values()) {
    reporter.throwIfCancelled?.();
    const typeName = payloadOf(group[0]!).typeName;
    const found = await transport.getFeatures(typeName, { uuids: group.map((op) => op.uuid), ...(signal ? { signal } : {}) });
    const byUuid = new Map(found.map((f) => [f.uuid, f]));
    state.transaction(() => {
      for (const op of group) {
        const there = byUuid.get(op.uuid);
        if (op.kind === 'insert' && there) alreadyThere(op, there);
        else if (op.kind === 'delete' && !there) acknowledge(op, {});
        else state.markOps([op.id], 'pending');
      }
    });
  }

  // 3. Send what is pending, per layer and kind, in chunks.
  const pending = state.unfinishedOps();
  const total = pending.length;
  let chunkIndex = 0;
  let done = 0;
  for (const group of groupBy(pending, (op) => `${op.layer}\u0000${op.kind}`).values()) {
    for (let start = 0; start < group.length; start += PUSH_CHUNK) {
      reporter.throwIfCancelled?.();
      let chunk = group.slice(start, start + PUSH_CHUNK);
      const kind = chunk[0]!.kind;
      const typeName = payloadOf(chunk[0]!).typeName;
      if (kind === 'insert') {
        const found = new Map((await transport.getFeatures(typeName, { uuids: chunk.map((op) => op.uuid), ...(signal ? { signal } : {}) })).map((f) => [f.uuid, f]));
        state.transaction(() => chunk.filter((op) => found.has(op.uuid)).forEach((op) => alreadyThere(op, found.get(op.uuid)!)));
        chunk = chunk.filter((op) => !found.has(op.uuid));
        if (chunk.length === 0) continue;
      }
      state.markOps(
        chunk.map((op) => op.id),
        'sent',
      );
      let outcomes: EditOutcome[];
      if (kind === 'insert') {
        outcomes = await transport.insert(
          typeName,
          chunk.map((op) => {
            const p = payloadOf(op);
            return { uuid: op.uuid, properties: p.properties, geometry: p.geometry ?? null };
          }),
          signal,
        );
      } else if (kind === 'update') {
        outcomes = await transport.update(
          typeName,
          chunk.map((op) => {
            const p = payloadOf(op);
            return { uuid: op.uuid, serverId: p.serverId ?? '', expectedVersion: p.expectedVersion, properties: p.properties, ...(p.geometry !== undefined ? { geometry: p.geometry } : {}) };
          }),
          signal,
        );
      } else {
        outcomes = await transport.delete(
          typeName,
          chunk.map((op) => ({ uuid: op.uuid, serverId: payloadOf(op).serverId ?? '', expectedVersion: payloadOf(op).expectedVersion })),
          signal,
        );
      }
      await reporter.afterSend?.(chunkIndex);
      chunkIndex++;
      const byUuid = new Map(outcomes.map((o) => [o.uuid, o]));
      state.transaction(() => {
        for (const op of chunk) {
          const outcome = byUuid.get(op.uuid);
          if (!outcome) continue; // no answer for it: stays 'sent', looked up by the next push
          if (outcome.applied) acknowledge(op, { serverId: outcome.serverId ?? null });
          else if (outcome.error) {
            state.markOps([op.id], 'failed', { error: outcome.error });
            rejected++;
          } else {
            state.markOps([op.id], 'failed', { error: 'the server holds another version (compare-and-set touched nothing): pulled and merged' });
            stale.push(op);
            rejected++;
          }
        }
      });
      done += chunk.length;
      reporter.progress?.(total ? done / total : 1, `Đẩy lên máy chủ / pushing ${done}/${total}`);
      await reporter.onAcknowledged?.(pushed);
    }
  }

  // 4. Inserts found on the server, and stale compare-and-sets (pulled): merged like a pull.
  let conflicts = 0;
  let batchId: number | null = null;
  if (landed.length > 0) {
    const result = reconcile(project, landed, 'Đồng bộ: đối tượng đã có trên máy chủ / sync: features already on the server');
    conflicts += result.conflicts;
    batchId = result.batchId;
  }
  for (const group of groupBy(stale, (op) => op.layer).values()) {
    const mapping = mappingOf(connection, group[0]!.layer);
    if (!mapping) continue;
    const found = await transport.getFeatures(mapping.featureType, { uuids: group.map((op) => op.uuid), ...(signal ? { signal } : {}) });
    const byUuid = new Map(found.map((f) => [f.uuid, f]));
    const result = reconcile(
      project,
      group.map((op) => ({ mapping, uuid: op.uuid, feature: byUuid.get(op.uuid) ?? null })),
      'Đồng bộ: kéo lại đối tượng đã đổi trên máy chủ / sync re-pull of stale features',
    );
    conflicts += result.conflicts;
    batchId = result.batchId ?? batchId;
  }
  if (pushed > 0) state.setLastSync();
  return { pushed, rejected, conflicts, batchId };
}
