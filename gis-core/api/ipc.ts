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
