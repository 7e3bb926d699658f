/**
 * A job's worker thread: runs one job (run-job.ts) and posts its messages to the thread that
 * started it; a 'cancel' message aborts it. Started by JobManager with the task as workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type JobTask } from './run-job.js';

const port = parentPort;
if (!port) throw new Error('gis-core/jobs/worker.js runs as a worker thread');
const controller = new AbortController();
port.on('message', (message: unknown) => {
  if (message === 'cancel') controller.abort();
});
await runJob(workerData as JobTask, controller.signal, (message) => port.postMessage(message));
port.close();
