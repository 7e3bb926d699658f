/**
 * The renderer's one way to the core, as gis-core/api/connect.ts makes it: the Electron preload
 * bridge (`window.plandesk`) in the desktop app, HTTP in `plandesk serve`. Both implement the same
 * contract, so nothing else in the renderer knows which transport it has.
 */
import { connectApi, type ApiConnection } from '../../../gis-core/api/connect.js';

export type ApiClient = ApiConnection;

export function createApiClient(): ApiClient {
  return connectApi(window as unknown as Parameters<typeof connectApi>[0]);
}
