/**
 * The 3D view (three.js, software WebGL in headless Chromium): it renders, current/planned
 * change the massing (scene statistics), a click on a known building shows its attributes,
 * the flood plane appears at the level asked, and the view exports a PNG.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { ApiFeature, LayerInfo } from '../../gis-core/api/contract.js';
import { api, featuresIn, interiorPoint, layerInfos, openApp, serverUrl } from './app.js';
import { decodePng, type Image } from './png.js';
import { screenshotPath } from './screens.js';

interface Stats {
  ready: boolean;
  mode: string;
  objects: number;
  buildings: number;
  massing: number;
  triangles: number;
  trianglesDrawn: number;
  tiles: number;
  tilesNear: number;
  tilesFar: number;
  tiledTriangles: number;
  lodDistance: number;
  drawCalls: number;
  maxHeight: number;
  floodLevel: number | null;
  floodZ: number | null;
  poles: number;
  walking: boolean;
  eye: [number, number, number];
  origin: [number, number] | null;
  inWorker: boolean | null;
}

type Ring = number[][];

/** The page's globals the evaluated functions read (this file is typed for Node: no DOM types). */
interface PageGlobals {
  __plandesk3d?: Record<string, unknown> & { screenOf(x: number, y: number): { x: number; y: number } | null };
  requestAnimationFrame(callback: () => void): number;
}

async function stats(page: Page): Promise<Stats> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as PageGlobals).__plandesk3d;
    if (!s) throw new Error('no 3D view');
    const { screenOf: _ignored, ...rest } = s;
    return rest as unknown as Stats;
  });
}

/** A frame after the last change has been drawn (the view renders on demand). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() =>
      new Promise<void>((resolve) => {
        const g = globalThis as unknown as PageGlobals;
        g.requestAnimationFrame(() => g.requestAnimationFrame(resolve));
      }),);
}

async function canvasImage(page: Page): Promise<Image> {
  return decodePng(await page.getByTestId('scene3d-canvas').screenshot());
}

/** Distinct colours (quantised to 4 bits a channel) and the share of blue-dominant pixels. */
function look(img: Image): { colours: number; blue: number; nonSky: number } {
  const seen = new Set<number>();
  let blue = 0;
  let nonSky = 0;
  const n = img.width * img.height;
  for (let i = 0; i < n; i++) {
    const r = img.data[i * 4]!;
    const g = img.data[i * 4 + 1]!;
    const b = img.data[i * 4 + 2]!;
    seen.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
    if (b > r + 40 && b > g + 10) blue++;
    if (Math.abs(r - 0xcf) + Math.abs(g - 0xe3) + Math.abs(b - 0xf3) > 24) nonSky++;
  }
  return { colours: seen.size, blue: blue / n, nonSky: nonSky / n };
}

/** A tall building near the middle of the buildings layer, and the view centred on it. */
async function target(request: Parameters<typeof layerInfos>[0]): Promise<{ layers: LayerInfo[]; building: ApiFeature; center: [number, number] }> {
  const layers = await layerInfos(request);
  const [minx, miny, maxx, maxy] = layers.find((l) => l.id === 'buildings')!.extent!;
  const cx = (minx + maxx) / 2;
  const cy = (miny + maxy) / 2;
  const { features } = await featuresIn(request, 'buildings', [cx - 150, cy - 150, cx + 150, cy + 150], 2000);
  expect(features.length, 'buildings in the middle of the city').toBeGreaterThan(10);
  const height = (f: ApiFeature) => Number(f.properties.height_m ?? 0) || Number(f.properties.floors ?? 1) * 3.6;
  const building = features.filter((f) => f.geometry.type === 'Polygon').sort((a, b) => height(b) - height(a))[0]!;
  const center = interiorPoint((building.geometry as unknown as { coordinates: Ring[] }).coordinates);
  return { layers, building, center };
}

async function open3d(page: Page, center: readonly number[]): Promise<void> {
  await openApp(page, 'vi', `${serverUrl()}#c=${center[0]},${center[1]}&r=0.5`);
  await expect(page.getByTestId('scene3d-open')).toHaveText(/Xem 3D/);
  await page.getByTestId('scene3d-open').click();
  await expect(page.getByTestId('scene3d')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect.poll(async () => (await stats(page)).ready).toBe(true);
  await settle(page);
}

test('the terrain reaches the renderer as numbers (GET /api/terrain/grid)', async ({ request }) => {
  const { center } = await target(request);
  const [x, y] = center;
  const grid = await api<{ columns: number; rows: number; values: (number | null)[]; min: number | null; max: number | null }>(
    request,
    `/api/terrain/grid?bbox=${x - 200},${y - 100},${x + 200},${y + 100}&columns=40&rows=20`,
  );
  expect(grid.columns).toBe(40);
  expect(grid.rows).toBe(20);
  expect(grid.values).toHaveLength(800);
  expect(grid.min).not.toBeNull();
  expect(grid.max!).toBeGreaterThanOrEqual(grid.min!);
  // Delta lowland: metres above sea level, not thousands.
  expect(grid.min!).toBeGreaterThan(-10);
  expect(grid.max!).toBeLessThan(50);
  const bad = await request.get(new URL(`/api/terrain/grid?bbox=${x},${y},${x + 1},${y + 1}&columns=1&rows=20`, serverUrl()).toString());
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/columns/);
});

