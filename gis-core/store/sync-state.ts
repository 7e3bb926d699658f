/**
 * The sync state kept in the project file (schema version 4, docs/SYNC.md): the SDI
 * connection, the base of every synced feature (its server id, version and the values as last
 * fetched or acknowledged), the conflicts, and the durable push outbox. Sync code reaches these
 * tables only through this class (via `Project.syncState()`) and never writes SQL of its own
 * into the layer tables: features change only through `Project.applyEdits`.
 *
 * Values (base, conflict sides, outbox payloads) are JSON: typed properties by PlanDesk field key
 * and a GeoJSON geometry in the project CRS.
 */
import type { LayerId } from '../../layers/types.js';
import type { SqliteDatabase } from './database.js';

export const SYNC_STATE_DDL = `
  -- IF NOT EXISTS: a file rolled back to an older user_version by hand migrates forward again cleanly.
  -- One row: the SDI connection (never credentials; the user name only, to pre-fill a prompt).
  CREATE TABLE IF NOT EXISTS plandesk_sync_connection (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    url TEXT NOT NULL,
    protocol TEXT NOT NULL,
    username TEXT,
    -- SyncLayerMapping[]: layer ↔ feature type, field key → server field.
    layers_json TEXT NOT NULL,
    -- Per feature type: whether it has uuid / row_version / updated_at (from the server's description).
    types_json TEXT NOT NULL,
    -- The area checked out (project CRS bbox), NULL before the first checkout.
    area_json TEXT,
    last_sync TEXT,
    -- The last journal batch id whose changes are all reflected in the bases (changesets read after it).
    watermark INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS plandesk_sync_base (
    layer_id TEXT NOT NULL,
    feature_uuid TEXT NOT NULL,
    server_id TEXT,
    row_version INTEGER,
    values_json TEXT NOT NULL,
    synced_at TEXT NOT NULL,
    PRIMARY KEY (layer_id, feature_uuid)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS plandesk_sync_conflicts (
    id INTEGER PRIMARY KEY,
    layer_id TEXT NOT NULL,
    feature_uuid TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('attribute', 'edit-vs-delete', 'delete-vs-edit')),
    -- The field key, 'geometry', or NULL for a whole-feature conflict.
    attribute TEXT,
    base_json TEXT,
    local_json TEXT,
    server_json TEXT,
    state TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
    resolution TEXT CHECK (resolution IN ('mine', 'theirs', 'edit')),
    created_at TEXT NOT NULL,
    resolved_at TEXT
  );
  CREATE INDEX IF NOT EXISTS plandesk_sync_conflicts_open ON plandesk_sync_conflicts (layer_id, feature_uuid) WHERE state = 'open';
  CREATE TABLE IF NOT EXISTS plandesk_sync_outbox (
    id INTEGER PRIMARY KEY,
    op_uuid TEXT NOT NULL UNIQUE,
    layer_id TEXT NOT NULL,
    feature_uuid TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('insert', 'update', 'delete')),
    payload_json TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'acknowledged', 'failed')),
    server_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS plandesk_sync_outbox_state ON plandesk_sync_outbox (state, id);
`;

export interface SyncConnectionRow {
  readonly url: string;
  readonly protocol: string;
  readonly username: string | null;
  readonly layersJson: string;
  readonly typesJson: string;
  readonly areaJson: string | null;
  readonly lastSync: string | null;
  readonly watermark: number;
}

export interface SyncBaseRow {
  readonly layer: LayerId;
  readonly uuid: string;
  readonly serverId: string | null;
  readonly rowVersion: number | null;
  /** JSON of the values as the server holds them (as last fetched or acknowledged). */
  readonly valuesJson: string;
}

export interface SyncConflictRow {
  readonly id: number;
  readonly layer: LayerId;
  readonly uuid: string;
  readonly kind: 'attribute' | 'edit-vs-delete' | 'delete-vs-edit';
  readonly attribute: string | null;
  readonly baseJson: string | null;
  readonly localJson: string | null;
  readonly serverJson: string | null;
  readonly state: 'open' | 'resolved';
  readonly resolution: 'mine' | 'theirs' | 'edit' | null;
}

export type OutboxState = 'pending' | 'sent' | 'acknowledged' | 'failed';

export interface OutboxRow {
  readonly id: number;
  readonly opUuid: string;
  readonly layer: LayerId;
  readonly uuid: string;
  readonly kind: 'insert' | 'update' | 'delete';
  readonly payloadJson: string;
  readonly state: OutboxState;
  readonly serverId: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
}

export type NewOutboxOp = Pick<OutboxRow, 'opUuid' | 'layer' | 'uuid' | 'kind' | 'payloadJson'>;

function nowIso(): string {
  return new Date().toISOString();
}

