/**
 * Checkout and pull: fetch the mapped layers' server features inside the area, find the synced
 * features that left it or were deleted (asked for by uuid), and reconcile them with the project
 * (reconcile.ts). A server feature whose `row_version` is still the base's is unchanged there
 * and is skipped (the version marker); without versions every feature is compared with its base.
 */
import type { Project } from '../../gis-core/store/project.js';
import type { BBox } from '../../gis-core/store/types.js';
import { newUuid } from '../../gis-core/util/uuid.js';
import type { SyncTransport } from '../transport/types.js';
import type { EngineConnection } from './connection.js';
import { localUuidOf, reconcile, type ReconcileResult, type ServerFact } from './reconcile.js';

export interface StepReporter {
  readonly signal?: AbortSignal;
  /** 0 … 1 with a line saying what is being done. */
  progress?(fraction: number, message: string): void;
  /** Throws CANCELLED when cancelled: called between steps. */
  throwIfCancelled?(): void;
}

/** Server facts for every mapped layer: the features in `area`, and the based ones not found there. */
export async function fetchServerFacts(project: Project, transport: SyncTransport, connection: EngineConnection, area: BBox, reporter: StepReporter): Promise<ServerFact[]> {
  const state = project.syncState();
  const facts: ServerFact[] = [];
  for (const [index, mapping] of connection.layers.entries()) {
    reporter.throwIfCancelled?.();
    reporter.progress?.(index / connection.layers.length / 2, `${mapping.featureType}: tải về / fetching`);
    const features = await transport.getFeatures(mapping.featureType, { bbox: area, ...(reporter.signal ? { signal: reporter.signal } : {}) });
    const versioned = connection.types[mapping.featureType]?.hasRowVersion ?? false;
    const seen = new Set<string>();
    for (const feature of features) {
      const uuid = localUuidOf(project, mapping, feature, newUuid);
      if (seen.has(uuid)) continue;
      seen.add(uuid);
      const base = state.base(mapping.layer, uuid);
      if (versioned && base && feature.rowVersion !== null && base.rowVersion === feature.rowVersion) continue;
      facts.push({ mapping, uuid, feature });
    }
    // Synced features not in the area now: moved out of it, or deleted on the server.
    const missing = state.bases(mapping.layer).filter((b) => !seen.has(b.uuid)).map((b) => b.uuid);
    for (let start = 0; start < missing.length; start += 200) {
      reporter.throwIfCancelled?.();
      const chunk = missing.slice(start, start + 200);
      const found = await transport.getFeatures(mapping.featureType, { uuids: chunk, ...(reporter.signal ? { signal: reporter.signal } : {}) });
      const byUuid = new Map(found.filter((f) => f.uuid !== null).map((f) => [f.uuid!, f]));
      for (const uuid of chunk) facts.push({ mapping, uuid, feature: byUuid.get(uuid) ?? null });
    }
  }
  return facts;
}

/** Pulls (or, with `area`, checks out) and merges. The area of a checkout is remembered for later pulls. */
export async function pullFromServer(
  project: Project,
  transport: SyncTransport,
  connection: EngineConnection,
  reporter: StepReporter,
  kind: 'checkout' | 'pull',
  area: BBox,
): Promise<ReconcileResult> {
  const facts = await fetchServerFacts(project, transport, connection, area, reporter);
  reporter.throwIfCancelled?.();
  reporter.progress?.(0.6, 'Hợp nhất / merging');
  const message = kind === 'checkout' ? `Đồng bộ: lấy dữ liệu từ máy chủ (checkout) / sync checkout` : `Đồng bộ: kéo thay đổi từ máy chủ / sync pull`;
  const result = reconcile(project, facts, message);
  const state = project.syncState();
  state.transaction(() => {
    if (kind === 'checkout') state.setArea(JSON.stringify(area));
    state.setLastSync();
  });
  return result;
}
