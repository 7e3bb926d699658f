/**
 * The desktop shell in kiosk mode (`plandesk start --kiosk`): one locked, full-screen window on
 * the kiosk page of a `serve --kiosk` server the parent process runs (its URL comes as
 * `--kiosk-server=URL`). Thin on purpose: no core, no IPC, no menu; the server is the one gate
 * (kiosk route list, caps, rate limit), and the window options and URL rules are in
 * security.ts, unit-tested without Electron.
 */
import { app, BrowserWindow, Menu, session } from 'electron';
import { isKioskPageUrl, isKioskRequest, kioskEntry, kioskKeyBlocked, kioskWindowOptions, permissionAllowed } from './security.js';

const serverUrl = process.argv.find((a) => a.startsWith('--kiosk-server='))?.slice('--kiosk-server='.length);
if (!serverUrl) {
  process.stderr.write('plandesk kiosk shell: --kiosk-server=URL is required\n');
  process.exit(2);
}
const server: string = serverUrl;

app.enableSandbox();
Menu.setApplicationMenu(null);

function lockDown(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isKioskRequest(details.url, server) }));
  ses.on('will-download', (event) => event.preventDefault());
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isKioskPageUrl(url, server)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isKioskPageUrl(url, server)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('before-input-event', (event, input) => {
      if (kioskKeyBlocked(input)) event.preventDefault();
    });
  });
}

void app.whenReady().then(async () => {
  lockDown();
  const win = new BrowserWindow(kioskWindowOptions());
  win.once('ready-to-show', () => win.show());
  await win.loadURL(kioskEntry(server));
});

app.on('window-all-closed', () => app.quit());
