/**
 * The one error type PlanDesk shows to people. `code` is stable (tests, the HTTP API and the
 * UI switch on it); `message` is one line that names the file, row or value at fault.
 */
export type PlanDeskErrorCode =
  | 'SPATIALITE_MISSING'
  | 'FILE_NOT_FOUND'
  | 'FILE_EXISTS'
  | 'FILE_LOCKED'
  | 'FILE_CORRUPT'
  | 'NOT_A_PROJECT'
  | 'SCHEMA_TOO_NEW'
  | 'READ_ONLY'
  | 'UNKNOWN_LAYER'
  | 'UNKNOWN_FIELD'
  | 'UNKNOWN_FEATURE'
  | 'INVALID_ARGUMENT'
  | 'INVALID_FEATURE'
  | 'UNKNOWN_CRS'
  | 'TRANSFORM_FAILED'
  | 'EXTERNAL_TOOL'
  /** An undo or redo whose features changed since (another batch or tool is in the way). */
  | 'CONFLICT'
  | 'UNKNOWN_BATCH'
  | 'UNKNOWN_JOB'
  /** A job stopped because it was asked to. */
  | 'CANCELLED'
  | 'NOTHING_TO_UNDO'
  | 'NOTHING_TO_REDO'
  /** Sync: the SDI server refused the credentials (HTTP 401/403). */
  | 'SYNC_AUTH_FAILED'
  /** Sync: the SDI server could not be reached or did not answer in time. */
  | 'SYNC_UNREACHABLE'
  /** Sync: the SDI server answered with an error (an OGC exception report, HTTP 4xx/5xx). */
  | 'SYNC_SERVER_ERROR'
  /** Sync: the project has no SDI connection yet. */
  | 'SYNC_NOT_CONNECTED'
  /** Kiosk: too many requests from one client; try again shortly. */
  | 'RATE_LIMITED'
  /** Serve mode: a path outside the folders the server may read or write (gis-core/server/files.ts). */
  | 'FORBIDDEN';

export class PlanDeskError extends Error {
  override readonly name = 'PlanDeskError';
  constructor(
    readonly code: PlanDeskErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isPlanDeskError(error: unknown): error is PlanDeskError {
  return error instanceof PlanDeskError;
}
