/**
 * The import wizard, the export and the print dialogs as the desktop app runs them, in Chromium
 * without Electron: the page gets a `window.plandesk` bridge as electron/preload.cts gives it —
 * `call` reaches the core (here `plandesk serve` on this test's copy of the demo, started with
 * `--files-root` on the test's folder so that, like the desktop core, it reads and writes the
 * local paths it is given), `files.pathForFile` answers the picked files' paths on this disk
 * (what Electron's webUtils does), and `files.saveDialog` answers as the user in the main
 * process's save dialog would (electron/file-dialogs.ts is unit-tested on its own). Nothing may
 * be uploaded or downloaded: the core reads the picked files where they are and writes where
 * the save dialog said.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { API_METHOD_NAMES, type LayerInfo, type PlanDeskApi } from '../../gis-core/api/contract.js';
import { createHttpClient } from '../../gis-core/api/http-client.js';
import type { IpcEnvelope, SaveDialogRequest } from '../../gis-core/api/ipc.js';
import { TCVN3_ROAD_NAMES, tcvn3RoadsShapefile } from '../helpers/tcvn3-roads.js';
import { keepScreenshot, waitIdle } from './app.js';
import { BUNDLED_DEMO, serve, type Served } from './serve.js';

interface Desktop {
  readonly dir: string;
  readonly server: Served;
  readonly api: PlanDeskApi;
  /** What the save dialog was asked, in order. */
  readonly asked: SaveDialogRequest[];
  /** What the user answers to the next save dialogs (a path, or null: Cancel). */
  readonly answers: (string | null)[];
  readonly shownInFolder: string[];
  /** Requests to the upload and download routes (there must be none). */
  readonly transfers: string[];
}

async function openDesktop(page: Page): Promise<Desktop> {
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-desktop-files-e2e-'));
  const file = join(dir, 'du-an.plandesk.sqlite');
  copyFileSync(process.env.PLANDESK_E2E_FILE ?? BUNDLED_DEMO, file);
  const server = await serve(file, ['--files-root', dir]);
  const api = createHttpClient({ baseUrl: server.url });
  const desktop: Desktop = { dir, server, api, asked: [], answers: [], shownInFolder: [], transfers: [] };
  page.on('request', (r) => {
    if (/\/api\/uploads|\/download\b/.test(r.url())) desktop.transfers.push(`${r.method()} ${r.url()}`);
  });
  await page.exposeFunction('__plandeskCall', async (method: string, args: unknown[]): Promise<IpcEnvelope> => {
    try {
      const fn = (api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!;
      return { ok: true, value: (await fn(...args)) ?? null };
    } catch (error) {
      const e = error as { code?: string; message?: string };
      return { ok: false, error: { code: (e.code ?? 'INTERNAL') as never, message: e.message ?? String(error) } };
    }
  });
  await page.exposeFunction('__plandeskSaveDialog', (request: SaveDialogRequest): IpcEnvelope<string | null> => {
    desktop.asked.push(request);
    return { ok: true, value: desktop.answers.shift() ?? null };
  });
  await page.exposeFunction('__plandeskShowInFolder', (path: string): IpcEnvelope<null> => {
    desktop.shownInFolder.push(path);
    return { ok: true, value: null };
  });
  await page.addInitScript(
    ({ methods }) => {
      // Runs in the page (the test's tsconfig has no DOM types: the page's globals through globalThis).
      const page = globalThis as unknown as Record<string, unknown> & {
        __localPaths?: Record<string, string>;
        localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
      };
      const w = page as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      page.plandesk = {
        methods,
        call: (method: string, args: unknown[]) => w.__plandeskCall!(method, args),
        onMenu: () => () => {},
        files: {
          // Electron's webUtils.getPathForFile: here the test says where each picked file lies (setLocalPaths).
          pathForFile: (file: { name: string }) => page.__localPaths?.[file.name] ?? '',
          saveDialog: (request: unknown) => w.__plandeskSaveDialog!(request),
          showInFolder: (path: string) => w.__plandeskShowInFolder!(path),
        },
      };
      if (!page.localStorage.getItem('plandesk.lang')) page.localStorage.setItem('plandesk.lang', 'vi');
    },
    { methods: [...API_METHOD_NAMES] },
  );
  await page.goto(server.url);
  await waitIdle(page);
  return desktop;
}

/** The local paths of the files the user will pick (by name). */
async function setLocalPaths(page: Page, files: readonly string[]): Promise<void> {
  await page.evaluate((paths) => {
    (globalThis as unknown as { __localPaths?: Record<string, string> }).__localPaths = paths;
  }, Object.fromEntries(files.map((f) => [basename(f), f])));
}

async function close(desktop: Desktop): Promise<void> {
  await desktop.server.stop();
  rmSync(desktop.dir, { recursive: true, force: true });
}

test('desktop app: the import wizard reads the picked shapefile where it is, no upload', async ({ page }) => {
  const desktop = await openDesktop(page);
  try {
    const roads = (await desktop.api.layers()).find((l: LayerInfo) => l.id === 'roads')!;
    // A shapefile in a folder of the user's disk (the core's files root here), beside the demo city.
    const source = join(desktop.dir, 'Dữ liệu nhận');
    mkdirSync(source);
    const files = tcvn3RoadsShapefile(source, 'duong_tcvn3', [roads.extent![0] - 400, roads.extent![1] - 400]);
    await setLocalPaths(page, files);

    await page.getByTestId('menu-file').click();
    await page.getByTestId('tool-import').click();
    await expect(page.getByTestId('import-wizard')).toBeVisible();
    await page.getByTestId('io-file-input').setInputFiles(files);
    await expect(page.getByTestId('io-step-preview')).toBeVisible();
    await expect(page.getByTestId('io-source-summary')).toContainText('3 đối tượng');
    await page.getByTestId('io-next').click();
    await expect(page.getByTestId('io-crs-detected')).toContainText('EPSG:5897');
    await page.getByTestId('io-next').click();
    await page.getByTestId('io-encoding').selectOption('tcvn3');
    for (const name of TCVN3_ROAD_NAMES) await expect(page.getByTestId('io-preview-table')).toContainText(name);
    await page.getByTestId('io-next').click();
    await page.getByTestId('io-target-layer').selectOption('roads');
    await page.getByTestId('io-import-start').click();
    await expect(page.getByTestId('io-import-result')).toHaveAttribute('data-imported', '3');
    await keepScreenshot(page, 'desktop-import-result');
    expect(desktop.transfers).toEqual([]);

    // A picked file that is not on this disk (no path): said plainly, nothing read.
    await page.getByTestId('io-back-to-mapping').click();
    await page.getByTestId('import-close').click();
    await page.getByTestId('menu-file').click();
    await page.getByTestId('tool-import').click();
    await page.getByTestId('io-file-input').setInputFiles({ name: 'khong-co.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{}') });
    await expect(page.getByTestId('io-error')).toContainText('Không lấy được đường dẫn của tệp “khong-co.geojson”');
    await keepScreenshot(page, 'desktop-import-no-path');
  } finally {
    await close(desktop);
  }
});

