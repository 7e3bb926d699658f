/**
 * The other editing tools on cadastral parcels, driven as a person would: box and Shift+click
 * selection, a bulk attribute edit, merging two neighbouring parcels, cutting the result in two
 * with a drawn line, deleting (Delete) and undoing, copying attributes from one parcel to
 * another, and reshaping a vertex onto a neighbour's vertex (snapped). Each result is read back
 * through the API.
 */
import type { Page } from '@playwright/test';
import type { ApiFeature, ApiFeatureCollection } from '../../gis-core/api/contract.js';
import { api, interiorPoint, keepScreenshot, toPagePixel, viewInfo } from './app.js';
import { editCall, expect, openEditor, test } from './edit-fixtures.js';

type XY = [number, number];

const ringOf = (f: { geometry: unknown }): XY[] => (f.geometry as { coordinates: XY[][] }).coordinates[0]!;
const key = (p: XY) => `${p[0].toFixed(3)},${p[1].toFixed(3)}`;

function area(ring: XY[]): number {
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i++) twice += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return Math.abs(twice) / 2;
}

function centroid(ring: XY[]): XY {
  const n = ring.length - 1;
  return [ring.slice(0, n).reduce((s, p) => s + p[0], 0) / n, ring.slice(0, n).reduce((s, p) => s + p[1], 0) / n];
}

interface Pair {
  readonly a: ApiFeature;
  readonly b: ApiFeature;
  /** The edge A and B share. */
  readonly shared: [XY, XY];
}

interface Third {
  readonly c: ApiFeature;
  /** A vertex of C and a vertex of another parcel just outside it, to reshape C onto. */
  readonly from: XY;
  readonly onto: XY;
}

/** Two side-by-side lots sharing a long edge. */
function pickPair(parcels: readonly ApiFeature[]): Pair {
  const vertexSets = parcels.map((p) => new Set(ringOf(p).map(key)));
  for (let i = 0; i < parcels.length; i++) {
    for (let j = i + 1; j < parcels.length; j++) {
      const common = ringOf(parcels[i]!).filter((p, k, ring) => k < ring.length - 1 && vertexSets[j]!.has(key(p)));
      if (common.length !== 2) continue;
      // The long side between two lots, not a back corner.
      if (Math.hypot(common[0]![0] - common[1]![0], common[0]![1] - common[1]![1]) < 12) continue;
      return { a: parcels[i]!, b: parcels[j]!, shared: [common[0]!, common[1]!] };
    }
  }
  throw new Error('no two parcels sharing an edge');
}

/** A third lot in sight, apart from A and B, with another lot's vertex 2–6 m away from one of its vertices, outward. */
function pickThird(parcels: readonly ApiFeature[], pair: Pair, inView: (p: XY) => boolean): Third {
  const near = new Set([...ringOf(pair.a), ...ringOf(pair.b)].map(key));
  for (const c of parcels) {
    if (c === pair.a || c === pair.b) continue;
    const ring = ringOf(c);
    if (!ring.every(inView) || ring.some((p) => near.has(key(p)))) continue;
    const mid = centroid(ring);
    const own = new Set(ring.map(key));
    for (const from of ring.slice(0, -1)) {
      const out: XY = [from[0] - mid[0], from[1] - mid[1]];
      for (const other of parcels) {
        if (other === c || other === pair.a || other === pair.b) continue;
        for (const onto of ringOf(other)) {
          const step: XY = [onto[0] - from[0], onto[1] - from[1]];
          const len = Math.hypot(step[0], step[1]);
          if (len < 2 || len > 6 || !inView(onto)) continue;
          if (own.has(key(onto)) || step[0] * out[0] + step[1] * out[1] <= 0) continue;
          return { c, from, onto };
        }
      }
    }
  }
  throw new Error('no third parcel in sight');
}

