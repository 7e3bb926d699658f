/**
 * Helpers for driving the PlanDesk UI: open it, wait until the map has loaded and drawn, read
 * the view (centre and resolution are on the map element), turn map coordinates into pixels,
 * take the map's pixels, and ask the API for ground truth.
 */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { ApiFeatureCollection, LayerInfo } from '../../gis-core/api/contract.js';
import { decodePng, type Image } from './png.js';
import { screenshotPath } from './screens.js';

export function serverUrl(): string {
  const url = process.env.PLANDESK_E2E_URL;
  if (!url) throw new Error('PLANDESK_E2E_URL is not set: run the e2e tests through playwright.config.ts (global setup)');
  return url;
}

/** GET an API path (on `base`, the shared read-only server when absent). */
export async function api<T>(request: APIRequestContext, path: string, base = serverUrl()): Promise<T> {
  const response = await request.get(new URL(path, base).toString());
  expect(response.ok(), `${path}: HTTP ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

export async function layerInfos(request: APIRequestContext, base = serverUrl()): Promise<LayerInfo[]> {
  return api<LayerInfo[]>(request, '/api/layers', base);
}

export async function featuresIn(
  request: APIRequestContext,
  layerId: string,
  bbox: readonly number[],
  limit = 200,
  base = serverUrl(),
): Promise<ApiFeatureCollection> {
  return api<ApiFeatureCollection>(request, `/api/layers/${layerId}/features?bbox=${bbox.join(',')}&limit=${limit}`, base);
}

/** Opens the app (Vietnamese unless told) and waits for the first complete render. `url`: another server than the shared one. */
export async function openApp(page: Page, lang: 'vi' | 'en' = 'vi', url = serverUrl()): Promise<void> {
  // Only a fresh page gets the language; a reload keeps what the user chose.
  await page.addInitScript(`window.localStorage.getItem('plandesk.lang') || window.localStorage.setItem('plandesk.lang', '${lang}')`);
  await page.goto(url);
  await waitIdle(page);
}

/** Waits until every feature request has answered and the map has drawn the result. */
export async function waitIdle(page: Page): Promise<void> {
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-pending', '0');
  await expect(map).toHaveAttribute('data-idle', 'true');
}

/** After an action that moves the map: waits for the move to start and the new view to be drawn. */
export async function waitMoved(page: Page, before: ViewInfo): Promise<ViewInfo> {
  await expect.poll(async () => (await viewInfo(page)).centerText).not.toBe(before.centerText);
  await page.waitForTimeout(450); // the fit animation (300–400 ms)
  await waitIdle(page);
  return viewInfo(page);
}

export interface ViewInfo {
  readonly center: [number, number];
  readonly centerText: string;
  readonly resolution: number;
  /** The map element's box on the page. */
  readonly box: { x: number; y: number; width: number; height: number };
}

export async function viewInfo(page: Page): Promise<ViewInfo> {
  const map = page.getByTestId('map');
  const centerText = (await map.getAttribute('data-center')) ?? '';
  const [cx, cy] = centerText.split(',').map(Number) as [number, number];
  const resolution = Number(await map.getAttribute('data-resolution'));
  const box = await map.boundingBox();
  if (!box || !Number.isFinite(resolution) || !Number.isFinite(cx)) throw new Error('map has no view yet');
  return { center: [cx, cy], centerText, resolution, box };
}

/** Page pixel of a map coordinate (project CRS). */
export function toPagePixel(view: ViewInfo, [x, y]: readonly number[]): { x: number; y: number } {
  return {
    x: view.box.x + view.box.width / 2 + (x! - view.center[0]) / view.resolution,
    y: view.box.y + view.box.height / 2 - (y! - view.center[1]) / view.resolution,
  };
}

/** The view's extent [minx, miny, maxx, maxy] in the project CRS. */
export function viewExtent(view: ViewInfo): [number, number, number, number] {
  const hw = (view.box.width / 2) * view.resolution;
  const hh = (view.box.height / 2) * view.resolution;
  return [view.center[0] - hw, view.center[1] - hh, view.center[0] + hw, view.center[1] + hh];
}

/** The map's pixels as drawn (a screenshot of the map element, decoded). */
export async function mapImage(page: Page): Promise<Image> {
  return decodePng(await page.getByTestId('map').screenshot({ animations: 'disabled' }));
}

export async function keepScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name) });
}

/** Turns every layer off except `keep` (through the panel's checkboxes). */
export async function showOnly(page: Page, layers: readonly LayerInfo[], keep: readonly string[]): Promise<void> {
  for (const layer of layers) {
    const box = page.getByTestId(`layer-toggle-${layer.id}`);
    if (keep.includes(layer.id)) await box.check();
    else await box.uncheck();
  }
  await page.waitForTimeout(200);
  await waitIdle(page);
}

type Ring = readonly (readonly number[])[];

function insideRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function distanceToRing(ring: Ring, x: number, y: number): number {
  let best = Infinity;
  for (let i = 1; i < ring.length; i++) {
    const [ax, ay] = ring[i - 1] as [number, number];
    const [bx, by] = ring[i] as [number, number];
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

/** A point well inside a polygon (the inside grid point farthest from its outline). */
export function interiorPoint(rings: readonly Ring[]): [number, number] {
  const outer = rings[0]!;
  const xs = outer.map((p) => p[0]!);
  const ys = outer.map((p) => p[1]!);
  const [minx, maxx, miny, maxy] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best: [number, number] = [(minx + maxx) / 2, (miny + maxy) / 2];
  let bestDistance = -1;
  for (let i = 1; i < 24; i++) {
    for (let j = 1; j < 24; j++) {
      const x = minx + ((maxx - minx) * i) / 24;
      const y = miny + ((maxy - miny) * j) / 24;
      if (!insideRing(outer, x, y) || rings.slice(1).some((hole) => insideRing(hole, x, y))) continue;
      const d = Math.min(...rings.map((ring) => distanceToRing(ring, x, y)));
      if (d > bestDistance) {
        bestDistance = d;
        best = [x, y];
      }
    }
  }
  return best;
}