test('desktop app: export and print write where the save dialog says; Cancel starts nothing', async ({ page }) => {
  const desktop = await openDesktop(page);
  try {
    const layers = await desktop.api.layers();
    const hydrants = layers.find((l: LayerInfo) => l.id === 'water_hydrants')!;
    const outDir = join(desktop.dir, 'Xuất dữ liệu');
    mkdirSync(outDir);

    await page.getByTestId('menu-file').click();
    await page.getByTestId('tool-export').click();
    await page.getByTestId('export-layer').selectOption('water_hydrants');
    await page.getByTestId('export-format').selectOption('gpkg');
    await expect(page.getByTestId('export-run')).toHaveText('Xuất ra tệp…');
    // Cancel in the save dialog: no job.
    desktop.answers.push(null);
    await page.getByTestId('export-run').click();
    await expect.poll(() => desktop.asked.length).toBe(1);
    expect(desktop.asked[0]).toMatchObject({ defaultName: 'water_hydrants.gpkg', extensions: ['gpkg'], title: 'Xuất dữ liệu — lưu thành tệp' });
    await expect(page.getByTestId('export-progress')).toHaveCount(0);
    await expect(page.getByTestId('export-done')).toHaveCount(0);
    expect(await desktop.api.jobList()).toEqual([]);

    const gpkg = join(outDir, 'trụ cứu hỏa.gpkg');
    desktop.answers.push(gpkg);
    await page.getByTestId('export-run').click();
    await expect(page.getByTestId('export-done')).toContainText(`Đã xuất ${hydrants.featureCount} đối tượng`);
    await expect(page.getByTestId('export-path')).toHaveText(`Đã lưu: ${gpkg}`);
    await keepScreenshot(page, 'desktop-export-done');
    expect(execFileSync('ogrinfo', ['-so', gpkg, 'water_hydrants'], { encoding: 'utf8' })).toContain(`Feature Count: ${hydrants.featureCount}`);
    await page.getByTestId('export-show-in-folder').click();
    await expect.poll(() => desktop.shownInFolder).toEqual([gpkg]);
    await page.getByTestId('export-close').click();

    await page.getByTestId('menu-file').click();
    await page.getByTestId('tool-print').click();
    await page.getByTestId('print-title-planName').fill('Quy hoạch chi tiết khu đô thị mẫu');
    const pdf = join(outDir, 'bản vẽ.pdf');
    desktop.answers.push(pdf);
    await page.getByTestId('print-export-pdf').click();
    await expect.poll(() => desktop.asked.at(-1)).toMatchObject({ defaultName: 'quy-hoach-chi-tiet-khu-do-thi-mau.pdf', extensions: ['pdf'], filterName: 'Tài liệu PDF' });
    await expect(page.getByTestId('print-path')).toHaveText(`Tệp: ${pdf}`);
    await expect(page.getByTestId('print-download-again')).toHaveCount(0);
    await page.getByTestId('print-path').scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'desktop-print-done');
    expect(existsSync(pdf)).toBe(true);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByTestId('print-show-in-folder').click();
    await expect.poll(() => desktop.shownInFolder).toEqual([gpkg, pdf]);
    expect(desktop.transfers).toEqual([]);
  } finally {
    await close(desktop);
  }
});
