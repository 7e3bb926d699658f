/**
 * The renderer's one way to the core: the preload bridge in the desktop app, HTTP (same
 * origin, with the `?token=` of the page URL when there is one) in serve mode.
 * Browser-safe: no Node imports.
 */
import type { PlanDeskApi } from './contract.js';
import { createHttpClient } from './http-client.js';
import { BRIDGE_GLOBAL, createIpcClient, type PlanDeskBridge } from './ipc.js';

export interface ApiConnection {
  readonly api: PlanDeskApi;
  readonly transport: 'ipc' | 'http';
  /** The preload bridge (menu commands) in the desktop app; undefined in a browser. */
  readonly bridge?: PlanDeskBridge;
}

export function connectApi(scope: { readonly location?: { readonly search: string; readonly origin: string } } & Record<string, unknown> = globalThis as never): ApiConnection {
  const bridge = scope[BRIDGE_GLOBAL] as PlanDeskBridge | undefined;
  if (bridge && typeof bridge.call === 'function') return { api: createIpcClient(bridge), transport: 'ipc', bridge };
  const token = scope.location ? new URLSearchParams(scope.location.search).get('token') : null;
  return {
    api: createHttpClient({ baseUrl: scope.location?.origin ?? '', ...(token ? { token } : {}) }),
    transport: 'http',
  };
}
