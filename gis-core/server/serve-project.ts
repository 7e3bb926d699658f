/**
 * Opening a project and serving it until a signal: what `plandesk serve` and the browser path
 * of `plandesk start` share.
 */
import { PlanDeskService } from '../api/service.js';
import { Project } from '../store/project.js';
import { FileStaging } from './files.js';
import { startServer, type RunningServer, type ServeOptions } from './server.js';

export interface ServeProjectOptions extends Omit<ServeOptions, 'api' | 'files'> {
  readonly file: string;
  readonly readonly?: boolean;
  /** `--files-root DIR`: job and io* paths under DIR are allowed besides the staging folder. */
  readonly filesRoot?: string;
}

export interface ServedProject extends RunningServer {
  readonly project: Project;
  /** This server's staging folder (uploads, job outputs); removed when it stops. */
  readonly files: FileStaging;
  /** Resolves when the server has stopped (after a signal or `close`). */
  readonly stopped: Promise<void>;
}

export async function serveProject(options: ServeProjectOptions): Promise<ServedProject> {
  const project = Project.open(options.file, { readonly: options.readonly ?? false });
  let running: RunningServer;
  let files: FileStaging | undefined;
  try {
    // Browser clients name only staged files (and --files-root); the service checks every job's paths.
    files = new FileStaging(options.filesRoot !== undefined ? { filesRoot: options.filesRoot } : {});
    const api = new PlanDeskService(project, { fileAccess: files.access, jobWorkRoot: files.jobsDir });
    running = await startServer({ ...options, api, files });
  } catch (error) {
    files?.remove();
    project.close();
    throw error;
  }
  const staging = files;
  let finish: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= running.close().then(() => {
      project.close();
      staging.remove();
      finish();
    });
    return closing;
  };
  return { ...running, project, files: staging, stopped, close };
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
