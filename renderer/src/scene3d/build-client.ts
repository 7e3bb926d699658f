/** Runs the scene build in a Web Worker (Vite bundles it), falling back to the main thread. */
import { buildScene } from './build.js';
import type { WorkerReply } from './build-worker.js';
import type { Progress, SceneData, SceneInput } from './types.js';

export interface BuildResult {
  readonly data: SceneData;
  readonly ms: number;
  readonly inWorker: boolean;
}

export function buildInWorker(input: SceneInput, progress: Progress): Promise<BuildResult> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./build-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return buildHere(input, progress);
  }
  return new Promise<BuildResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.kind === 'progress') progress(reply.fraction, reply.stage);
      else {
        worker.terminate();
        if (reply.kind === 'done') resolve({ data: reply.data, ms: reply.ms, inWorker: true });
        else reject(new Error(reply.message));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      // A worker that cannot start (CSP, old browser): build here instead.
      buildHere(input, progress).then(resolve, reject);
    };
    worker.postMessage(input);
  });
}

async function buildHere(input: SceneInput, progress: Progress): Promise<BuildResult> {
  const t0 = performance.now();
  const data = buildScene(input, progress);
  return { data, ms: performance.now() - t0, inWorker: false };
}
