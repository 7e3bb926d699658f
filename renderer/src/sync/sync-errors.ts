/**
 * A sync failure as a person reads it: a headline in the UI language by error code (the server
 * refused the login, cannot be reached, answered with an error, no connection yet) and the
 * core's own line under it (which names the server and its message).
 */
import type { I18n } from '../i18n/context.js';
import type { StringKey } from '../i18n/strings.js';
import { toJobFailure, type JobFailure } from '../jobs/use-job.js';

export interface SyncMessage {
  readonly code: string;
  readonly title: string;
  readonly detail: string;
}

const TITLES: Readonly<Record<string, StringKey>> = {
  SYNC_NOT_CONNECTED: 'sync.error.notConnected',
  SYNC_AUTH_FAILED: 'sync.error.auth',
  SYNC_UNREACHABLE: 'sync.error.unreachable',
  SYNC_SERVER_ERROR: 'sync.error.server',
  CANCELLED: 'sync.error.cancelled',
  READ_ONLY: 'errors.READ_ONLY',
  FILE_LOCKED: 'errors.FILE_LOCKED',
  UNAUTHORIZED: 'errors.UNAUTHORIZED',
  INVALID_ARGUMENT: 'errors.INVALID_ARGUMENT',
  CONFLICT: 'errors.CONFLICT',
};

export function isNotConnected(error: unknown): boolean {
  return toJobFailure(error).code === 'SYNC_NOT_CONNECTED';
}

/** `error`: what an API call threw, or a job's failure. */
export function syncMessage(error: unknown, i18n: I18n): SyncMessage {
  const failure: JobFailure =
    error && typeof error === 'object' && 'code' in error && 'message' in error && !(error instanceof Error) ? (error as JobFailure) : toJobFailure(error);
  const key = TITLES[failure.code];
  return { code: failure.code, title: key ? i18n.t(key) : i18n.t('errors.UNKNOWN'), detail: failure.message };
}
