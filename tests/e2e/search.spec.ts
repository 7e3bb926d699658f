/** Search: a parcel by số tờ / số thửa is found, the map zooms to it and shows its attributes. */
import { expect, test } from '@playwright/test';
import type { ApiFeatureCollection } from '../../gis-core/api/contract.js';
import { api, keepScreenshot, openApp, viewInfo, waitMoved } from './app.js';

test('searching "tờ S thửa P" finds the parcel and zooms to it', async ({ page, request }) => {
  // A parcel from the store (ground truth), away from the first one to make the move visible.
  const sample = await api<ApiFeatureCollection>(request, '/api/layers/parcels/features?limit=1&offset=7');
  const parcel = sample.features[0]!;
  const sheet = parcel.properties.sheet_no as number;
  const number = parcel.properties.parcel_no as number;
  const ring = (parcel.geometry as unknown as { coordinates: number[][][] }).coordinates[0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  const center = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];

  await openApp(page);
  const before = await viewInfo(page);
  await page.getByTestId('search-input').fill(`tờ ${sheet} thửa ${number}`);
  await page.getByTestId('search-input').press('Enter');
  const hits = page.getByTestId('search-hit');
  // One hit zooms by itself; several are listed and the matching one is picked.
  if (await page.getByTestId('search-results').isVisible()) {
    await expect(hits.first()).toBeVisible();
    await hits.filter({ hasText: String(number) }).first().click();
  }
  const after = await waitMoved(page, before);
  expect(after.resolution).toBeLessThan(before.resolution);
  expect(Math.abs(after.center[0] - center[0]!)).toBeLessThan(2);
  expect(Math.abs(after.center[1] - center[1]!)).toBeLessThan(2);

  const panel = page.getByTestId('identify-panel');
  await expect(panel.locator('tr[data-field="sheet_no"] td')).toHaveText(String(sheet));
  await expect(panel.locator('tr[data-field="parcel_no"] td')).toHaveText(String(number));
  await expect(panel.locator('tr[data-field="sheet_no"] th')).toHaveText('Số tờ bản đồ');
  await keepScreenshot(page, '08-search-parcel');
});

test('searching a road by name lists it', async ({ page, request }) => {
  const roads = await api<ApiFeatureCollection>(request, '/api/layers/roads/features?limit=20');
  const named = roads.features.find((f) => typeof f.properties.name === 'string' && f.properties.name !== '');
  expect(named).toBeTruthy();
  const name = named!.properties.name as string;
  await openApp(page);
  await page.getByTestId('search-input').fill(name);
  await page.getByTestId('search-button').click();
  const hit = page.getByTestId('search-hit').filter({ hasText: name }).first();
  await expect(hit.or(page.getByTestId('identify-panel'))).toBeVisible();
});
