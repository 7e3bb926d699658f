/**
 * The desktop app's file dialogs for the export and print dialogs: the save dialog that names
 * a job's `out` (the core runs on the user's machine and writes there directly), and "show in
 * folder" for a file saved that way. Two IPC channels that answer the app's own pages only;
 * "show in folder" only for paths this session's save dialog returned, so the channel cannot
 * probe the disk. No runtime import of electron: `dialog`, `shell` and `ipcMain` are handed in.
 */
import type { IpcMainInvokeEvent, SaveDialogOptions } from 'electron';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { IPC_SAVE_DIALOG_CHANNEL, IPC_SHOW_IN_FOLDER_CHANNEL, type IpcEnvelope, type SaveDialogRequest } from '../gis-core/api/ipc.js';
import type { IpcMainLike } from './ipc-bind.js';

/** What we use of Electron's `dialog` (the window, when there is one, is bound in). */
export interface SaveDialogLike {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

/** What we use of Electron's `shell`. */
export interface ShellLike {
  showItemInFolder(fullPath: string): void;
}

const MAX_TEXT = 200;

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT) throw new TypeError(`save dialog: ${what} must be a string of 1 … ${MAX_TEXT} characters`);
  return value;
}

/** The request, checked: a plain file name (no folder, no NUL) and plain extensions. */
export function checkSaveRequest(value: unknown): SaveDialogRequest {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new TypeError('save dialog: the request must be an object');
  const v = value as Record<string, unknown>;
  const defaultName = text(v.defaultName, 'defaultName');
  if (basename(defaultName) !== defaultName || /[\\/\0]/.test(defaultName) || defaultName === '.' || defaultName === '..') {
    throw new TypeError('save dialog: defaultName must be a file name without a folder');
  }
  const extensions = v.extensions;
  if (!Array.isArray(extensions) || extensions.length === 0 || extensions.length > 8 || !extensions.every((e) => typeof e === 'string' && /^[a-z0-9]{1,10}$/i.test(e))) {
    throw new TypeError('save dialog: extensions must be 1 … 8 extensions without dots');
  }
  return { title: text(v.title, 'title'), defaultName, filterName: text(v.filterName, 'filterName'), extensions: extensions as string[] };
}

/** The chosen path with the format's extension (Linux file choosers do not add it). */
export function withExtension(path: string, extensions: readonly string[]): string {
  const ext = extname(path).slice(1).toLowerCase();
  return extensions.some((e) => e.toLowerCase() === ext) ? path : `${path}.${extensions[0]}`;
}

function failure(error: unknown): IpcEnvelope<never> {
  const code = error instanceof TypeError ? 'INVALID_ARGUMENT' : 'INTERNAL';
  return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } };
}

export class FileDialogs {
  /** The paths the save dialog gave this session: the only ones "show in folder" opens. */
  private readonly saved = new Set<string>();

  constructor(
    private readonly dialog: SaveDialogLike,
    private readonly shell: ShellLike,
    /** The folder the first dialog opens in (the user's documents); later ones open where the last file went. */
    private folder: string,
  ) {}

  /** Asks where to save; the answer is the path, or null when the user cancelled. */
  async saveDialog(args: readonly unknown[]): Promise<IpcEnvelope<string | null>> {
    try {
      if (args.length !== 1) throw new TypeError('save dialog: one request expected');
      const request = checkSaveRequest(args[0]);
      const answer = await this.dialog.showSaveDialog({
        title: request.title,
        defaultPath: join(this.folder, request.defaultName),
        filters: [{ name: request.filterName, extensions: [...request.extensions] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (answer.canceled || !answer.filePath) return { ok: true, value: null };
      const path = withExtension(answer.filePath, request.extensions);
      this.saved.add(path);
      this.folder = dirname(path);
      return { ok: true, value: path };
    } catch (error) {
      return failure(error);
    }
  }

  showInFolder(args: readonly unknown[]): IpcEnvelope<null> {
    const [path] = args;
    if (args.length !== 1 || typeof path !== 'string' || !isAbsolute(path)) return failure(new TypeError('show in folder: one absolute path expected'));
    if (!this.saved.has(path)) return { ok: false, error: { code: 'FORBIDDEN', message: 'show in folder: only files saved through the save dialog' } };
    this.shell.showItemInFolder(path);
    return { ok: true, value: null };
  }
}

/** Binds `plandesk:files:save-dialog` and `plandesk:files:show-in-folder`; `senderAllowed` keeps them to the app's pages. */
export function bindFileDialogsToIpc(
  ipcMain: IpcMainLike,
  dialogs: FileDialogs,
  senderAllowed: (event: IpcMainInvokeEvent) => boolean,
): { channels: string[] } {
  const refused: IpcEnvelope<never> = { ok: false, error: { code: 'UNAUTHORIZED', message: 'file dialogs are only for the app pages' } };
  ipcMain.handle(IPC_SAVE_DIALOG_CHANNEL, (event: IpcMainInvokeEvent, ...args: unknown[]) => (senderAllowed(event) ? dialogs.saveDialog(args) : refused));
  ipcMain.handle(IPC_SHOW_IN_FOLDER_CHANNEL, (event: IpcMainInvokeEvent, ...args: unknown[]) => (senderAllowed(event) ? dialogs.showInFolder(args) : refused));
  return { channels: [IPC_SAVE_DIALOG_CHANNEL, IPC_SHOW_IN_FOLDER_CHANNEL] };
}
