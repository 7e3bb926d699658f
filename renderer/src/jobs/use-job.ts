/**
 * The one way the renderer follows a job (gis-core/jobs/ through the API): start it, poll its
 * state for the progress bar, cancel it, and hear once when it ends — its result, or why it
 * failed (a failed start counts as a failure). Used by the flood and sync panels.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobInfo, JobKind, JobRequest, JobResultByKind, PlanDeskApi } from '../../../gis-core/api/contract.js';

const POLL_MS = 150;

export interface JobFailure {
  /** The API's error code ('SYNC_AUTH_FAILED', 'CANCELLED', …) or 'UNKNOWN'. */
  readonly code: string;
  readonly message: string;
}

export interface JobCallbacks<K extends JobKind> {
  /** The job ended 'done'. */
  onDone?(result: JobResultByKind[K], job: JobInfo<K>): void;
  /** The job could not start, ended 'failed', or could not be followed. Not called on cancel. */
  onError?(failure: JobFailure): void;
}

export interface JobRunner<K extends JobKind> {
  /** The latest state of the job started last (null before any). */
  readonly job: JobInfo<K> | null;
  readonly running: boolean;
  /** Starts a job; answers its first state, or null when it could not start (onError was called). */
  start(request: Extract<JobRequest, { kind: K }>): Promise<JobInfo<K> | null>;
  /** Asks the running job to stop (it ends 'cancelled'). */
  cancel(): void;
}

export function toJobFailure(error: unknown): JobFailure {
  const code = error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string' ? (error as { code: string }).code : 'UNKNOWN';
  return { code, message: error instanceof Error ? error.message : String(error) };
}

export function useJob<K extends JobKind>(api: PlanDeskApi, callbacks: JobCallbacks<K> = {}): JobRunner<K> {
  const [job, setJob] = useState<JobInfo<K> | null>(null);
  // The latest callbacks, so the polling effect does not restart when a panel re-renders.
  const callbacksRef = useRef(callbacks);
  callbacksRef.current = callbacks;

  const settle = useCallback((next: JobInfo<K>) => {
    setJob(next);
    if (next.state === 'done' && next.result !== undefined) callbacksRef.current.onDone?.(next.result, next);
    else if (next.state === 'failed') callbacksRef.current.onError?.(next.error ?? { code: 'UNKNOWN', message: 'job failed' });
  }, []);

  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(() => {
      api
        .job(job.id)
        .then((next) => settle(next as JobInfo<K>))
        .catch((e: unknown) => callbacksRef.current.onError?.(toJobFailure(e)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, job, settle]);

  const start = useCallback(
    async (request: Extract<JobRequest, { kind: K }>): Promise<JobInfo<K> | null> => {
      try {
        const info = (await api.jobStart(request)) as JobInfo<K>;
        settle(info);
        return info;
      } catch (e) {
        callbacksRef.current.onError?.(toJobFailure(e));
        return null;
      }
    },
    [api, settle],
  );

  const cancel = useCallback(() => {
    if (!job || job.state !== 'running') return;
    api
      .jobCancel(job.id)
      .then((next) => setJob(next as JobInfo<K>))
      .catch((e: unknown) => callbacksRef.current.onError?.(toJobFailure(e)));
  }, [api, job]);

  return { job, running: job?.state === 'running', start, cancel };
}
