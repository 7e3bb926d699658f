/**
 * The preload of the main window (sandboxed: it may require only 'electron'). It exposes
 * `window.plandesk` through contextBridge: a `call` per contract method over IPC and menu
 * events. The renderer never gets Node, ipcRenderer or any Electron object. The method list
 * comes from the main process (generated from the contract's API_METHODS) as an argument.
 * Names here must match gis-core/api/ipc.ts (a unit test checks it).
 */
// Sandboxed preloads are CommonJS and may require only 'electron'.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');

const CHANNEL_PREFIX = 'plandesk:api:';
const MENU_CHANNEL = 'plandesk:menu';
const CREDENTIALS_PREFIX = 'plandesk:credentials:';
const FILES_PREFIX = 'plandesk:files:';
const METHODS_ARG = '--plandesk-api-methods=';

const methods = (process.argv.find((a) => a.startsWith(METHODS_ARG)) ?? METHODS_ARG)
  .slice(METHODS_ARG.length)
  .split(',')
  .filter((m) => /^[a-zA-Z]+$/.test(m));

electron.contextBridge.exposeInMainWorld('plandesk', {
  methods,
  call(method: unknown, args: unknown): Promise<unknown> {
    if (typeof method !== 'string' || !methods.includes(method)) {
      return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `no API method ${String(method)}` } });
    }
    return electron.ipcRenderer.invoke(CHANNEL_PREFIX + method, ...(Array.isArray(args) ? args : []));
  },
  onMenu(listener: unknown): () => void {
    if (typeof listener !== 'function') return () => {};
    const handler = (_event: unknown, command: unknown) => (listener as (c: unknown) => void)(command);
    electron.ipcRenderer.on(MENU_CHANNEL, handler);
    return () => electron.ipcRenderer.removeListener(MENU_CHANNEL, handler);
  },
  // The SDI secrets, encrypted by the main process (electron/credentials.ts); plain JSON only.
  credentials: {
    get: (url: unknown): Promise<unknown> => electron.ipcRenderer.invoke(CREDENTIALS_PREFIX + 'get', String(url)),
    set: (url: unknown, credentials: unknown): Promise<unknown> =>
      electron.ipcRenderer.invoke(CREDENTIALS_PREFIX + 'set', String(url), JSON.parse(JSON.stringify(credentials ?? null)) as unknown),
    remove: (url: unknown): Promise<unknown> => electron.ipcRenderer.invoke(CREDENTIALS_PREFIX + 'remove', String(url)),
  },
  // Local files (electron/file-dialogs.ts): the path of a picked file, the save dialog, show in folder.
  files: {
    pathForFile(file: unknown): string {
      try {
        return electron.webUtils.getPathForFile(file as Parameters<typeof electron.webUtils.getPathForFile>[0]);
      } catch {
        return '';
      }
    },
    saveDialog: (request: unknown): Promise<unknown> =>
      electron.ipcRenderer.invoke(FILES_PREFIX + 'save-dialog', JSON.parse(JSON.stringify(request ?? null)) as unknown),
    showInFolder: (path: unknown): Promise<unknown> => electron.ipcRenderer.invoke(FILES_PREFIX + 'show-in-folder', String(path)),
  },
});
