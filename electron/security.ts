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