test('the 3D view renders the current extent with buildings, zones and roads in few draw calls', async ({ page, request }) => {
  const { center } = await target(request);
  await open3d(page, center);
  const s = await stats(page);
  expect(s.mode).toBe('current');
  expect(s.inWorker, 'the geometry was built in the Web Worker').toBe(true);
  expect(s.buildings).toBeGreaterThan(50);
  expect(s.triangles).toBeGreaterThan(1000);
  expect(s.drawCalls).toBeGreaterThan(0);
  expect(s.drawCalls, 'merged layers: a handful of draw calls (shadow pass included)').toBeLessThanOrEqual(20);
  const img = look(await canvasImage(page));
  expect(img.colours, 'a drawn scene, not a blank canvas').toBeGreaterThan(40);
  expect(img.nonSky).toBeGreaterThan(0.3);
  await page.screenshot({ path: screenshotPath('3d-current') });
});

test('switching current / planned / both changes the massing', async ({ page, request }) => {
  const { center } = await target(request);
  await open3d(page, center);
  const current = await stats(page);
  await page.getByTestId('scene3d-mode-planned').click();
  await settle(page);
  await expect.poll(async () => (await stats(page)).mode).toBe('planned');
  const planned = await stats(page);
  expect(planned.buildings).toBe(0);
  expect(planned.massing).toBeGreaterThan(0);
  expect(planned.objects).toBe(planned.massing);
  expect(planned.objects).not.toBe(current.objects);
  expect(planned.triangles).not.toBe(current.triangles);
  expect(planned.maxHeight).not.toBe(current.maxHeight);
  await page.screenshot({ path: screenshotPath('3d-planned') });

  await page.getByTestId('scene3d-mode-both').click();
  await settle(page);
  await expect.poll(async () => (await stats(page)).mode).toBe('both');
  const both = await stats(page);
  expect(both.objects).toBe(current.buildings + planned.massing);
  expect(both.triangles).toBeGreaterThan(Math.max(current.triangles, planned.triangles));
  expect(both.maxHeight).toBe(Math.max(current.maxHeight, planned.maxHeight));
  await page.screenshot({ path: screenshotPath('3d-both') });
});

test('clicking a known building shows its attributes', async ({ page, request }) => {
  const { building, center } = await target(request);
  await open3d(page, center);
  const pixel = await page.evaluate(([x, y]) => (globalThis as unknown as PageGlobals).__plandesk3d!.screenOf(x!, y!), center);
  expect(pixel, 'the building is in the scene').not.toBeNull();
  await page.mouse.click(pixel!.x, pixel!.y);
  const info = page.getByTestId('scene3d-info');
  await expect(info).toBeVisible();
  await expect(page.getByTestId('scene3d-info-layer')).toHaveText('Công trình xây dựng');
  // The building's own values (code, floors) as the identify panel writes them.
  const p = building.properties;
  for (const key of ['building_code', 'code', 'floors']) {
    const value = p[key];
    if (value === null || value === undefined) continue;
    await expect(info.locator(`tr[data-field="${key}"] td`)).toContainText(String(value));
  }
  await page.screenshot({ path: screenshotPath('3d-pick') });
});

