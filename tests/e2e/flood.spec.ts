/**
 * Flood scenario in the UI: on a writable copy of the demo (the run's files go beside it), run
 * the 50-year design flood from the river and canals, see the depth layer drawn (the map's pixels
 * turn blue where the API says the ground is under water) and the report, move the level slider
 * (the flooded area follows the API's answer for that level), and read the ground under the pointer.
 */
import { expect, test as base } from '@playwright/test';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FloodJobResult, JobInfo, RasterImage } from '../../gis-core/api/contract.js';
import { api, keepScreenshot, mapImage, toPagePixel, viewInfo, waitIdle } from './app.js';
import { BUNDLED_DEMO, serve } from './serve.js';

/** A copy of the demo with its terrain (the run's files go beside it), served writable. */
const test = base.extend<{ project: { url: string; file: string } }>({
  // eslint-disable-next-line no-empty-pattern
  project: async ({}, use) => {
    const source = process.env.PLANDESK_E2E_FILE ?? BUNDLED_DEMO;
    const dir = mkdtempSync(join(tmpdir(), 'plandesk-flood-e2e-'));
    const file = join(dir, 'cao-lanh.plandesk.sqlite');
    copyFileSync(source, file);
    if (existsSync(`${source}-wal`) && statSync(`${source}-wal`).size > 0) copyFileSync(`${source}-wal`, `${file}-wal`);
    copyFileSync(join(dirname(source), 'cao-lanh.dem.tif'), join(dir, 'cao-lanh.dem.tif'));
    const server = await serve(file);
    try {
      await use({ url: server.url, file });
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

function blueish(image: { width: number; height: number; data: Uint8Array }): number {
  let n = 0;
  for (let i = 0; i < image.width * image.height * 4; i += 4) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    if (b > 150 && b > r + 60 && b > g + 10) n++;
  }
  return n;
}

test('runs a design flood, shows the depth layer and the report, and moves the level slider', async ({ page, request, project }) => {
  test.setTimeout(120_000);
  await page.addInitScript("window.localStorage.setItem('plandesk.lang', 'vi')");
  await page.goto(project.url);
  await waitIdle(page);
  const before = await mapImage(page);

  await page.getByTestId('tool-flood').click();
  const panel = page.getByTestId('flood-panel');
  await expect(panel).toBeVisible();
  await panel.getByTestId('flood-mode-returnPeriod').click();
  await panel.getByTestId('flood-return-period').fill('50');
  await panel.getByTestId('flood-run').click();
  const result = panel.getByTestId('flood-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  const floodId = (await result.getAttribute('data-flood-id'))!;

  // The job's answer, from the API.
  const jobs = await api<JobInfo[]>(request, '/api/jobs', project.url);
  const job = jobs.find((j) => j.kind === 'flood' && j.state === 'done')!;
  const run = job.result as FloodJobResult;
  expect(run.floodId).toBe(floodId);
  expect(run).toMatchObject({ returnPeriod: 50, level: 1.1, urbanClass: 'II' });
  await expect(panel.getByTestId('flood-summary')).toContainText('Mực nước 1,10 m');
  await expect(panel.getByTestId('flood-summary')).toContainText('Đô thị loại II');
  await expect(panel.getByTestId('flood-counts')).toContainText(`${run.report.counts.parcels.toLocaleString('vi-VN')} thửa`);

  // The depth layer is drawn: many more blue pixels than before.
  await page.waitForTimeout(500);
  await waitIdle(page);
  const after = await mapImage(page);
  const blueBefore = blueish(before);
  const blueAfter = blueish(after);
  expect(blueAfter).toBeGreaterThan(blueBefore + 2000);

  // The report table: the areas tab lists the flooded features; the roads tab their classes.
  const rows = panel.getByTestId('flood-report').locator('tbody tr');
  await expect(rows).toHaveCount(Math.min(50, run.report.zones.length + run.report.parcels.length + run.report.buildings.length));
  await expect(rows.first()).toContainText(run.report.zones[0]!.label);
  await panel.getByTestId('flood-tab-roads').click();
  await expect(rows).toHaveCount(run.report.roads.length);
  await panel.getByTestId('flood-tab-freeboard').click();
  await expect(rows.first()).toContainText(run.report.freeboard[0]!.label);
  await panel.getByTestId('flood-tab-areas').click();

  // The ground under the pointer.
  const view = await viewInfo(page);
  const [minx, miny, maxx, maxy] = run.extent;
  const p = toPagePixel(view, [(minx + maxx) / 2, (miny + maxy) / 2]);
  await page.mouse.move(p.x, p.y);
  await expect(panel.getByTestId('flood-pointer')).toContainText('Cao độ nền');
  await keepScreenshot(page, 'flood');

  // The slider: down to a lower level, less water on the map, and the area the API gives for that level.
  const slider = panel.getByTestId('flood-slider');
  await slider.focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft');
  await expect(panel.getByTestId('flood-slider-level')).toHaveText('0,70 m');
  const low = await api<RasterImage>(request, `/api/rasters/image?source=flood&floodId=${floodId}&level=0.7&bbox=${run.extent.join(',')}&width=10&height=10`, project.url);
  expect(low.floodedAreaM2!).toBeLessThan(run.areaM2);
  await expect(panel.getByTestId('flood-slider-area')).toContainText(Math.round(low.floodedAreaM2!).toLocaleString('vi-VN'));
  await page.mouse.move(view.box.x + 5, view.box.y + 5);
  await page.waitForTimeout(800);
  await waitIdle(page);
  const lower = await mapImage(page);
  expect(blueish(lower)).toBeLessThan(blueAfter);
  expect(blueish(lower)).toBeGreaterThan(blueBefore);

  // Terrain on: the hillshade is drawn under the features.
  await panel.getByTestId('flood-terrain').check();
  await page.waitForTimeout(800);
  await waitIdle(page);
  await keepScreenshot(page, 'flood-terrain');
});

test('places a seed point and a dike by clicking the map, runs, and draws the inundation polygons', async ({ page, project }) => {
  test.setTimeout(120_000);
  await page.addInitScript("window.localStorage.setItem('plandesk.lang', 'vi')");
  await page.goto(project.url);
  await waitIdle(page);
  await page.getByTestId('tool-flood').click();
  const panel = page.getByTestId('flood-panel');
  await expect(panel).toBeVisible();
  const view = await viewInfo(page);
  const at = (fx: number, fy: number) => ({ x: view.box.x + view.box.width * fx, y: view.box.y + view.box.height * fy });

  // A seed point: a click on the map adds a marker.
  await panel.getByTestId('flood-seed-mode').click();
  const seed = at(0.5, 0.5);
  await page.mouse.click(seed.x, seed.y);
  await expect(panel.getByTestId('flood-seed-count')).toHaveAttribute('data-count', '1');
  // Placing a seed is not an identify click: no feature panel opens over the flood panel.
  await expect(page.getByTestId('identify-panel')).toHaveCount(0);
  await panel.getByTestId('flood-seed-mode').click();

  // A dike: clicks, then a double-click ends the line.
  await panel.getByTestId('flood-dike-crest').fill('3');
  await panel.getByTestId('flood-dike-mode').click();
  for (const [fx, fy] of [[0.3, 0.3], [0.4, 0.35]] as const) {
    const p = at(fx, fy);
    await page.mouse.click(p.x, p.y);
    await page.waitForTimeout(300);
  }
  const end = at(0.5, 0.3);
  await page.mouse.dblclick(end.x, end.y);
  await expect(panel.getByTestId('flood-dike-count')).toHaveAttribute('data-count', '1');

  await panel.getByTestId('flood-level').fill('1.2');
  await panel.getByTestId('flood-run').click();
  await expect(panel.getByTestId('flood-result')).toBeVisible({ timeout: 60_000 });
  const polygons = panel.getByTestId('flood-polygons');
  await expect(polygons).toBeVisible();
  expect(Number(await polygons.getAttribute('data-count'))).toBeGreaterThan(0);
  await page.mouse.move(view.box.x + 5, view.box.y + 5);
  await page.waitForTimeout(500);
  await waitIdle(page);
  await keepScreenshot(page, 'flood-polygons');

  // The toggle hides the outlines: fewer blue pixels.
  const withOutlines = blueish(await mapImage(page));
  await panel.getByTestId('flood-polygons-toggle').uncheck();
  await page.waitForTimeout(500);
  await waitIdle(page);
  expect(blueish(await mapImage(page))).toBeLessThan(withOutlines);
});
