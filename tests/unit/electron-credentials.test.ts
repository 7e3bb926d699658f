/**
 * The desktop app's SDI secrets (electron/credentials.ts) without Electron: a safeStorage-like
 * object doing real AES-256-GCM with a key of its own stands in for the OS keychain, ipcMain is
 * a recorder. The file lives in a temporary user data folder.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IPC_CREDENTIALS_PREFIX, type IpcEnvelope } from '../../gis-core/api/ipc.js';
import { bindCredentialsToIpc, credentialsFile, CredentialStore, serverKey, type SafeStorageLike } from '../../electron/credentials.js';
import type { IpcMainLike } from '../../electron/ipc-bind.js';
import { tempDir } from '../helpers/temp.js';

/** Encrypts for real (AES-256-GCM, its own key), as safeStorage does with the OS key. */
function aesStorage(available = true): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const SERVER = 'http://sdi.dongthap.gov.vn/qgis/ows?MAP=quy_hoach';

describe('SDI credentials store', () => {
  const dir = tempDir();

  it('keeps the secret per server, encrypted, and reads it back', () => {
    const file = credentialsFile(join(dir, 'user-data-1'));
    const store = new CredentialStore(file, aesStorage());
    expect(store.get(SERVER)).toBeNull();
    store.set(SERVER, { username: 'cán_bộ', password: 'Mật-khẩu-bí-mật-42' });
    store.set('https://other.example/wfs3/', { token: 'tok-abc-123' });
    expect(store.get(SERVER)).toEqual({ username: 'cán_bộ', password: 'Mật-khẩu-bí-mật-42' });
    expect(store.get('https://OTHER.example/wfs3/#x')).toEqual({ token: 'tok-abc-123' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('Mật-khẩu-bí-mật-42');
    expect(text).not.toContain('tok-abc-123');
    expect(text).not.toContain('cán_bộ');
    expect(Object.keys((JSON.parse(text) as { servers: object }).servers)).toEqual([serverKey(SERVER), 'https://other.example/wfs3/']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('forgets a server, and reads nothing from another key or a damaged file', () => {
    const file = credentialsFile(join(dir, 'user-data-2'));
    const store = new CredentialStore(file, aesStorage());
    store.set(SERVER, { token: 't1' });
    store.remove(SERVER);
    expect(store.get(SERVER)).toBeNull();
    store.set(SERVER, { token: 't2' });
    // Another machine's key (or a reinstalled OS keychain) cannot decrypt it.
    expect(new CredentialStore(file, aesStorage()).get(SERVER)).toBeNull();
    writeFileSync(file, '{ not json');
    expect(store.get(SERVER)).toBeNull();
  });

  it('writes nothing when the system offers no encryption', () => {
    const file = credentialsFile(join(dir, 'user-data-3'));
    const store = new CredentialStore(file, aesStorage(false));
    expect(() => store.set(SERVER, { username: 'u', password: 'p' })).toThrow(/no encryption/);
    expect(existsSync(file)).toBe(false);
  });
});

describe('SDI credentials over IPC', () => {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => IpcEnvelope>();
  const ipcMain: IpcMainLike = {
    handle: (channel: string, listener: unknown) => void handlers.set(channel, listener as never),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const appFrame = { senderFrame: { url: 'plandesk://app/index.html' } } as unknown as IpcMainInvokeEvent;
  const foreignFrame = { senderFrame: { url: 'https://example.com/' } } as unknown as IpcMainInvokeEvent;
  const store = new CredentialStore(credentialsFile(join(tempDir(), 'user-data')), aesStorage());
  const { channels } = bindCredentialsToIpc(ipcMain, store, (event) => String(event.senderFrame?.url).startsWith('plandesk://app/'));
  const call = (operation: string, event: IpcMainInvokeEvent, ...args: unknown[]) => handlers.get(`${IPC_CREDENTIALS_PREFIX}${operation}`)!(event, ...args);

  it('binds get, set and remove, as the preload names them', () => {
    expect(channels).toEqual(['get', 'set', 'remove'].map((o) => `${IPC_CREDENTIALS_PREFIX}${o}`));
    const preload = readFileSync(new URL('../../electron/preload.cts', import.meta.url), 'utf8');
    expect(preload).toContain(`const CREDENTIALS_PREFIX = '${IPC_CREDENTIALS_PREFIX}';`);
  });

  it('stores and answers for the app pages only, with arguments checked', () => {
    expect(call('set', appFrame, SERVER, { username: 'u', password: 'p', extra: 1 })).toEqual({ ok: true, value: null });
    expect(call('get', appFrame, SERVER)).toEqual({ ok: true, value: { username: 'u', password: 'p' } });
    expect(call('get', foreignFrame, SERVER)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(call('get', appFrame, 'not a url')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(call('set', appFrame, SERVER, { password: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(call('remove', appFrame, SERVER)).toEqual({ ok: true, value: null });
    expect(call('get', appFrame, SERVER)).toEqual({ ok: true, value: null });
  });
});
