/**
 * The map: it draws the project's layers (checked on the canvas pixels: the zoning colours of
 * the legend are on screen), and turning a layer off changes the pixels.
 */
import { expect, test } from '@playwright/test';
import type { LayerInfo } from '../../gis-core/api/contract.js';
import { keepScreenshot, layerInfos, mapImage, openApp, serverUrl, waitIdle, type ViewInfo, viewInfo } from './app.js';
import { countChanged, countDifferentFrom, type Image } from './png.js';

/** The map background (renderer/src/styles.css `.map`). */
const BACKGROUND: [number, number, number] = [0xf3, 0xf1, 0xea];

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** The zoning fill colours as they look on the background (category colour at the base fill's alpha). */
function zoningScreenColors(zoning: LayerInfo): [number, number, number][] {
  if (zoning.style.kind !== 'categorized') throw new Error('zoning is expected to be categorized');
  const alpha = parseInt((zoning.style.base.fill?.color ?? '#ffffffff').slice(7, 9) || 'ff', 16) / 255;
  const field = zoning.fields.find((f) => f.key === (zoning.style as { field: string }).field)!;
  return field.codeList!.entries
    .filter((e) => e.color)
    .map((e) => rgb(e.color!).map((v, i) => Math.round(alpha * v + (1 - alpha) * BACKGROUND[i]!)) as [number, number, number])
    // Pale categories (reserve land, …) look like the background: they prove nothing.
    .filter((c) => Math.max(...c.map((v, i) => Math.abs(v - BACKGROUND[i]!))) > 24);
}

function countNearAny(image: Image, colors: readonly [number, number, number][], tolerance = 8): number {
  let count = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    for (const c of colors) {
      if (Math.abs(image.data[i]! - c[0]) <= tolerance && Math.abs(image.data[i + 1]! - c[1]) <= tolerance && Math.abs(image.data[i + 2]! - c[2]) <= tolerance) {
        count++;
        break;
      }
    }
  }
  return count;
}

test('the map draws the layers of the project in its VN-2000 CRS, and nothing leaves the machine', async ({ page, request }) => {
  const layers = await layerInfos(request);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openApp(page);
  await keepScreenshot(page, '01-map-overview');

  const image = await mapImage(page);
  const total = image.width * image.height;
  const drawn = countDifferentFrom(image, BACKGROUND);
  expect(drawn / total, 'share of the map that is not background').toBeGreaterThan(0.2);

  const zoning = layers.find((l) => l.id === 'zoning')!;
  const zoningPixels = countNearAny(image, zoningScreenColors(zoning));
  expect(zoningPixels / total, 'share of the map in zoning colours').toBeGreaterThan(0.05);

  // The status bar names the project CRS and the scale.
  await expect(page.getByTestId('status-bar')).toContainText('VN-2000');
  await expect(page.getByTestId('scale')).toContainText('1 :');

  // Offline by default: no base map, every request went to the PlanDesk server itself.
  await expect(page.getByTestId('basemap-state')).toContainText('ngoại tuyến');
  const origin = new URL(serverUrl()).origin;
  expect(requests.filter((u) => new URL(u).origin !== origin && !u.startsWith('data:'))).toEqual([]);
  expect(requests.some((u) => u.includes('/api/layers/zoning/features?'))).toBe(true);
});

test('turning a layer off and on changes the map pixels', async ({ page, request }) => {
  const layers = await layerInfos(request);
  const zoning = layers.find((l) => l.id === 'zoning')!;
  await openApp(page);
  const before = await mapImage(page);
  const view: ViewInfo = await viewInfo(page);

  await page.getByTestId('layer-toggle-zoning').uncheck();
  await page.waitForTimeout(300);
  await waitIdle(page);
  const without = await mapImage(page);
  const total = before.width * before.height;
  expect(countChanged(before, without) / total, 'pixels changed by hiding zoning').toBeGreaterThan(0.1);
  expect(countNearAny(without, zoningScreenColors(zoning)) / total).toBeLessThan(countNearAny(before, zoningScreenColors(zoning)) / total / 4);
  await keepScreenshot(page, '02-zoning-off');

  await page.getByTestId('layer-toggle-zoning').check();
  await page.waitForTimeout(300);
  await waitIdle(page);
  const again = await mapImage(page);
  expect(countChanged(before, again) / total, 'pixels that differ after turning zoning back on').toBeLessThan(0.02);
  expect((await viewInfo(page)).centerText).toBe(view.centerText);
});
