/**
 * Shared steps of the sync integration tests: a small PlanDesk project, the engine's jobs run
 * in the test's thread (the same functions the worker runs), server rows read with psql.
 */
import { join } from 'node:path';
import type { Label } from '../../gis-core/api/contract.js';
import { Project } from '../../gis-core/store/project.js';
import type { BBox } from '../../gis-core/store/types.js';
import type { LayerId } from '../../layers/types.js';
import type { SyncCredentials, SyncJobResult } from '../../sync/api-types.js';
import { openSession, runPull, runPush } from '../../sync/engine/jobs.js';
import type { PushReporter } from '../../sync/engine/push.js';
import type { SdiServer } from './sdi-server.js';

/** The district the tests check out (EPSG:5897, Cao Lãnh). */
export const AREA: BBox = [568_000, 1_155_000, 571_000, 1_158_000];

export function createProject(dir: string, name: string, layers: readonly LayerId[] = ['water_mains']): Project {
  return Project.create(join(dir, `${name}.plandesk.sqlite`), { name, province: 'Đồng Tháp', crsEpsg: 5897, layers });
}

export const quietContext = {
  progress(_fraction: number, _message?: Label): void {},
  throwIfCancelled(): void {},
  signal: new AbortController().signal,
};

export async function checkout(project: Project, credentials?: SyncCredentials): Promise<SyncJobResult> {
  return runPull(await openSession(project, credentials), quietContext, AREA);
}

export async function pull(project: Project, credentials?: SyncCredentials): Promise<SyncJobResult> {
  return runPull(await openSession(project, credentials), quietContext);
}

export async function push(project: Project, credentials?: SyncCredentials, hooks: Pick<PushReporter, 'onAcknowledged' | 'afterSend'> = {}): Promise<SyncJobResult> {
  return runPush(await openSession(project, credentials), quietContext, hooks);
}

/** One user edit batch (source 'ui'). */
export function edit(project: Project, operations: readonly unknown[]): void {
  project.applyEdits({ source: 'ui' }, () => operations as never);
}

/** Rows of a server table as "uuid|col|…" lines, ordered by uuid. */
export function serverRows(sdi: SdiServer, table: string, columns: readonly string[]): string[] {
  const selected = ['uuid', ...columns.map((c) => `coalesce(${c}::text, '∅')`)].join(', ');
  const text = sdi.pg.psql(`SELECT ${selected} FROM public."${table}" ORDER BY uuid`).trim();
  return text === '' ? [] : text.split('\n');
}
