/**
 * Splitting a water main at a point: a click on the main (snapped onto it) in the split tool
 * makes two mains meeting there, with the same attributes; then undo, redo, a page reload and
 * undo again.
 */
import type { ApiFeature, ApiFeatureCollection } from '../../gis-core/api/contract.js';
import { api, keepScreenshot, toPagePixel, viewInfo, waitIdle } from './app.js';
import { editCall, expect, openEditor, test } from './edit-fixtures.js';

type XY = [number, number];

const CARRIED = ['code', 'diameter_mm', 'material', 'pressure_zone', 'year', 'status'];

function coordsOf(feature: { geometry: unknown }): XY[] {
  return (feature.geometry as { coordinates: XY[] }).coordinates;
}

/** The main with the longest straight segment, and a point 40 % along it away from valves and hydrants. */
async function pickMain(request: Parameters<typeof api>[0], base: string): Promise<{ main: ApiFeature; at: XY }> {
  const mains = await api<ApiFeatureCollection>(request, '/api/layers/water_mains/features?limit=5000', base);
  const nodes = [
    ...(await api<ApiFeatureCollection>(request, '/api/layers/water_valves/features?limit=5000', base)).features,
    ...(await api<ApiFeatureCollection>(request, '/api/layers/water_hydrants/features?limit=5000', base)).features,
  ].map((f) => (f.geometry as unknown as { coordinates: XY }).coordinates);
  let best: { main: ApiFeature; at: XY; length: number } | null = null;
  for (const main of mains.features) {
    const c = coordsOf(main);
    for (let i = 1; i < c.length; i++) {
      const [a, b] = [c[i - 1]!, c[i]!];
      const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
      const at: XY = [a[0] + (b[0] - a[0]) * 0.4, a[1] + (b[1] - a[1]) * 0.4];
      const clear = nodes.every((n) => Math.hypot(n[0] - at[0], n[1] - at[1]) > 8);
      if (clear && (!best || length > best.length)) best = { main, at, length };
    }
  }
  expect(best, 'a water main with a long segment').toBeTruthy();
  return best!;
}

test('split a water main at a point, undo, redo, reload and undo again', async ({ page, request, project }) => {
  const { main, at } = await pickMain(request, project.url);
  const before = await project.feature(request, 'water_mains', main.id);

  await openEditor(page, project, at, 0.25, 'water_mains');
  // S: split. The pointer just off the main snaps onto it.
  await page.keyboard.press('s');
  await expect(page.getByTestId('edit-toolbar')).toHaveAttribute('data-mode', 'split-line');
  const view = await viewInfo(page);
  const p = toPagePixel(view, at);
  const map = page.getByTestId('map');
  await page.mouse.move(p.x + 2, p.y + 3);
  await expect(map).toHaveAttribute('data-snap', 'edge');
  await expect(map).toHaveAttribute('data-snap-layer', 'water_mains');
  await expect(page.getByTestId('edit-snapped')).toHaveText('Bắt cạnh: Đường ống cấp nước');
  const snapped: XY = [Number(await map.getAttribute('data-snap-x')), Number(await map.getAttribute('data-snap-y'))];
  expect(Math.hypot(snapped[0] - at[0], snapped[1] - at[1])).toBeLessThan(view.resolution * 5);

  const result = await editCall(page, '/api/edits', () => page.mouse.click(p.x + 2, p.y + 3));
  const made = result.changes.find((c) => c.op === 'insert' && c.layer === 'water_mains');
  expect(made, JSON.stringify(result.changes)).toBeTruthy();
  expect(result.changes).toContainEqual({ layer: 'water_mains', uuid: main.id, op: 'update' });
  await keepScreenshot(page, 'edit-03-split');

  // Stored: two mains meeting at the clicked point, lengths adding up, attributes carried over.
  const first = await project.feature(request, 'water_mains', main.id);
  const second = await project.feature(request, 'water_mains', made!.uuid);
  const end = coordsOf(first).at(-1)!;
  const start = coordsOf(second)[0]!;
  expect(end).toEqual(start);
  expect(Math.hypot(end[0] - snapped[0], end[1] - snapped[1])).toBeLessThan(0.01);
  expect(coordsOf(first)[0]).toEqual(coordsOf(before)[0]);
  expect(coordsOf(second).at(-1)).toEqual(coordsOf(before).at(-1));
  expect((first.properties.length_m as number) + (second.properties.length_m as number)).toBeCloseTo(before.properties.length_m as number, 1);
  for (const key of CARRIED) {
    expect(first.properties[key], key).toEqual(before.properties[key]);
    expect(second.properties[key], key).toEqual(before.properties[key]);
  }
  await expect(page.getByTestId('edit-undo')).toHaveAttribute('data-message', /^Cắt Đường ống cấp nước/);

  // Undo: one main again, exactly as it was; redo: split again.
  await editCall(page, '/api/edits/undo', () => page.keyboard.press('Control+z'));
  expect(coordsOf(await project.feature(request, 'water_mains', main.id))).toEqual(coordsOf(before));
  expect(await project.featureStatus(request, 'water_mains', made!.uuid)).toBe(404);
  await editCall(page, '/api/edits/redo', () => page.keyboard.press('Control+Shift+z'));
  expect(coordsOf(await project.feature(request, 'water_mains', main.id))).toEqual(coordsOf(first));
  expect(await project.featureStatus(request, 'water_mains', made!.uuid)).toBe(200);

  // After a reload, undo reverts the split (the journal is in the project file).
  await page.reload();
  await waitIdle(page);
  await page.getByTestId('tool-edit').click();
  await expect(page.getByTestId('edit-undo')).toHaveAttribute('data-message', /^Cắt Đường ống cấp nước/);
  await editCall(page, '/api/edits/undo', () => page.getByTestId('edit-undo').click());
  expect(coordsOf(await project.feature(request, 'water_mains', main.id))).toEqual(coordsOf(before));
  expect(await project.featureStatus(request, 'water_mains', made!.uuid)).toBe(404);
});
