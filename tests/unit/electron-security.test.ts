/**
 * The desktop shell's security settings, asserted on the very objects the shell passes to
 * Electron (electron/security.ts has no runtime import of electron, so this runs without it).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_METHOD_NAMES } from '../../gis-core/api/contract.js';
import { BRIDGE_GLOBAL, IPC_CHANNEL_PREFIX, IPC_MENU_CHANNEL } from '../../gis-core/api/ipc.js';
import {
  API_METHODS_ARGUMENT,
  APP_CSP,
  APP_ENTRY,
  isAllowedRequest,
  isAppUrl,
  mainWindowOptions,
  permissionAllowed,
} from '../../electron/security.js';

const source = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('BrowserWindow options of the main window', () => {
  const options = mainWindowOptions('/app/dist/electron/preload.cjs');
  const prefs = options.webPreferences ?? {};

  it('isolates the renderer: context isolation, no Node, sandbox, web security', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });

  it('tells the preload every contract method, and nothing else', () => {
    expect(prefs.additionalArguments).toEqual([API_METHODS_ARGUMENT]);
    expect(API_METHODS_ARGUMENT).toBe(`--plandesk-api-methods=${API_METHOD_NAMES.join(',')}`);
  });

  it('is the object main.ts passes to BrowserWindow', () => {
    const main = source('electron/main.ts');
    expect(main).toContain('new BrowserWindow(mainWindowOptions(PRELOAD))');
    expect(main.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(main).toContain("app.enableSandbox()");
  });
});

describe('content security policy of the app pages', () => {
  const directives = new Map(APP_CSP.split(';').map((d) => {
    const [name = '', ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  }));

  it('allows scripts from the app only: no inline, no eval, no remote', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('names no remote origin anywhere', () => {
    expect(APP_CSP).not.toMatch(/https?:|\*/);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('navigation and requests', () => {
  it('the window shows app pages only', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('plandesk://app/map?lang=en')).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'plandesk://other/', 'javascript:alert(1)', 'not a url']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('no remote content is loaded, and no permission is granted', () => {
    expect(isAllowedRequest('plandesk://app/assets/app.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('https://tile.openstreetmap.org/1/1/1.png')).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:8080/api/project')).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(permissionAllowed(permission)).toBe(false);
    }
  });

  it('main.ts denies new windows, foreign navigation, webviews and permissions', () => {
    const main = source('electron/main.ts');
    expect(main).toContain("setWindowOpenHandler(() => ({ action: 'deny' }))");
    expect(main).toMatch(/will-navigate[\s\S]*?if \(!isAppUrl\(url\)\) event\.preventDefault\(\)/);
    expect(main).toContain('will-attach-webview');
    expect(main).toContain('cancel: !isAllowedRequest(details.url)');
    expect(main).toContain('setPermissionRequestHandler');
  });
});

describe('the preload', () => {
  const preload = source('electron/preload.cts');

  it('uses the channel names and global of gis-core/api/ipc.ts', () => {
    expect(preload).toContain(`const CHANNEL_PREFIX = '${IPC_CHANNEL_PREFIX}';`);
    expect(preload).toContain(`const MENU_CHANNEL = '${IPC_MENU_CHANNEL}';`);
    expect(preload).toContain(`exposeInMainWorld('${BRIDGE_GLOBAL}'`);
    expect(preload).toContain(`const METHODS_ARG = '${API_METHODS_ARGUMENT.split('=')[0]}=';`);
  });

  it('requires nothing but electron and hands the page no Electron object', () => {
    const requires = [...preload.matchAll(/require\(['"]([^'"]+)['"]\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
    expect(preload).not.toMatch(/^import (?!electron = require|type )/m);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
  });
});
