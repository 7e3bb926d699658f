/**
 * The optional base map: off by default (no tile request at all); set to an XYZ URL in
 * Settings, its Web Mercator tiles are requested and drawn reprojected under the VN-2000 map.
 * The tiles come from a stand-in server on loopback (tests/e2e/tiles.ts).
 */
import { expect, test } from '@playwright/test';
import { layerInfos, mapImage, openApp, showOnly } from './app.js';
import { countNear } from './png.js';
import { TILE_RGB } from './tiles.js';

test('the base map is off by default and, once set, is drawn under the map', async ({ page, request }) => {
  const tiles = process.env.PLANDESK_E2E_TILES;
  test.skip(!tiles, 'no stand-in tile server (PLANDESK_E2E_URL was given, so global setup started none)');
  const tileRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(tiles!)) tileRequests.push(r.url());
  });
  const layers = await layerInfos(request);
  await openApp(page);
  await showOnly(page, layers, []);
  expect(tileRequests).toEqual([]);
  const image = await mapImage(page);
  expect(countNear(image, TILE_RGB, 12)).toBe(0);

  await page.getByTestId('settings-button').click();
  await page.getByTestId('basemap-kind').selectOption('xyz');
  await page.getByTestId('basemap-url').fill(`${tiles}/{z}/{x}/{y}.png`);
  await page.getByTestId('basemap-opacity').fill('100');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('basemap-state')).toContainText(new URL(tiles!).host);

  await expect.poll(() => tileRequests.length).toBeGreaterThan(0);
  expect(tileRequests.every((u) => /\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
  await expect
    .poll(async () => {
      const drawn = await mapImage(page);
      return countNear(drawn, TILE_RGB, 12) / (drawn.width * drawn.height);
    })
    .toBeGreaterThan(0.5);
});
