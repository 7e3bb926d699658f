/**
 * The Electron IPC side of the contract, shared by the main process, the preload and the
 * renderer: channel names (one per contract method), the result envelope (errors cross IPC as
 * data: Electron keeps only the message of a thrown error), the bridge the preload exposes as
 * `window.plandesk`, and a PlanDeskApi over that bridge. Browser-safe: no Node imports.
 */
import { API_METHOD_NAMES, type ApiErrorCode, type ApiMethodName, type PlanDeskApi, type SyncCredentials } from './contract.js';
import { ApiError } from './wire.js';

/** The global the preload defines in the renderer: `window.plandesk`. */
export const BRIDGE_GLOBAL = 'plandesk';

export const IPC_CHANNEL_PREFIX = 'plandesk:api:';

/** Main → renderer: a menu command (language switch, …). */
export const IPC_MENU_CHANNEL = 'plandesk:menu';

export function ipcChannel(method: ApiMethodName): string {
  return `${IPC_CHANNEL_PREFIX}${method}`;
}

export type IpcEnvelope<T = unknown> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: ApiErrorCode; readonly message: string } };

/** Renderer → main: the SDI secrets kept encrypted per server URL (electron/credentials.ts); + 'get' | 'set' | 'remove'. */
export const IPC_CREDENTIALS_PREFIX = 'plandesk:credentials:';

/** `window.plandesk.credentials`: the narrow bridge to the desktop app's encrypted SDI secrets. */
export interface CredentialsBridge {
  get(url: string): Promise<IpcEnvelope<SyncCredentials | null>>;
  set(url: string, credentials: SyncCredentials): Promise<IpcEnvelope<null>>;
  remove(url: string): Promise<IpcEnvelope<null>>;
}

/** Renderer → main: the desktop app's own file dialogs (electron/file-dialogs.ts); + 'save-dialog' | 'show-in-folder'. */
export const IPC_FILES_PREFIX = 'plandesk:files:';
export const IPC_SAVE_DIALOG_CHANNEL = `${IPC_FILES_PREFIX}save-dialog`;
export const IPC_SHOW_IN_FOLDER_CHANNEL = `${IPC_FILES_PREFIX}show-in-folder`;

/** What the renderer asks the save dialog for (texts already in the user's language). */
export interface SaveDialogRequest {
  readonly title: string;
  /** A plain file name (no folder), e.g. "roads.gpkg". */
  readonly defaultName: string;
  /** The filter's label, e.g. "GeoPackage". */
  readonly filterName: string;
  /** Without dots, the first one added when the chosen name has none of them. */
  readonly extensions: readonly string[];
}

/**
 * `window.plandesk.files`: local files in the desktop app, where the core runs on the user's
 * own machine and job arguments name local paths (no uploads, no downloads).
 */
export interface FilesBridge {
  /** The local path of a file picked in an `<input type=file>` (Electron's webUtils); '' when it has none. */
  pathForFile(file: object): string;
  /** The path the user chose, or null when the dialog was cancelled. */
  saveDialog(request: SaveDialogRequest): Promise<IpcEnvelope<string | null>>;
  /** Shows a file this session saved in the system's file manager. */
  showInFolder(path: string): Promise<IpcEnvelope<null>>;
}

/** What the menu tells the renderer. */
export type MenuCommand = { readonly kind: 'language'; readonly language: 'vi' | 'en' };

/** `window.plandesk` in the desktop app. */
export interface PlanDeskBridge {
  /** The contract methods the main process serves (one IPC channel each). */
  readonly methods: readonly string[];
  call(method: string, args: readonly unknown[]): Promise<IpcEnvelope>;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
  /** The SDI secrets (desktop app only; absent in older shells). */
  readonly credentials?: CredentialsBridge;
  /** Local file paths and save dialogs (desktop app only; absent in older shells). */
  readonly files?: FilesBridge;
}

export function unwrapEnvelope<T>(envelope: IpcEnvelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiError(envelope.error.code, envelope.error.message, 0);
}

/** A PlanDeskApi whose methods go through the preload bridge. */
export function createIpcClient(bridge: PlanDeskBridge): PlanDeskApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of API_METHOD_NAMES) {
    api[name] = async (...args: unknown[]) => unwrapEnvelope(await bridge.call(name, args));
  }
  return api as unknown as PlanDeskApi;
}
