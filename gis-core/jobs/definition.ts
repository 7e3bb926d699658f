/**
 * What a kind of job is: how its arguments are checked (in the calling thread, so a bad request
 * is refused at once) and how it runs (in a worker thread, with its own connection to the
 * project). Each kind lives with its domain (flood/, io/…) and is listed in `registry.ts`.
 */
import type { JobArgsByKind, JobKind, JobResultByKind, Label } from '../api/contract.js';
import { PlanDeskError } from '../errors.js';
import type { Project } from '../store/project.js';

export interface JobContext {
  /** The project, opened for this job (read-only unless the job `writes`). */
  readonly project: Project;
  /** Reports progress (0 … 1) and what is being done; cheap to call often. */
  progress(fraction: number, message?: Label): void;
  /** Aborted when the job is cancelled. */
  readonly signal: AbortSignal;
  /** Throws CANCELLED when the job was cancelled: call it between steps. */
  throwIfCancelled(): void;
  /**
   * Makes (once) and answers the job's own folder, for files it makes when the caller named
   * none (an export without `out`): inside the server's staging area in serve mode, a
   * temporary folder elsewhere. Optional so a test can call `run` with a bare context.
   */
  ensureWorkDir?(): string;
}

/** The files a job's arguments name: what it reads and what it writes (paths on the core's machine). */
export interface JobPaths {
  readonly read: readonly string[];
  readonly write: readonly string[];
}

export interface JobDefinition<K extends JobKind> {
  /** Whether it changes the project (refused on a read-only project). */
  readonly writes: boolean;
  /** Checks and types the arguments; INVALID_ARGUMENT (400) otherwise. Runs before the job starts. */
  check(args: unknown, project: Project): JobArgsByKind[K];
  /**
   * The paths its (checked) arguments name. Serve mode refuses a job whose paths are outside
   * the folders a browser client may use (gis-core/jobs/file-access.ts): every kind that takes
   * a path MUST declare it here.
   */
  paths?(args: JobArgsByKind[K]): JobPaths;
  run(args: JobArgsByKind[K], context: JobContext): Promise<JobResultByKind[K]>;
}

export function cancelledError(): PlanDeskError {
  return new PlanDeskError('CANCELLED', 'The job was cancelled; nothing was changed');
}
