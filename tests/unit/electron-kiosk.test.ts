/**
 * The desktop shell's kiosk window (electron/security.ts), asserted on the very objects the shell
 * passes to Electron: locked full screen, no devtools, no preload bridge, only the kiosk page of
 * its own server, the shortcuts that leave a kiosk swallowed.
 */
import { describe, expect, it } from 'vitest';
import { isKioskPageUrl, isKioskRequest, kioskEntry, kioskKeyBlocked, kioskWindowOptions } from '../../electron/security.js';

const SERVER = 'http://127.0.0.1:43210/';

describe('kiosk window options', () => {
  const options = kioskWindowOptions();
  const prefs = options.webPreferences ?? {};

  it('is a locked full-screen kiosk without menu or devtools', () => {
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(prefs.devTools).toBe(false);
  });

  it('keeps the renderer isolated and gives it no IPC bridge (HTTP to the kiosk server only)', () => {
    expect(prefs).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true, webviewTag: false, navigateOnDragDrop: false });
    expect(prefs.preload).toBeUndefined();
    expect(prefs.additionalArguments).toBeUndefined();
  });
});

describe('kiosk navigation', () => {
  it('shows only the kiosk page of its own server', () => {
    expect(kioskEntry(SERVER)).toBe('http://127.0.0.1:43210/');
    expect(isKioskPageUrl('http://127.0.0.1:43210/kiosk.html?idle=120', SERVER)).toBe(true);
    expect(isKioskPageUrl('http://127.0.0.1:43210/', SERVER)).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:43211/kiosk.html', 'http://127.0.0.1:43210/index.html', 'file:///etc/passwd', 'plandesk://app/index.html', 'javascript:alert(1)', 'not a url']) {
      expect({ url, allowed: isKioskPageUrl(url, SERVER) }).toEqual({ url, allowed: false });
    }
  });

  it('loads only from its server and inline data', () => {
    expect(isKioskRequest('http://127.0.0.1:43210/api/planning/lookup?by=plan&code=OM-01', SERVER)).toBe(true);
    expect(isKioskRequest('blob:http://127.0.0.1:43210/1234', SERVER)).toBe(true);
    expect(isKioskRequest('https://tile.openstreetmap.org/1/1/1.png', SERVER)).toBe(false);
    expect(isKioskRequest('http://localhost:43210/api/project', SERVER)).toBe(false);
  });
});

describe('kiosk keys', () => {
  const key = (k: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) =>
    kioskKeyBlocked({ type: 'keyDown', key: k, control: false, meta: false, alt: false, shift: false, ...mods });

  it('swallows devtools, reload, history, close and new-window shortcuts', () => {
    expect(key('F12')).toBe(true);
    expect(key('I', { control: true, shift: true })).toBe(true);
    expect(key('r', { control: true })).toBe(true);
    expect(key('F5')).toBe(true);
    expect(key('ArrowLeft', { alt: true })).toBe(true);
    expect(key('F4', { alt: true })).toBe(true);
    expect(key('w', { control: true })).toBe(true);
    expect(key('n', { meta: true })).toBe(true);
    expect(key('p', { control: true })).toBe(true);
  });

  it('lets typing through', () => {
    for (const k of ['a', '4', 'Backspace', 'Enter', 'ArrowLeft', 'ư']) expect({ k, blocked: key(k) }).toEqual({ k, blocked: false });
    expect(kioskKeyBlocked({ type: 'keyUp', key: 'F12', control: false, meta: false, alt: false, shift: false })).toBe(false);
  });
});