test('far tiles draw their simplified blocks when the camera zooms out, and the full ones when it comes back', async ({ page, request }) => {
  const { building, center } = await target(request);
  await open3d(page, center);
  const near = await stats(page);
  expect(near.tiles, 'the buildings are split into tiles').toBeGreaterThan(1);
  expect(near.tilesNear).toBeGreaterThan(0);
  expect(near.tilesNear + near.tilesFar).toBe(near.tiles);
  const box = (await page.getByTestId('scene3d-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // Out: the orbit camera dollies away (OrbitControls: × 1/0.95 per 100 of wheel delta) until
  // every tile is far.
  let steps = 0;
  while ((await stats(page)).tilesNear > 0 && steps < 20) {
    await page.mouse.wheel(0, 300);
    await settle(page);
    steps++;
  }
  const far = await stats(page);
  expect(far.tilesNear).toBe(0);
  const distance = (s: Stats) => Math.hypot(...s.eye.map((v, i) => v - near.eye[i]!));
  expect(distance(far), 'the camera moved away').toBeGreaterThan(100);
  expect(far.tilesFar).toBeGreaterThan(0);
  expect(far.tiledTriangles, 'far tiles: far fewer triangles').toBeLessThan(near.tiledTriangles * 0.5);
  expect(far.triangles).toBe(near.triangles - near.tiledTriangles + far.tiledTriangles);
  expect(far.trianglesDrawn, 'the frame drew fewer triangles').toBeLessThan(near.trianglesDrawn);
  expect(far.drawCalls, 'still a handful of draw calls').toBeLessThanOrEqual(20);
  expect(look(await canvasImage(page)).colours, 'the far blocks are drawn').toBeGreaterThan(20);
  await page.screenshot({ path: screenshotPath('3d-far') });
  await page.screenshot({ path: screenshotPath('3d-far-detail'), clip: { x: box.x + box.width / 2 - 300, y: box.y + box.height / 2 - 200, width: 600, height: 400 } });

  // Picking ray-casts the full geometry, whatever level is drawn: the building itself.
  const pixel = await page.evaluate(([x, y]) => (globalThis as unknown as PageGlobals).__plandesk3d!.screenOf(x!, y!), center);
  expect(pixel, 'the building is found on the near geometry').not.toBeNull();
  await page.mouse.click(pixel!.x, pixel!.y);
  await expect(page.getByTestId('scene3d-info-layer')).toHaveText('Công trình xây dựng');
  const code = building.properties.building_code ?? building.properties.code;
  if (code !== null && code !== undefined) await expect(page.getByTestId('scene3d-info')).toContainText(String(code));

  // Back in: the full geometry again.
  for (let i = 0; i < steps; i++) await page.mouse.wheel(0, -300);
  await settle(page);
  await expect.poll(async () => (await stats(page)).tilesFar).toBe(near.tilesFar);
  const again = await stats(page);
  expect(again.tilesNear).toBe(near.tilesNear);
  expect(again.triangles).toBe(near.triangles);
  expect(again.tiledTriangles).toBe(near.tiledTriangles);
  expect(distance(again)).toBeLessThan(1);
});

test('the flood plane appears at the level given, and the view exports a PNG', async ({ page, request }) => {
  const { center } = await target(request);
  await open3d(page, center);
  const before = look(await canvasImage(page));
  expect((await stats(page)).floodZ).toBeNull();
  await page.getByTestId('scene3d-flood-level').fill('3.5');
  await page.getByTestId('scene3d-flood').check();
  await settle(page);
  await expect.poll(async () => (await stats(page)).floodLevel).toBe(3.5);
  const s = await stats(page);
  expect(s.floodZ).not.toBeNull();
  const after = look(await canvasImage(page));
  expect(after.blue, 'water covers the low ground').toBeGreaterThan(before.blue + 0.1);
  await page.screenshot({ path: screenshotPath('3d-flood') });

  // A higher level raises the plane.
  await page.getByTestId('scene3d-flood-level').fill('5');
  await expect.poll(async () => (await stats(page)).floodZ!).toBeGreaterThan(s.floodZ!);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scene3d-png').click()]);
  expect(download.suggestedFilename()).toBe('plandesk-3d.png');
  const file = await download.path();
  const png = decodePng(readFileSync(file));
  expect(png.width).toBeGreaterThan(400);
  expect(look(png).colours).toBeGreaterThan(40);
});

test('walk mode puts the eye at 1.7 m above the ground and the keys move it', async ({ page, request }) => {
  const { center } = await target(request);
  await open3d(page, center);
  const orbit = await stats(page);
  expect(orbit.eye[2]).toBeGreaterThan(100);
  await page.getByTestId('scene3d-walk').click();
  await expect.poll(async () => (await stats(page)).walking).toBe(true);
  const start = await stats(page);
  expect(start.eye[2]).toBeLessThan(10);
  await page.keyboard.down('w');
  await page.waitForTimeout(2000); // several frames, even in software WebGL
  await page.keyboard.up('w');
  await expect.poll(async () => Math.hypot((await stats(page)).eye[0] - start.eye[0], (await stats(page)).eye[1] - start.eye[1])).toBeGreaterThan(0.5);
  await page.screenshot({ path: screenshotPath('3d-walk') });
  await page.getByTestId('scene3d-walk').click();
  await expect.poll(async () => (await stats(page)).eye[2]).toBeCloseTo(orbit.eye[2], 3);
});

test('the good screenshot for the README', async ({ page, request }) => {
  const { center } = await target(request);
  await open3d(page, center);
  await page.getByTestId('scene3d-mode-both').click();
  await page.getByTestId('scene3d-xray').check();
  await page.getByTestId('scene3d-hour').fill('15.5'); // afternoon sun: longer shadows
  await settle(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: screenshotPath('3d-readme') });
  if (process.env.PLANDESK_KEEP_3D_SCREENSHOT) {
    mkdirSync('docs/screenshots', { recursive: true });
    copyFileSync(screenshotPath('3d-readme'), 'docs/screenshots/3d.png');
  }
});
