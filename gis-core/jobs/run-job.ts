/** Running one job to its end in the current thread: open the project, run, report. Shared by the worker and inline mode. */
import type { JobKind, Label } from '../api/contract.js';
import { mkdirSync } from 'node:fs';
import { isPlanDeskError } from '../errors.js';
import { Project } from '../store/project.js';
import { cancelledError, type JobContext } from './definition.js';
import { JOB_DEFINITIONS } from './registry.js';

/** What a running job tells whoever started it. */
export type JobMessage =
  | { readonly type: 'progress'; readonly fraction: number; readonly message?: Label }
  | { readonly type: 'done'; readonly result: unknown }
  | { readonly type: 'failed'; readonly code: string; readonly message: string };

export interface JobTask {
  readonly kind: JobKind;
  readonly args: unknown;
  readonly file: string;
  /** The project is served read-only: the job may not write. */
  readonly readonly: boolean;
  /** The job's own folder (JobContext.workDir); not created yet. */
  readonly workDir: string;
}

/** Progress is sent at most this often (ms), besides the first and the last. */
const PROGRESS_INTERVAL_MS = 100;

export async function runJob(task: JobTask, signal: AbortSignal, send: (message: JobMessage) => void): Promise<void> {
  const definition = JOB_DEFINITIONS[task.kind];
  let project: Project | undefined;
  try {
    project = Project.open(task.file, { readonly: task.readonly || !definition.writes });
    let last = 0;
    const context: JobContext = {
      project,
      signal,
      progress(fraction, message) {
        const now = Date.now();
        if (now - last < PROGRESS_INTERVAL_MS && fraction < 1) return;
        last = now;
        send({ type: 'progress', fraction: Math.min(1, Math.max(0, fraction)), ...(message ? { message } : {}) });
      },
      throwIfCancelled() {
        if (signal.aborted) throw cancelledError();
      },
      ensureWorkDir() {
        mkdirSync(task.workDir, { recursive: true });
        return task.workDir;
      },
    };
    const result = await (definition.run as (args: unknown, context: JobContext) => Promise<unknown>)(task.args, context);
    send({ type: 'done', result });
  } catch (error) {
    if (signal.aborted) send({ type: 'failed', code: 'CANCELLED', message: cancelledError().message });
    else if (isPlanDeskError(error)) send({ type: 'failed', code: error.code, message: error.message });
    else send({ type: 'failed', code: 'INTERNAL', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    project?.close();
  }
}
