/**
 * The SDI secrets of the desktop app: per server URL, encrypted with Electron's `safeStorage`
 * (the OS keychain / DPAPI / libsecret key) in a file of the user data folder — never in the
 * project file, never in clear. When the OS offers no encryption nothing is written (the
 * renderer keeps the secret for the session only). Reached by the renderer only through three
 * IPC channels (get, set, remove) that answer the app's own pages. No runtime import of
 * electron: `safeStorage` and `ipcMain` are handed in, so a unit test runs it without Electron.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SyncCredentials } from '../gis-core/api/contract.js';
import { IPC_CREDENTIALS_PREFIX, type IpcEnvelope } from '../gis-core/api/ipc.js';
import type { IpcMainLike } from './ipc-bind.js';

/** What we use of Electron's `safeStorage`. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

interface CredentialsFile {
  readonly version: 1;
  /** Server key → base64 of the encrypted JSON of SyncCredentials. */
  readonly servers: Record<string, string>;
}

export function credentialsFile(userDataDir: string): string {
  return join(userDataDir, 'sdi-credentials.json');
}

/** One key per server: the URL as parsed (scheme and host folded), without a fragment. */
export function serverKey(url: string): string {
  const parsed = new URL(url.trim());
  parsed.hash = '';
  return parsed.href;
}

function cleanCredentials(value: unknown): SyncCredentials | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const out: { username?: string; password?: string; token?: string } = {};
  for (const key of ['username', 'password', 'token'] as const) if (typeof v[key] === 'string') out[key] = v[key];
  return Object.keys(out).length > 0 ? out : null;
}

export class CredentialStore {
  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
  ) {}

  private read(): CredentialsFile {
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<CredentialsFile>;
      const servers = raw.servers && typeof raw.servers === 'object' ? raw.servers : {};
      return { version: 1, servers: Object.fromEntries(Object.entries(servers).filter(([, v]) => typeof v === 'string')) };
    } catch {
      return { version: 1, servers: {} };
    }
  }

  /** Written to a temporary file (owner-only) and renamed, so a crash never leaves half a file. */
  private write(content: CredentialsFile): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.file);
  }

  /** The stored secret of a server; null when none is stored or it cannot be decrypted any more. */
  get(url: string): SyncCredentials | null {
    const stored = this.read().servers[serverKey(url)];
    if (!stored || !this.safeStorage.isEncryptionAvailable()) return null;
    try {
      return cleanCredentials(JSON.parse(this.safeStorage.decryptString(Buffer.from(stored, 'base64'))));
    } catch {
      return null;
    }
  }

  /** Throws when the OS offers no encryption: the secret is then never written. */
  set(url: string, credentials: SyncCredentials): void {
    const clean = cleanCredentials(credentials);
    if (!clean) throw new Error('no credentials to store');
    if (!this.safeStorage.isEncryptionAvailable()) throw new Error('this system offers no encryption for stored passwords (safeStorage unavailable)');
    const current = this.read();
    const encrypted = this.safeStorage.encryptString(JSON.stringify(clean)).toString('base64');
    this.write({ version: 1, servers: { ...current.servers, [serverKey(url)]: encrypted } });
  }

  remove(url: string): void {
    const current = this.read();
    const key = serverKey(url);
    if (!(key in current.servers)) return;
    const { [key]: _removed, ...servers } = current.servers;
    this.write({ version: 1, servers });
  }
}

type Operation = 'get' | 'set' | 'remove';
export const CREDENTIAL_OPERATIONS: readonly Operation[] = ['get', 'set', 'remove'];

/** Runs one bridge call on the store, arguments checked, the answer as an envelope. */
export function credentialsCall(store: CredentialStore, operation: Operation, args: readonly unknown[]): IpcEnvelope {
  const [url, credentials] = args;
  try {
    if (typeof url !== 'string' || args.length > (operation === 'set' ? 2 : 1)) throw new TypeError(`credentials ${operation}: bad arguments`);
    serverKey(url); // throws on a URL that does not parse
    if (operation === 'get') return { ok: true, value: store.get(url) };
    if (operation === 'set') {
      const clean = cleanCredentials(credentials);
      if (!clean) throw new TypeError('credentials set: no username, password or token');
      store.set(url, clean);
    } else store.remove(url);
    return { ok: true, value: null };
  } catch (error) {
    const code = error instanceof TypeError ? 'INVALID_ARGUMENT' : 'INTERNAL';
    return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } };
  }
}

/** Binds `plandesk:credentials:get|set|remove`; `senderAllowed` keeps them to the app's pages. */
export function bindCredentialsToIpc(
  ipcMain: IpcMainLike,
  store: CredentialStore,
  senderAllowed: (event: IpcMainInvokeEvent) => boolean,
): { channels: string[] } {
  const channels = CREDENTIAL_OPERATIONS.map((operation) => {
    const channel = `${IPC_CREDENTIALS_PREFIX}${operation}`;
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]): IpcEnvelope => {
      if (!senderAllowed(event)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'credentials are only for the app pages' } };
      return credentialsCall(store, operation, args);
    });
    return channel;
  });
  return { channels };
}
