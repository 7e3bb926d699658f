/**
 * The desktop shell's security settings, as plain data: the BrowserWindow options the shell
 * passes, the CSP of the app's pages, and which URLs the window may show. No runtime import of
 * electron, so tests/unit/electron-security.test.ts asserts on these very objects.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { API_METHOD_NAMES } from '../gis-core/api/contract.js';
import { contentSecurityPolicy } from '../gis-core/server/csp.js';

/** The app is served from this privileged scheme (see app-protocol.ts), never from file:// or the network. */
export const APP_SCHEME = 'plandesk';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** The same policy as serve mode: scripts from the app only, no remote content. */
export const APP_CSP = contentSecurityPolicy();

/** How the preload learns the contract's methods (it may not import them: the sandbox allows only 'electron'). */
export const API_METHODS_ARGUMENT = `--plandesk-api-methods=${API_METHOD_NAMES.join(',')}`;

export function webPreferences(preload: string): WebPreferences {
  return {
    preload,
    additionalArguments: [API_METHODS_ARGUMENT],
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export function mainWindowOptions(preload: string, title = 'PlanDesk'): BrowserWindowConstructorOptions {
  return {
    title,
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: '#f4f4f2',
    webPreferences: webPreferences(preload),
  };
}

/** Whether the window may show `url`: only pages of the app itself. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Whether a request of the app's pages may load: the app's own files, and inline data/blob
 * URLs (canvas symbols). Everything else — http(s) included — is cancelled: no remote content.
 */
export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  return url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools:');
}

/** Permissions the app never needs (camera, geolocation, notifications …): all refused. */
export function permissionAllowed(_permission: string): boolean {
  return false;
}

// ---------------------------------------------------------------------------------------------
// Kiosk mode (`plandesk start --kiosk`, docs/KIOSK.md): the public planning kiosk in a locked
// window. The window shows only the kiosk page of the kiosk server (`serve --kiosk`, which
// serves the kiosk's narrow API, capped and rate-limited); nothing else is reachable.
// ---------------------------------------------------------------------------------------------

/**
 * Kiosk window: full screen, Electron's kiosk mode, no menu, no devtools. No preload: the kiosk
 * page has no IPC bridge and talks HTTP to its kiosk server only (the server's route list, caps
 * and rate limit are the one gate, as for a browser kiosk).
 */
export function kioskWindowOptions(title = 'Tra cứu thông tin quy hoạch'): BrowserWindowConstructorOptions {
  const { preload: _none, additionalArguments: _noArguments, ...isolated } = webPreferences('');
  return {
    ...mainWindowOptions('', title),
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    minimizable: false,
    webPreferences: { ...isolated, devTools: false },
  };
}

/** The kiosk page on the kiosk server (`serve --kiosk` redirects `/` to it with its idle time). */
export function kioskEntry(serverUrl: string): string {
  return new URL('/', serverUrl).href;
}

/** Whether the kiosk window may show `url`: the kiosk page of its own server only (any query). */
export function isKioskPageUrl(url: string, serverUrl: string): boolean {
  try {
    const parsed = new URL(url);
    const server = new URL(serverUrl);
    return parsed.origin === server.origin && (parsed.pathname === '/' || parsed.pathname === '/kiosk.html');
  } catch {
    return false;
  }
}

/** Whether a kiosk page request may load: its server (page, assets, kiosk API) and inline data/blob URLs. */
export function isKioskRequest(url: string, serverUrl: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).origin === new URL(serverUrl).origin;
  } catch {
    return false;
  }
}

/** Electron's `before-input-event` input, as far as the kiosk looks at it. */
export interface KioskKeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

/** Keys the kiosk window swallows: devtools, reload, back/forward, close, new window, print dialog, zoom, full screen. */
export function kioskKeyBlocked(input: KioskKeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (['f1', 'f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh'].includes(key)) return true;
  if (input.alt && ['arrowleft', 'arrowright', 'f4', 'home'].includes(key)) return true;
  if (mod && input.shift && ['i', 'j', 'c', 'r', 'n', 'w', 'delete'].includes(key)) return true;
  return mod && ['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'u', 'l', 'f', '+', '-', '=', '0'].includes(key);
}
