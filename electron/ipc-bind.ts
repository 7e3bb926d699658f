/**
 * Binds the API contract to Electron IPC: one `ipcMain.handle` channel per method of
 * API_METHODS, arguments checked (count, plain JSON values) before they reach the service, and
 * every result or failure returned as an envelope. No runtime import of electron.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { API_METHODS, API_METHOD_NAMES, type ApiMethodName, type PlanDeskApi } from '../gis-core/api/contract.js';
import { ipcChannel, type IpcEnvelope } from '../gis-core/api/ipc.js';
import { isPlanDeskError } from '../gis-core/errors.js';
import { ApiError } from '../gis-core/api/wire.js';

const MAX_DEPTH = 32;

/** Plain JSON: null, booleans, finite numbers, strings, arrays and plain objects of those. */
export function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJsonValue(v, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(value as Record<string, unknown>).every((v) => v === undefined || isJsonValue(v, depth + 1));
  }
  return false;
}

/** The reason `args` cannot be passed to `method`, or undefined when they can. */
export function ipcArgsProblem(method: ApiMethodName, args: readonly unknown[]): string | undefined {
  const { arity } = API_METHODS[method];
  if (args.length > arity) return `${method} takes at most ${arity} argument(s), got ${args.length}`;
  const bad = args.findIndex((a) => a !== undefined && !isJsonValue(a));
  return bad >= 0 ? `argument ${bad + 1} of ${method} is not plain JSON` : undefined;
}

export async function callApi(api: PlanDeskApi | undefined, method: ApiMethodName, args: readonly unknown[]): Promise<IpcEnvelope> {
  const problem = ipcArgsProblem(method, args);
  if (problem) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: problem } };
  if (!api) return { ok: false, error: { code: 'INTERNAL', message: 'no project is open' } };
  try {
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    return { ok: true, value: await fn.apply(api, [...args]) };
  } catch (error) {
    if (isPlanDeskError(error) || error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } };
    return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
  }
}

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/**
 * Registers one handler per contract method. `senderAllowed` decides whether the calling frame
 * may use the API (the app's own pages only). Returns the channel names (and unbinding).
 */
export function bindApiToIpc(
  ipcMain: IpcMainLike,
  getApi: () => PlanDeskApi | undefined,
  senderAllowed: (event: IpcMainInvokeEvent) => boolean,
): { channels: string[]; unbind(): void } {
  const channels = API_METHOD_NAMES.map((method) => {
    const channel = ipcChannel(method);
    ipcMain.handle(channel, (event, ...args: unknown[]): Promise<IpcEnvelope> => {
      if (!senderAllowed(event)) return Promise.resolve({ ok: false, error: { code: 'UNAUTHORIZED', message: 'not an app page' } });
      return callApi(getApi(), method, args);
    });
    return channel;
  });
  return { channels, unbind: () => channels.forEach((c) => ipcMain.removeHandler(c)) };
}
