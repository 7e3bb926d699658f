/**
 * Measuring: the length of a segment between two clicked points equals the distance between
 * their VN-2000 coordinates (read from the status bar at the same pixels); an area equals the
 * shoelace area of its clicked corners.
 */
import { expect, test, type Page } from '@playwright/test';
import proj4 from 'proj4';
import type { CrsInfo, ProjectDescription } from '../../gis-core/api/contract.js';
import { api, keepScreenshot, openApp, viewInfo } from './app.js';

async function coordinateAt(page: Page, x: number, y: number): Promise<[number, number]> {
  await page.mouse.move(x, y);
  await expect(page.getByTestId('coord-x')).toHaveAttribute('data-value', /\d/);
  const read = async () => [Number(await page.getByTestId('coord-x').getAttribute('data-value')), Number(await page.getByTestId('coord-y').getAttribute('data-value'))] as [number, number];
  // The readout follows the pointer; wait until it is stable for this position.
  let last = await read();
  await expect
    .poll(async () => {
      const now = await read();
      const same = now[0] === last[0] && now[1] === last[1];
      last = now;
      return same;
    })
    .toBe(true);
  return last;
}

test('measuring a segment gives the distance between its VN-2000 end points', async ({ page }) => {
  await openApp(page);
  const view = await viewInfo(page);
  const a = { x: view.box.x + view.box.width * 0.3, y: view.box.y + view.box.height * 0.4 };
  const b = { x: view.box.x + view.box.width * 0.62, y: view.box.y + view.box.height * 0.63 };
  const ca = await coordinateAt(page, a.x, a.y);
  const cb = await coordinateAt(page, b.x, b.y);
  const expected = Math.hypot(cb[0] - ca[0], cb[1] - ca[1]);
  // Sanity: the readout agrees with the view's resolution.
  expect(expected).toBeCloseTo(Math.hypot(b.x - a.x, b.y - a.y) * view.resolution, 0);

  await page.getByTestId('menu-measure').click();
  await page.getByTestId('tool-length').click();
  await page.mouse.click(a.x, a.y);
  await page.mouse.dblclick(b.x, b.y);
  const result = page.getByTestId('measure-length');
  await expect(result).toBeVisible();
  const measured = Number(await result.getAttribute('data-value'));
  expect(Math.abs(measured - expected), `measured ${measured} m, expected ${expected} m`).toBeLessThan(0.01);
  await expect(result).toContainText(expected >= 1000 ? 'km' : 'm');
  await keepScreenshot(page, '06-measure-length');
});

test('the pointer coordinates are shown in VN-2000 and in WGS 84', async ({ page, request }) => {
  const project = await api<ProjectDescription>(request, '/api/project');
  const crs = (await api<CrsInfo[]>(request, '/api/crs')).find((c) => c.epsg === project.crs.epsg)!;
  await openApp(page);
  const view = await viewInfo(page);
  const [x, y] = await coordinateAt(page, view.box.x + view.box.width * 0.4, view.box.y + view.box.height * 0.6);
  // The readout is the map coordinate under the pointer…
  expect(Math.abs(x - (view.center[0] + (-0.1 * view.box.width) * view.resolution))).toBeLessThan(view.resolution * 1.5);
  expect(Math.abs(y - (view.center[1] - 0.1 * view.box.height * view.resolution))).toBeLessThan(view.resolution * 1.5);
  // …and its WGS 84 latitude/longitude is the registry's transform of it (proj4, EPSG:6960 shift).
  const [lon, lat] = proj4(crs.proj4, 'EPSG:4326', [x, y]);
  const shownLat = Number(await page.getByTestId('coord-lat').getAttribute('data-value'));
  const shownLon = Number(await page.getByTestId('coord-lon').getAttribute('data-value'));
  expect(Math.abs(shownLat - lat!)).toBeLessThan(1e-8);
  expect(Math.abs(shownLon - lon!)).toBeLessThan(1e-8);
  expect(lat).toBeGreaterThan(8);
  expect(lat).toBeLessThan(24);
  await expect(page.getByTestId('coords-wgs84')).toContainText(lat!.toLocaleString('vi-VN', { minimumFractionDigits: 6, maximumFractionDigits: 6 }));
});

test('measuring an area gives the area of the clicked polygon in m²', async ({ page }) => {
  await openApp(page);
  const view = await viewInfo(page);
  const at = (fx: number, fy: number) => ({ x: view.box.x + view.box.width * fx, y: view.box.y + view.box.height * fy });
  const corners = [at(0.35, 0.35), at(0.6, 0.35), at(0.6, 0.6), at(0.35, 0.55)];
  const coords: [number, number][] = [];
  for (const c of corners) coords.push(await coordinateAt(page, c.x, c.y));
  let twice = 0;
  for (let i = 0; i < coords.length; i++) {
    const [x1, y1] = coords[i]!;
    const [x2, y2] = coords[(i + 1) % coords.length]!;
    twice += x1 * y2 - x2 * y1;
  }
  const expected = Math.abs(twice) / 2;

  await page.getByTestId('menu-measure').click();
  await page.getByTestId('tool-area').click();
  for (const c of corners.slice(0, -1)) await page.mouse.click(c.x, c.y);
  await page.mouse.dblclick(corners.at(-1)!.x, corners.at(-1)!.y);
  const result = page.getByTestId('measure-area');
  await expect(result).toBeVisible();
  const measured = Number(await result.getAttribute('data-value'));
  expect(Math.abs(measured - expected) / expected, `measured ${measured} m², expected ${expected} m²`).toBeLessThan(1e-6);
  await expect(result).toContainText('m²');
  await keepScreenshot(page, '07-measure-area');
});
