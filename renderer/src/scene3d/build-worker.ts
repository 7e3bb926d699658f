/** The scene build off the UI thread: { input } in, progress messages and { data } out. */
import { buildScene, transferables } from './build.js';
import type { SceneData, SceneInput } from './types.js';

export type WorkerReply =
  | { readonly kind: 'progress'; readonly fraction: number; readonly stage: string }
  | { readonly kind: 'done'; readonly data: SceneData; readonly ms: number }
  | { readonly kind: 'error'; readonly message: string };

const scope = self as unknown as { onmessage: ((e: MessageEvent<SceneInput>) => void) | null; postMessage(m: WorkerReply, transfer?: Transferable[]): void };

scope.onmessage = (event) => {
  const t0 = performance.now();
  try {
    const data = buildScene(event.data, (fraction, stage) => scope.postMessage({ kind: 'progress', fraction, stage }));
    scope.postMessage({ kind: 'done', data, ms: performance.now() - t0 }, transferables(data));
  } catch (error) {
    scope.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
