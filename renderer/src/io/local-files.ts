/**
 * Where the import wizard's sources come from and where export and print outputs go — one
 * decision for the two ways the renderer reaches the core:
 * - `plandesk serve` (browser): the picked files are uploaded, outputs are written into the
 *   job's own folder and downloaded (file-transfer.ts binds those two);
 * - the desktop app (`window.plandesk.files`, electron/preload.cts): the core is the user's own
 *   machine, so a picked file's local path is the source and the save dialog's path is the
 *   job's `out`; nothing is uploaded or downloaded.
 * No DOM here (the bridge is looked up on globalThis when asked), so a unit test drives it.
 */
import { BRIDGE_GLOBAL, unwrapEnvelope, type FilesBridge, type PlanDeskBridge, type SaveDialogRequest } from '../../../gis-core/api/ipc.js';

/** A file the user picked (a DOM File has these). */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
}

/** A source the import reads. */
export interface SourceFile {
  /** The path the import job and the io* calls accept. */
  readonly file: string;
  readonly name: string;
  readonly size: number;
}

/** The upload and the download of `plandesk serve` (file-transfer.ts). */
export interface ServeTransfer {
  upload(files: readonly PickedFile[], onProgress?: (done: number, total: number) => void): Promise<SourceFile[]>;
  download(jobId: string): void;
}

/** Where a job writes: `{}` is its own folder (serve mode), `{ out }` the path the user chose. */
export type OutputTarget = { readonly out?: string };

/** How a finished job's file reached the user. */
export type Delivery = 'downloaded' | 'saved';

/** A picked file the desktop app cannot give a path for (not a file on this machine's disk). */
export class NoLocalPathError extends Error {
  constructor(readonly fileName: string) {
    super(`no local path for ${fileName}`);
    this.name = 'NoLocalPathError';
  }
}

/** A shapefile's companions and other side files: never the file to open. */
const SIDE_FILES = new Set(['shx', 'dbf', 'prj', 'cpg', 'qix', 'sbn', 'sbx', 'xml', 'aux', 'qmd', 'qml']);

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The file GDAL should open: the .shp (or .zip, .gpkg, …) among the sources, not a .dbf or .prj. */
export function mainSourceFile<T extends SourceFile>(sources: readonly T[]): T | undefined {
  return sources.find((s) => extension(s.name) === 'shp') ?? sources.find((s) => !SIDE_FILES.has(extension(s.name)));
}

/** The desktop app's file bridge; undefined in serve mode (and in a shell that predates it). */
function filesBridge(): FilesBridge | undefined {
  const bridge = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] as PlanDeskBridge | undefined;
  const files = bridge?.files;
  return files && typeof files.pathForFile === 'function' && typeof files.saveDialog === 'function' ? files : undefined;
}

export interface FileRoutes {
  /** True in the desktop app: sources are local paths and outputs go where the user says. */
  readonly local: boolean;
  /** The picked files as import sources: uploaded (serve), or their local paths (desktop). */
  sourcesFor(files: readonly PickedFile[], onProgress?: (done: number, total: number) => void): Promise<SourceFile[]>;
  /** Where the job should write; null when the user cancelled the save dialog (then do nothing). */
  outputFor(request: SaveDialogRequest): Promise<OutputTarget | null>;
  /** After the job: the browser downloads the file (serve); in the desktop app it is already where the user chose. */
  deliverOutput(jobId: string): Delivery;
  /** Shows a saved file in the system's file manager (desktop only). */
  showInFolder(path: string): Promise<void>;
}

export function createFileRoutes(serve: ServeTransfer): FileRoutes {
  return {
    get local() {
      return filesBridge() !== undefined;
    },
    async sourcesFor(files, onProgress) {
      const bridge = filesBridge();
      if (!bridge) return serve.upload(files, onProgress);
      const sources = files.map((f) => {
        const file = bridge.pathForFile(f);
        if (!file) throw new NoLocalPathError(f.name);
        return { file, name: f.name, size: f.size };
      });
      const total = files.reduce((sum, f) => sum + f.size, 0);
      onProgress?.(total, total);
      return sources;
    },
    async outputFor(request) {
      const bridge = filesBridge();
      if (!bridge) return {};
      const path = unwrapEnvelope(await bridge.saveDialog(request));
      return path === null ? null : { out: path };
    },
    deliverOutput(jobId) {
      if (filesBridge()) return 'saved';
      serve.download(jobId);
      return 'downloaded';
    },
    async showInFolder(path) {
      const bridge = filesBridge();
      if (!bridge) throw new Error('show in folder: desktop app only');
      unwrapEnvelope(await bridge.showInFolder(path));
    },
  };
}
