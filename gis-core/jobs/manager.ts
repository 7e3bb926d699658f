/**
 * The jobs of one served project: started on request, each in its own worker thread (so a
 * 4000 × 4000 flood or a million-row import never blocks the API), followed by polling, and
 * cancelled on request. Jobs are kept in memory until the core stops.
 *
 * Under a TypeScript test runner there is no compiled worker file: jobs then run inline, in
 * this thread (same code, `run-job.ts`); the built app always uses workers.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JobInfo, JobRequest, JobState } from '../api/contract.js';
import { PlanDeskError } from '../errors.js';
import { newUuid } from '../util/uuid.js';
import type { Project } from '../store/project.js';
import type { JobPaths } from './definition.js';
import { checkJobPaths, type FileAccess } from './file-access.js';
import { JOB_DEFINITIONS, isJobKind } from './registry.js';
import { runJob, type JobMessage, type JobTask } from './run-job.js';

/** A worker that does not stop within this long after a cancel is terminated. */
const CANCEL_GRACE_MS = 5000;

const WORKER_FILE = new URL('./worker.js', import.meta.url);

interface Entry {
  info: JobInfo;
  cancelRequested?: boolean;
  cancel(): void;
}

function mutable(info: JobInfo): { -readonly [K in keyof JobInfo]: JobInfo[K] } {
  return info as { -readonly [K in keyof JobInfo]: JobInfo[K] };
}

export interface JobManagerOptions {
  /** Run in worker threads (default: when the compiled worker file exists). */
  readonly workers?: boolean;
  /** Where each job's own folder (JobContext.workDir) is made; a temporary folder by default. */
  readonly workRoot?: string;
  /** Limits the paths job arguments may name (serve mode); any path when absent. */
  readonly fileAccess?: FileAccess;
}

export class JobManager {
  private readonly jobs = new Map<string, Entry>();
  private readonly useWorkers: boolean;
  private readonly workRoot: string;

  constructor(
    private readonly project: Project,
    private readonly options: JobManagerOptions = {},
  ) {
    this.useWorkers = options.workers ?? (WORKER_FILE.protocol === 'file:' && existsSync(fileURLToPath(WORKER_FILE)));
    this.workRoot = options.workRoot ?? join(tmpdir(), `plandesk-jobs-${process.pid}`);
  }

  start(request: JobRequest): JobInfo {
    if (typeof request !== 'object' || request === null) throw new PlanDeskError('INVALID_ARGUMENT', 'A job request is { kind, args }');
    const { kind, args } = request as { kind: unknown; args: unknown };
    if (!isJobKind(kind)) {
      throw new PlanDeskError('INVALID_ARGUMENT', `Unknown job kind ${JSON.stringify(kind)} (kinds: ${Object.keys(JOB_DEFINITIONS).join(', ')})`);
    }
    const definition = JOB_DEFINITIONS[kind];
    if (definition.writes && this.project.readonly) throw new PlanDeskError('READ_ONLY', `${this.project.file} is open read-only: a ${kind} job would change it`);
    const checked = definition.check(args, this.project);
    const declarePaths = definition.paths as ((args: unknown) => JobPaths) | undefined;
    const paths = declarePaths?.call(definition, checked);
    if (paths && this.options.fileAccess) checkJobPaths(this.options.fileAccess, kind, paths);
    const info: JobInfo = { id: newUuid(), kind, state: 'running', progress: 0, startedAt: new Date().toISOString() };
    const task: JobTask = { kind, args: checked, file: this.project.file, readonly: this.project.readonly, workDir: join(this.workRoot, info.id) };
    const entry: Entry = { info, cancel: () => {} };
    this.jobs.set(info.id, entry);
    const onMessage = (message: JobMessage) => this.update(entry, message);
    if (this.useWorkers) this.runInWorker(entry, task, onMessage);
    else this.runInline(entry, task, onMessage);
    return { ...info };
  }

  private runInWorker(entry: Entry, task: JobTask, onMessage: (m: JobMessage) => void): void {
    const worker = new Worker(WORKER_FILE, { workerData: task });
    let timer: NodeJS.Timeout | undefined;
    entry.cancel = () => {
      worker.postMessage('cancel');
      timer = setTimeout(() => {
        void worker.terminate();
      }, CANCEL_GRACE_MS);
      timer.unref();
    };
    worker.on('message', onMessage);
    worker.on('error', (error) => onMessage({ type: 'failed', code: 'INTERNAL', message: error.stack ?? error.message }));
    worker.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      // Terminated after a cancel, or died without a word.
      if (entry.info.state === 'running') {
        onMessage(
          entry.cancelRequested
            ? { type: 'failed', code: 'CANCELLED', message: 'The job was cancelled; nothing was changed' }
            : { type: 'failed', code: 'INTERNAL', message: `the job's worker stopped (exit code ${code})` },
        );
      }
    });
  }

  private runInline(entry: Entry, task: JobTask, onMessage: (m: JobMessage) => void): void {
    const controller = new AbortController();
    entry.cancel = () => controller.abort();
    // Started on the next turn, as a worker would be: the caller gets the 'running' state first.
    setImmediate(() => void runJob(task, controller.signal, onMessage));
  }

  private update(entry: Entry, message: JobMessage): void {
    const info = mutable(entry.info);
    if (info.state !== 'running') return;
    switch (message.type) {
      case 'progress':
        info.progress = message.fraction;
        if (message.message) info.message = message.message;
        return;
      case 'done':
        this.finish(entry, 'done');
        info.progress = 1;
        info.result = message.result as never;
        return;
      case 'failed':
        this.finish(entry, message.code === 'CANCELLED' ? 'cancelled' : 'failed');
        info.error = { code: message.code, message: message.message };
    }
  }

  private finish(entry: Entry, state: JobState): void {
    const info = mutable(entry.info);
    info.state = state;
    info.finishedAt = new Date().toISOString();
  }

  get(jobId: string): JobInfo {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new PlanDeskError('UNKNOWN_JOB', `No job ${String(jobId)} (jobs last until the server stops)`);
    return { ...entry.info };
  }

  cancel(jobId: string): JobInfo {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new PlanDeskError('UNKNOWN_JOB', `No job ${String(jobId)}`);
    if (entry.info.state === 'running' && !entry.cancelRequested) {
      entry.cancelRequested = true;
      entry.cancel();
    }
    return { ...entry.info };
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((e) => ({ ...e.info })).reverse();
  }
}
