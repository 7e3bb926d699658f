/**
 * The Electron main process, for real: it runs when the Electron binary is installed and is
 * skipped (saying why) where it is not — on our build machines the binary cannot be downloaded
 * (ELECTRON_SKIP_BINARY_DOWNLOAD). Needs the build (npm run build: dist/electron, dist/gis-core).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../gis-core/server/app-window.js';
import { buildFixtureProject } from '../helpers/api-fixture.js';
import { tempDir } from '../helpers/temp.js';

const electron = electronBinary();
const MAIN = fileURLToPath(new URL('../../dist/electron/main.js', import.meta.url));
const SKIP_REASON = 'Electron binary not installed — ELECTRON_SKIP_BINARY_DOWNLOAD';
if (!electron) console.info(`tests/electron/main.test.ts: skipped: ${SKIP_REASON}`);

describe('desktop shell', () => {
  let app: ElectronApplication | undefined;
  afterAll(async () => {
    await app?.close();
  });

  it.skipIf(!electron)(`electron main process${electron ? '' : ` (skipped: ${SKIP_REASON})`}`, async () => {
    expect(existsSync(MAIN), 'dist/electron/main.js: run npm run build first').toBe(true);
    const dir = tempDir('plandesk-electron-');
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>shell test</title><script type="module" src="./assets/app.js"></script>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'document.title = "loaded " + typeof window.plandesk;');
    const file = buildFixtureProject('electron');

    app = await _electron.launch({
      executablePath: electron ?? '',
      args: [MAIN, file],
      env: { ...process.env, PLANDESK_RENDERER_DIR: renderer, PLANDESK_USER_DATA: join(dir, 'user-data'), PLANDESK_NODE: process.execPath },
    });
    const page = await app.firstWindow();
    await page.waitForFunction(() => (globalThis as unknown as { document: { title: string } }).document.title === 'loaded object');
    expect(page.url()).toMatch(/^plandesk:\/\/app\/index\.html\?lang=vi$/);

    // The settings themselves are asserted on the options object in tests/unit/electron-security.test.ts;
    // here their effect: the page has no Node, only the bridge.
    expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual([
      'undefined',
      'undefined',
    ]);
    const project = await page.evaluate(() => (globalThis as unknown as { plandesk: { call(m: string, a: unknown[]): Promise<unknown> } }).plandesk.call('project', []));
    expect(project).toMatchObject({ ok: true, value: { name: 'Dự án thử API' } });
    const search = await page.evaluate(() => (globalThis as unknown as { plandesk: { call(m: string, a: unknown[]): Promise<unknown> } }).plandesk.call('search', ['12/345', {}]));
    expect(search).toMatchObject({ ok: true, value: { hits: [{ title: { vi: 'Tờ 12, thửa 345' } }] } });

    // The CSP comes with the app's pages.
    const csp = await page.evaluate(async () => (await fetch('plandesk://app/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");

    // No new windows, no navigation away, no remote content.
    expect(await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/') === null)).toBe(true);
    const prevented = await app.evaluate(
      ({ BrowserWindow }) =>
        new Promise<boolean>((resolve) => {
          const contents = BrowserWindow.getAllWindows()[0]?.webContents;
          contents?.once('will-navigate', (event) => setImmediate(() => resolve(event.defaultPrevented)));
          void contents?.executeJavaScript("location.href = 'https://example.com/'");
        }),
    );
    expect(prevented).toBe(true);
    const remote = await page.evaluate(() => fetch('https://example.com/').then(() => 'loaded', () => 'blocked'));
    expect(remote).toBe('blocked');
    expect((await app.windows()).length).toBe(1);
  });
});
