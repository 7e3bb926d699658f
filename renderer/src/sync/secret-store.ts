/**
 * Where the SDI secret lives while the app runs. Always in memory for this session (never in
 * the project, never in localStorage); in the desktop app, when asked to remember it, also
 * encrypted on this computer through the preload bridge (electron/credentials.ts, Electron
 * safeStorage). In `plandesk serve` a page reload forgets it: the user types it again.
 */
import type { SyncCredentials } from '../../../gis-core/api/contract.js';
import { BRIDGE_GLOBAL, unwrapEnvelope, type CredentialsBridge, type PlanDeskBridge } from '../../../gis-core/api/ipc.js';

export interface SecretStore {
  /** True in the desktop app: the secret can be kept encrypted between runs. */
  readonly persistent: boolean;
  get(url: string): Promise<SyncCredentials | null>;
  set(url: string, credentials: SyncCredentials, remember: boolean): Promise<void>;
  forget(url: string): Promise<void>;
}

/** This session's secrets by server URL (module state: closing the panel keeps them). */
const memory = new Map<string, SyncCredentials>();

function desktopBridge(): CredentialsBridge | undefined {
  const bridge = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] as PlanDeskBridge | undefined;
  const credentials = bridge?.credentials;
  return credentials && typeof credentials.get === 'function' ? credentials : undefined;
}

export function secretStore(): SecretStore {
  const bridge = desktopBridge();
  return {
    persistent: bridge !== undefined,
    async get(url) {
      const held = memory.get(url);
      if (held) return held;
      if (!bridge) return null;
      const stored = unwrapEnvelope(await bridge.get(url));
      if (stored) memory.set(url, stored);
      return stored;
    },
    async set(url, credentials, remember) {
      memory.set(url, credentials);
      if (!bridge) return;
      unwrapEnvelope(remember ? await bridge.set(url, credentials) : await bridge.remove(url));
    },
    async forget(url) {
      memory.delete(url);
      if (bridge) unwrapEnvelope(await bridge.remove(url));
    },
  };
}
