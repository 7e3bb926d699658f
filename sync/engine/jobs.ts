/**
 * The sync jobs: checkout, pull, push (listed in gis-core/jobs/registry.ts). Each checks its
 * arguments at once (credentials come with the job, never from the project), opens the
 * transport for the project's connection, reports progress and stops between steps when
 * cancelled. What a cancelled push sent stays in the outbox and is resumed by the next one.
 */
import type { JobContext, JobDefinition } from '../../gis-core/jobs/definition.js';
import { PlanDeskError } from '../../gis-core/errors.js';
import type { Project } from '../../gis-core/store/project.js';
import type { BBox } from '../../gis-core/store/types.js';
import type { SyncCheckoutJobArgs, SyncCredentials, SyncJobResult, SyncPullJobArgs, SyncPushJobArgs } from '../api-types.js';
import type { SyncTransport } from '../transport/types.js';
import { advanceWatermark } from './changeset.js';
import { requireConnection, type EngineConnection } from './connection.js';
import { pullFromServer } from './pull.js';
import { pushToServer, type PushReporter } from './push.js';
import { openTransport } from './transport.js';

function checkCredentials(value: unknown): SyncCredentials | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new PlanDeskError('INVALID_ARGUMENT', 'credentials must be an object { username, password } or { token }');
  const credentials = value as Record<string, unknown>;
  for (const key of ['username', 'password', 'token']) {
    if (credentials[key] !== undefined && typeof credentials[key] !== 'string') throw new PlanDeskError('INVALID_ARGUMENT', `credentials.${key} must be text`);
  }
  return credentials as SyncCredentials;
}

function checkObject(args: unknown): Record<string, unknown> {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object' || Array.isArray(args)) throw new PlanDeskError('INVALID_ARGUMENT', 'The job arguments must be an object');
  return args as Record<string, unknown>;
}

export function checkBBox(value: unknown): BBox {
  if (!Array.isArray(value) || value.length !== 4 || value.some((v) => typeof v !== 'number' || !Number.isFinite(v)) || value[0] >= value[2] || value[1] >= value[3]) {
    throw new PlanDeskError('INVALID_ARGUMENT', `bbox must be [minx, miny, maxx, maxy] in the project CRS with min < max (got ${JSON.stringify(value)})`);
  }
  return value as BBox;
}

function withCredentials<T extends object>(base: T, credentials: SyncCredentials | undefined): T & { credentials?: SyncCredentials } {
  return credentials ? { ...base, credentials } : base;
}

export interface SyncSession {
  readonly project: Project;
  readonly connection: EngineConnection;
  readonly transport: SyncTransport;
}

export async function openSession(project: Project, credentials: SyncCredentials | undefined): Promise<SyncSession> {
  const connection = requireConnection(project);
  const transport = await openTransport(connection.url, connection.protocol, { srid: project.info().crsEpsg, ...(credentials ? { credentials } : {}) });
  return { project, connection, transport };
}

/** Checkout of `bbox` (the new area), or a pull of the stored one. */
export async function runPull(session: SyncSession, context: Pick<JobContext, 'progress' | 'throwIfCancelled' | 'signal'>, bbox?: BBox): Promise<SyncJobResult> {
  const area = bbox ?? session.connection.area;
  if (!area) throw new PlanDeskError('INVALID_ARGUMENT', 'Nothing is checked out yet: run a checkout with an area (bbox) first');
  const result = await pullFromServer(session.project, session.transport, session.connection, reporterOf(context), bbox ? 'checkout' : 'pull', area);
  advanceWatermark(session.project, requireConnection(session.project));
  context.progress(1, { vi: 'Xong', en: 'Done' });
  return { fetched: result.fetched, merged: result.merged, conflicts: result.conflicts, pushed: 0, rejected: 0, batchId: result.batchId };
}

export async function runPush(
  session: SyncSession,
  context: Pick<JobContext, 'progress' | 'throwIfCancelled' | 'signal'>,
  hooks: Pick<PushReporter, 'onAcknowledged' | 'afterSend'> = {},
): Promise<SyncJobResult> {
  const result = await pushToServer(session.project, session.transport, session.connection, { ...reporterOf(context), ...hooks });
  advanceWatermark(session.project, requireConnection(session.project));
  context.progress(1, { vi: 'Xong', en: 'Done' });
  return { fetched: 0, merged: 0, conflicts: result.conflicts, pushed: result.pushed, rejected: result.rejected, batchId: result.batchId };
}

function reporterOf(context: Pick<JobContext, 'progress' | 'throwIfCancelled' | 'signal'>): PushReporter {
  return {
    signal: context.signal,
    progress: (fraction, message) => context.progress(fraction, { vi: message, en: message }),
    throwIfCancelled: () => context.throwIfCancelled(),
  };
}

export const syncCheckoutJob: JobDefinition<'sync-checkout'> = {
  writes: true,
  check(args, project): SyncCheckoutJobArgs {
    requireConnection(project);
    const object = checkObject(args);
    return withCredentials({ bbox: checkBBox(object.bbox) }, checkCredentials(object.credentials));
  },
  async run(args, context) {
    return runPull(await openSession(context.project, args.credentials), context, args.bbox);
  },
};

export const syncPullJob: JobDefinition<'sync-pull'> = {
  writes: true,
  check(args, project): SyncPullJobArgs {
    const connection = requireConnection(project);
    if (!connection.area) throw new PlanDeskError('INVALID_ARGUMENT', 'Nothing is checked out yet: run a checkout with an area (bbox) first');
    return withCredentials({}, checkCredentials(checkObject(args).credentials));
  },
  async run(args, context) {
    return runPull(await openSession(context.project, args.credentials), context);
  },
};

export const syncPushJob: JobDefinition<'sync-push'> = {
  writes: true,
  check(args, project): SyncPushJobArgs {
    requireConnection(project);
    return withCredentials({}, checkCredentials(checkObject(args).credentials));
  },
  async run(args, context) {
    return runPush(await openSession(context.project, args.credentials), context);
  },
};
