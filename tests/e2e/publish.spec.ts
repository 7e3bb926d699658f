/**
 * The web map package: publish the demo with `plandesk publish`, serve the folder with a plain
 * static server (Python's http.server — nothing of PlanDesk runs behind it), and use it as a
 * citizen would: search a parcel by tờ/thửa, see it highlighted and its card, identify by
 * click, switch to English, find a ward typed without accents. The page must ask nothing of
 * any origin but its own.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiFeatureCollection, ProjectDescription } from '../../gis-core/api/contract.js';
import { freePort } from '../helpers/free-port.js';
import { api, mapImage, toPagePixel, viewInfo, waitIdle } from './app.js';
import { screenshotPath } from './screens.js';
import { BUNDLED_DEMO, CLI, ROOT } from './serve.js';

let dir: string;
let server: ChildProcess;
let siteUrl: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plandesk-publish-e2e-'));
  const site = join(dir, 'ban-do-quy-hoach');
  const project = process.env.PLANDESK_E2E_FILE ?? BUNDLED_DEMO;
  const published = spawnSync(process.execPath, [CLI, 'publish', project, '--out', site], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  expect(published.status, published.stderr).toBe(0);
  // Hosted under a sub-path, as a portal would put it.
  const port = await freePort();
  server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: 'ignore' });
  siteUrl = `http://127.0.0.1:${port}/ban-do-quy-hoach/`;
  await expect.poll(async () => (await fetch(siteUrl).catch(() => undefined))?.status, { timeout: 15_000 }).toBe(200);
});

test.afterAll(() => {
  server?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Pixels of the highlight colour (#00e5ff, which no layer uses) in the map, and their centre. */
async function highlightPixels(page: Page): Promise<{ count: number; x: number; y: number; width: number; height: number }> {
  const image = await mapImage(page);
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = (y * image.width + x) * 4;
      const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
      if (r < 40 && g > 200 && b > 220) {
        count++;
        sx += x;
        sy += y;
      }
    }
  }
  return { count, x: count ? sx / count : NaN, y: count ? sy / count : NaN, width: image.width, height: image.height };
}

test('the published web map finds a parcel by tờ/thửa, highlights it and shows its card', async ({ page, request }) => {
  // Ground truth from the project itself (the shared `plandesk serve` of the same file).
  const about = await api<ProjectDescription>(request, '/api/project');
  const sample = await api<ApiFeatureCollection>(request, '/api/layers/parcels/features?limit=1&offset=1234');
  const parcel = sample.features[0]!;
  const { sheet_no: sheet, parcel_no: number, address, ward } = parcel.properties as { sheet_no: number; parcel_no: number; address: string; ward: string };
  const ring = (parcel.geometry as unknown as { coordinates: number[][][] }).coordinates[0]!;
  const inside = [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length];

  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(siteUrl) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
  });
  await page.goto(siteUrl);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await waitIdle(page);
  await expect(page.locator('h1')).toHaveText(about.name);
  await expect(page.getByTestId('legend-zoning')).toBeVisible();
  expect((await highlightPixels(page)).count).toBe(0);
  await page.screenshot({ path: screenshotPath('publish-overview') });

  // Search like a person: tờ/thửa in Vietnamese.
  await page.getByTestId('search-input').fill(`tờ ${sheet} thửa ${number}`);
  await page.getByTestId('search-input').press('Enter');
  const card = page.getByTestId('feature-card');
  await expect(card.locator('h2')).toHaveText(`Tờ ${sheet}, thửa ${number}`);
  await expect(card).toContainText('Thửa đất địa chính');
  await expect(card.locator('dt').first()).toHaveText('Số tờ bản đồ');
  await expect(card.locator('dd').first()).toHaveText(String(sheet));
  await expect(card).toContainText(address);
  await waitIdle(page);

  // Zoomed in on the parcel (parcels are drawn at this scale) and highlighted in the middle.
  const view = await viewInfo(page);
  expect(view.resolution).toBeLessThan(3);
  expect(Math.hypot(view.center[0] - inside[0]!, view.center[1] - inside[1]!)).toBeLessThan(30);
  const lit = await highlightPixels(page);
  expect(lit.count).toBeGreaterThan(100);
  expect(Math.abs(lit.x - lit.width / 2)).toBeLessThan(lit.width * 0.15);
  expect(Math.abs(lit.y - lit.height / 2)).toBeLessThan(lit.height * 0.15);
  await page.screenshot({ path: screenshotPath('publish-site') });
  mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
  copyFileSync(screenshotPath('publish-site'), join(ROOT, 'docs/screenshots/publish-site.png'));

  // Identify by click: close the card, click inside the parcel.
  await card.getByRole('button', { name: 'Đóng' }).click();
  await expect(card).toHaveCount(0);
  expect((await highlightPixels(page)).count).toBe(0);
  const at = toPagePixel(await viewInfo(page), inside);
  await page.mouse.click(at.x, at.y);
  await expect(card.locator('h2')).toHaveText(`Tờ ${sheet}, thửa ${number}`);

  // English: the same card with English labels.
  await page.getByTestId('language-switch').click();
  await expect(card.locator('h2')).toHaveText(`Sheet ${sheet}, parcel ${number}`);
  await expect(card.locator('dt').first()).toHaveText('Map sheet number');
  await expect(page.getByTestId('search-input')).toHaveAttribute('placeholder', /Sheet\/parcel/);
  await page.screenshot({ path: screenshotPath('publish-identify-en') });
  await page.getByTestId('language-switch').click();

  // A ward typed without accents ("Phuong 1") finds the ward as written ("Phường 1").
  const plain = ward.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd');
  await page.getByTestId('search-input').fill(plain);
  await page.getByTestId('search-input').press('Enter');
  const results = page.getByTestId('search-results');
  await expect(results.locator('li').first()).toContainText(ward);
  await expect(results.locator('li').first()).toContainText('Phường/xã');
  await page.screenshot({ path: screenshotPath('publish-search-ward') });

  expect(foreign, 'requests outside the site folder').toEqual([]);
});

test('the published web map says clearly when its data cannot be read', async ({ page }) => {
  // The viewer copied without its data folder (a half-finished upload): the error names the file.
  const broken = join(dir, 'half-uploaded');
  cpSync(join(dir, 'ban-do-quy-hoach'), broken, { recursive: true, filter: (source) => !source.includes('/data') });
  await page.goto(siteUrl.replace('/ban-do-quy-hoach/', '/half-uploaded/'));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Không tải được dữ liệu bản đồ (data/site.json)');
  await expect(alert).toContainText('HTTP 404');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'error');
});