const CONNECTION_COLUMNS = `url, protocol, username, layers_json AS layersJson, types_json AS typesJson, area_json AS areaJson, last_sync AS lastSync, watermark`;
const BASE_COLUMNS = `layer_id AS layer, feature_uuid AS uuid, server_id AS serverId, row_version AS rowVersion, values_json AS valuesJson`;
const CONFLICT_COLUMNS = `id, layer_id AS layer, feature_uuid AS uuid, kind, attribute, base_json AS baseJson, local_json AS localJson, server_json AS serverJson, state, resolution`;
const OUTBOX_COLUMNS = `id, op_uuid AS opUuid, layer_id AS layer, feature_uuid AS uuid, kind, payload_json AS payloadJson, state, server_id AS serverId, attempts, last_error AS lastError`;

export class SyncStateStore {
  constructor(private readonly db: SqliteDatabase) {}

  private tablesPresent: boolean | undefined;

  /** False for a file older than schema 4 opened read-only (not migrated): no connection, nothing stored. */
  private get present(): boolean {
    this.tablesPresent ??= this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'plandesk_sync_connection'`).get() !== undefined;
    return this.tablesPresent;
  }

  /** Runs `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  // ------------------------------------------------------------------------- connection

  connection(): SyncConnectionRow | undefined {
    if (!this.present) return undefined;
    return this.db.prepare(`SELECT ${CONNECTION_COLUMNS} FROM plandesk_sync_connection WHERE id = 1`).get() as SyncConnectionRow | undefined;
  }

  /** Creates or replaces the connection; a new URL starts over (bases, conflicts and outbox are the old server's). */
  saveConnection(row: Pick<SyncConnectionRow, 'url' | 'protocol' | 'username' | 'layersJson' | 'typesJson'>): void {
    this.transaction(() => {
      const old = this.connection();
      if (old && old.url !== row.url) {
        this.db.exec(`DELETE FROM plandesk_sync_base; DELETE FROM plandesk_sync_conflicts; DELETE FROM plandesk_sync_outbox;`);
        this.db.prepare(`DELETE FROM plandesk_sync_connection`).run();
      }
      this.db
        .prepare(
          `INSERT INTO plandesk_sync_connection (id, url, protocol, username, layers_json, types_json) VALUES (1, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET url = excluded.url, protocol = excluded.protocol, username = excluded.username,
             layers_json = excluded.layers_json, types_json = excluded.types_json`,
        )
        .run(row.url, row.protocol, row.username, row.layersJson, row.typesJson);
    });
  }

  setArea(areaJson: string): void {
    this.db.prepare(`UPDATE plandesk_sync_connection SET area_json = ? WHERE id = 1`).run(areaJson);
  }

  setLastSync(at: string = nowIso()): void {
    this.db.prepare(`UPDATE plandesk_sync_connection SET last_sync = ? WHERE id = 1`).run(at);
  }

  setWatermark(batchId: number): void {
    this.db.prepare(`UPDATE plandesk_sync_connection SET watermark = ? WHERE id = 1`).run(batchId);
  }

  // ------------------------------------------------------------------------- the journal, read-only

  /** The newest journal batch id (0 when none). */
  latestBatchId(): number {
    return (this.db.prepare(`SELECT coalesce(max(id), 0) AS id FROM plandesk_edit_batches`).get() as { id: number }).id;
  }

  /**
   * Features of these layers the journal saw change after batch `afterBatch` (any batch, and
   * changes another program made that are not gathered yet), once each.
   */
  touchedSince(afterBatch: number, layers: readonly LayerId[]): { layer: LayerId; uuid: string }[] {
    if (layers.length === 0) return [];
    const marks = layers.map(() => '?').join(', ');
    return this.db
      .prepare(
        `SELECT layer_id AS layer, feature_uuid AS uuid FROM plandesk_edit_changes
         WHERE (batch_id > ? OR batch_id IS NULL) AND layer_id IN (${marks})
         GROUP BY layer_id, feature_uuid ORDER BY min(id)`,
      )
      .all(afterBatch, ...layers) as { layer: LayerId; uuid: string }[];
  }

  // ------------------------------------------------------------------------- bases

  base(layer: LayerId, uuid: string): SyncBaseRow | undefined {
    return this.db.prepare(`SELECT ${BASE_COLUMNS} FROM plandesk_sync_base WHERE layer_id = ? AND feature_uuid = ?`).get(layer, uuid) as SyncBaseRow | undefined;
  }

  baseByServerId(layer: LayerId, serverId: string): SyncBaseRow | undefined {
    return this.db.prepare(`SELECT ${BASE_COLUMNS} FROM plandesk_sync_base WHERE layer_id = ? AND server_id = ?`).get(layer, serverId) as SyncBaseRow | undefined;
  }

  bases(layer: LayerId): SyncBaseRow[] {
    return this.db.prepare(`SELECT ${BASE_COLUMNS} FROM plandesk_sync_base WHERE layer_id = ?`).all(layer) as SyncBaseRow[];
  }

  baseCount(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM plandesk_sync_base`).get() as { n: number }).n;
  }

  putBase(row: SyncBaseRow): void {
    this.db
      .prepare(
        `INSERT INTO plandesk_sync_base (layer_id, feature_uuid, server_id, row_version, values_json, synced_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (layer_id, feature_uuid) DO UPDATE SET server_id = excluded.server_id, row_version = excluded.row_version,
           values_json = excluded.values_json, synced_at = excluded.synced_at`,
      )
      .run(row.layer, row.uuid, row.serverId, row.rowVersion, row.valuesJson, nowIso());
  }

  deleteBase(layer: LayerId, uuid: string): void {
    this.db.prepare(`DELETE FROM plandesk_sync_base WHERE layer_id = ? AND feature_uuid = ?`).run(layer, uuid);
  }

  // ------------------------------------------------------------------------- conflicts

  conflicts(state?: 'open' | 'resolved'): SyncConflictRow[] {
    if (!this.present) return [];
    const where = state ? `WHERE state = ?` : '';
    return this.db.prepare(`SELECT ${CONFLICT_COLUMNS} FROM plandesk_sync_conflicts ${where} ORDER BY id`).all(...(state ? [state] : [])) as SyncConflictRow[];
  }

  conflict(id: number): SyncConflictRow | undefined {
    return this.db.prepare(`SELECT ${CONFLICT_COLUMNS} FROM plandesk_sync_conflicts WHERE id = ?`).get(id) as SyncConflictRow | undefined;
  }

  openConflictsOf(layer: LayerId, uuid: string): SyncConflictRow[] {
    return this.db
      .prepare(`SELECT ${CONFLICT_COLUMNS} FROM plandesk_sync_conflicts WHERE state = 'open' AND layer_id = ? AND feature_uuid = ? ORDER BY id`)
      .all(layer, uuid) as SyncConflictRow[];
  }

  /** "layer/uuid" of every feature with an open conflict. */
  blockedFeatures(): Set<string> {
    const rows = this.db.prepare(`SELECT DISTINCT layer_id AS layer, feature_uuid AS uuid FROM plandesk_sync_conflicts WHERE state = 'open'`).all() as {
      layer: string;
      uuid: string;
    }[];
    return new Set(rows.map((r) => `${r.layer}/${r.uuid}`));
  }

  /** Stores a conflict; an open conflict on the same feature and attribute is replaced (the newer server value wins the slot). */
  addConflict(row: Omit<SyncConflictRow, 'id' | 'state' | 'resolution'>): number {
    return this.transaction(() => {
      this.db
        .prepare(`DELETE FROM plandesk_sync_conflicts WHERE state = 'open' AND layer_id = ? AND feature_uuid = ? AND attribute IS ?`)
        .run(row.layer, row.uuid, row.attribute);
      return Number(
        this.db
          .prepare(
            `INSERT INTO plandesk_sync_conflicts (layer_id, feature_uuid, kind, attribute, base_json, local_json, server_json, state, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)`,
          )
          .run(row.layer, row.uuid, row.kind, row.attribute, row.baseJson, row.localJson, row.serverJson, nowIso()).lastInsertRowid,
      );
    });
  }

  resolveConflict(id: number, resolution: 'mine' | 'theirs' | 'edit'): void {
    this.db.prepare(`UPDATE plandesk_sync_conflicts SET state = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?`).run(resolution, nowIso(), id);
  }

  // ------------------------------------------------------------------------- outbox

  /** Writes operations in state 'pending', in one transaction (durable before anything is sent). */
  enqueue(ops: readonly NewOutboxOp[]): void {
    const now = nowIso();
    const insert = this.db.prepare(
      `INSERT INTO plandesk_sync_outbox (op_uuid, layer_id, feature_uuid, kind, payload_json, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`,
    );
    this.transaction(() => {
      for (const op of ops) insert.run(op.opUuid, op.layer, op.uuid, op.kind, op.payloadJson, now, now);
    });
  }

  /** Operations not yet acknowledged or failed (pending and sent), oldest first. */
  unfinishedOps(): OutboxRow[] {
    return this.db.prepare(`SELECT ${OUTBOX_COLUMNS} FROM plandesk_sync_outbox WHERE state IN ('pending', 'sent') ORDER BY id`).all() as OutboxRow[];
  }

  outboxCounts(): Record<OutboxState, number> {
    const counts: Record<OutboxState, number> = { pending: 0, sent: 0, acknowledged: 0, failed: 0 };
    if (!this.present) return counts;
    const rows = this.db.prepare(`SELECT state, count(*) AS n FROM plandesk_sync_outbox GROUP BY state`).all() as { state: OutboxState; n: number }[];
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  /** Forgets finished operations (acknowledged, failed) of earlier pushes. */
  clearFinishedOps(): void {
    this.db.prepare(`DELETE FROM plandesk_sync_outbox WHERE state IN ('acknowledged', 'failed')`).run();
  }

  markOps(ids: readonly number[], state: OutboxState, detail: { serverId?: string | null; error?: string | null } = {}): void {
    const now = nowIso();
    const update = this.db.prepare(
      `UPDATE plandesk_sync_outbox SET state = ?, updated_at = ?, server_id = coalesce(?, server_id), last_error = ?,
         attempts = attempts + CASE WHEN ? = 'sent' THEN 1 ELSE 0 END WHERE id = ?`,
    );
    this.transaction(() => {
      for (const id of ids) update.run(state, now, detail.serverId ?? null, detail.error ?? null, state, id);
    });
  }
}
