/**
 * Opening a project and serving it until a signal: what `plandesk serve` and the browser path
 * of `plandesk start` share.
 */
import { PlanDeskService } from '../api/service.js';
import { Project } from '../store/project.js';
import { startServer, type RunningServer, type ServeOptions } from './server.js';

export interface ServeProjectOptions extends Omit<ServeOptions, 'api'> {
  readonly file: string;
  readonly readonly?: boolean;
}

export interface ServedProject extends RunningServer {
  readonly project: Project;
  /** Resolves when the server has stopped (after a signal or `close`). */
  readonly stopped: Promise<void>;
}

export async function serveProject(options: ServeProjectOptions): Promise<ServedProject> {
  const project = Project.open(options.file, { readonly: options.readonly ?? false });
  let running: RunningServer;
  try {
    running = await startServer({ ...options, api: new PlanDeskService(project) });
  } catch (error) {
    project.close();
    throw error;
  }
  let finish: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= running.close().then(() => {
      project.close();
      finish();
    });
    return closing;
  };
  return { ...running, project, stopped, close };
}

/** Stops `served` on SIGINT/SIGTERM, saying so on stderr; the handlers are removed when it stops. */
export function stopOnSignals(served: ServedProject, onStop?: () => void): void {
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`plandesk: ${signal}, stopping\n`);
    onStop?.();
    void served.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  void served.stopped.then(() => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  });
}
