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
}

export interface JobDefinition<K extends JobKind> {
  /** Whether it changes the project (refused on a read-only project). */
  readonly writes: boolean;
  /** Checks and types the arguments; INVALID_ARGUMENT (400) otherwise. Runs before the job starts. */
  check(args: unknown, project: Project): JobArgsByKind[K];
  run(args: JobArgsByKind[K], context: JobContext): Promise<JobResultByKind[K]>;
}

export function cancelledError(): PlanDeskError {
  return new PlanDeskError('CANCELLED', 'The job was cancelled; nothing was changed');
}