/** Clicks a map coordinate (the map's box read now: panels may have changed it). */
async function clickAt(page: Page, at: XY, modifier?: 'Shift'): Promise<void> {
  const p = toPagePixel(await viewInfo(page), at);
  if (modifier) await page.keyboard.down(modifier);
  await page.mouse.click(p.x, p.y);
  if (modifier) await page.keyboard.up(modifier);
}

test('box and Shift selection, bulk edit, merge, cut, delete, copy attributes and reshape parcels', async ({ page, request, project }) => {
  const all = (await api<ApiFeatureCollection>(request, '/api/layers/parcels/features?limit=5000', project.url)).features;
  const pair = pickPair(all);
  const { a, b, shared } = pair;
  const [ra, rb] = [ringOf(a), ringOf(b)];
  const middle = centroid([...ra.slice(0, -1), ...rb]);
  await openEditor(page, project, middle, 0.1, 'parcels');
  const view = await viewInfo(page);
  const inView = (p: XY) => {
    const px = toPagePixel(view, p);
    return px.x > view.box.x + 40 && px.x < view.box.x + view.box.width - 40 && px.y > view.box.y + 40 && px.y < view.box.y + view.box.height - 40;
  };
  const { c, from, onto } = pickThird(all, pair, inView);
  const toolbar = page.getByTestId('edit-toolbar');
  const form = page.getByTestId('feature-form');

  // Ctrl+drag: a box over A and B selects both (and whatever else it touches).
  const pa = toPagePixel(view, interiorPoint([ra]));
  const pb = toPagePixel(view, interiorPoint([rb]));
  await page.keyboard.down('Control');
  await page.mouse.move(Math.min(pa.x, pb.x) - 5, Math.min(pa.y, pb.y) - 5);
  await page.mouse.down();
  await page.mouse.move(Math.max(pa.x, pb.x) + 5, Math.max(pa.y, pb.y) + 5, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Control');
  await expect(form).toHaveAttribute('data-kind', 'bulk');
  await expect(page.getByTestId('edit-status')).toContainText('Đã chọn');
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);

  // Click A, Shift+click B: a bulk form for two, the differing parcel numbers shown as such.
  await clickAt(page, interiorPoint([ra]));
  await expect(form).toHaveAttribute('data-kind', 'single');
  await expect(page.getByTestId('form-parcel_no')).toHaveValue(String(a.properties.parcel_no));
  await clickAt(page, interiorPoint([rb]), 'Shift');
  await expect(form).toHaveAttribute('data-kind', 'bulk');
  await expect(form).toContainText('Sửa 2 đối tượng');
  await expect(page.getByTestId('form-parcel_no')).toHaveAttribute('placeholder', '(nhiều giá trị)');
  await page.getByTestId('form-ward').fill('Phường 9');
  await page.getByTestId('form-land_law_code').selectOption('ODT');
  const bulk = await editCall(page, '/api/edits', () => page.getByTestId('form-save').click());
  expect(bulk.changes.filter((ch) => ch.op === 'update')).toHaveLength(2);
  for (const f of [a, b]) {
    const stored = await project.feature(request, 'parcels', f.id);
    expect(stored.properties).toMatchObject({ ward: 'Phường 9', land_law_code: 'ODT', parcel_no: f.properties.parcel_no, sheet_no: f.properties.sheet_no });
  }
  await keepScreenshot(page, 'edit-07-bulk');

  // Merge the two (A keeps its uuid and attributes, B goes).
  await editCall(page, '/api/edits', () => page.getByTestId('edit-merge').click());
  expect(await project.featureStatus(request, 'parcels', b.id)).toBe(404);
  const merged = ringOf(await project.feature(request, 'parcels', a.id));
  expect(area(merged)).toBeCloseTo(area(ra) + area(rb), 1);
  await expect(form).toHaveAttribute('data-kind', 'single');

  // Cut it again along the old boundary (snapping off for the cut line: it starts in a neighbour).
  await page.getByTestId('edit-snap').uncheck();
  await page.getByTestId('edit-mode-split-polygon').click();
  await expect(toolbar).toHaveAttribute('data-mode', 'split-polygon');
  const [p, q] = shared;
  const beyond = (u: XY, v: XY): XY => [u[0] + (u[0] - v[0]) * 0.15, u[1] + (u[1] - v[1]) * 0.15];
  await clickAt(page, beyond(p, q));
  await clickAt(page, beyond(q, p));
  const cut = await editCall(page, '/api/edits', () => page.keyboard.press('Enter'));
  const part = cut.changes.find((ch) => ch.op === 'insert');
  expect(part, JSON.stringify(cut.changes)).toBeTruthy();
  const [one, two] = [ringOf(await project.feature(request, 'parcels', a.id)), ringOf(await project.feature(request, 'parcels', part!.uuid))];
  expect(area(one) + area(two)).toBeCloseTo(area(merged), 0);
  expect(Math.min(area(one), area(two))).toBeGreaterThan(Math.min(area(ra), area(rb)) * 0.8);
  await page.getByTestId('edit-snap').check();

  // Delete (the Delete key) and undo.
  await clickAt(page, interiorPoint([two]));
  await expect(page.getByTestId('form-uuid')).toHaveText(part!.uuid);
  await editCall(page, '/api/edits', () => page.keyboard.press('Delete'));
  expect(await project.featureStatus(request, 'parcels', part!.uuid)).toBe(404);
  await expect(form).toHaveCount(0);
  await editCall(page, '/api/edits/undo', () => page.keyboard.press('Control+z'));
  expect(await project.featureStatus(request, 'parcels', part!.uuid)).toBe(200);

  // Copy attributes: C selected, then A picked as the source; the ward (free text) ticked too.
  const rc = ringOf(c);
  await clickAt(page, interiorPoint([rc]));
  await expect(page.getByTestId('form-uuid')).toHaveText(c.id);
  await page.getByTestId('edit-mode-copy-attributes').click();
  await expect(page.getByTestId('copy-panel')).toContainText('Bấm vào đối tượng nguồn');
  await clickAt(page, interiorPoint([one]));
  await expect(page.getByTestId('copy-panel')).toContainText('sang 1 đối tượng đã chọn');
  await expect(page.getByTestId('copy-land_law_code')).toBeChecked();
  await expect(page.getByTestId('copy-parcel_no')).not.toBeChecked();
  await page.getByTestId('copy-ward').check();
  await editCall(page, '/api/edits', () => page.getByTestId('copy-apply').click());
  const copied = await project.feature(request, 'parcels', c.id);
  expect(copied.properties).toMatchObject({ ward: 'Phường 9', land_law_code: 'ODT', parcel_no: c.properties.parcel_no });

  // Reshape (V): drag a vertex of C onto a neighbour's vertex; it snaps there exactly.
  await page.keyboard.press('v');
  await expect(toolbar).toHaveAttribute('data-mode', 'reshape');
  await expect(page.getByTestId('form-uuid')).toHaveText(c.id);
  const now = await viewInfo(page);
  const start = toPagePixel(now, from);
  const end = toPagePixel(now, onto);
  const reshaped = await editCall(page, '/api/edits', async () => {
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
    await page.mouse.move(end.x + 3, end.y - 2, { steps: 4 });
    await expect(page.getByTestId('map')).toHaveAttribute('data-snap', 'vertex');
    await page.mouse.up();
  });
  expect(reshaped.changes).toContainEqual({ layer: 'parcels', uuid: c.id, op: 'update' });
  const after = ringOf(await project.feature(request, 'parcels', c.id));
  expect(after.some((v) => v[0] === onto[0] && v[1] === onto[1]), `${JSON.stringify(after)} has ${onto}`).toBe(true);
  expect(after.some((v) => v[0] === from[0] && v[1] === from[1])).toBe(false);
  await keepScreenshot(page, 'edit-08-reshape');
  await editCall(page, '/api/edits/undo', () => page.keyboard.press('Control+z'));
  expect(ringOf(await project.feature(request, 'parcels', c.id))).toEqual(rc);
  await expect(page.getByTestId('edit-error')).toHaveCount(0);
});
