/**
 * Drawing a zone as a planner would: its first vertex snapped onto the corner of an existing
 * zone, its form filled (code, function from the picker, indicators, a range problem shown and
 * fixed, a decimal comma), saved and seen on the map; then undo, redo, a page reload and undo
 * again. The stored feature is read back through the API.
 */
import type { ApiFeatureCollection } from '../../gis-core/api/contract.js';
import { api, interiorPoint, keepScreenshot, layerInfos, showOnly, toPagePixel, viewInfo, waitIdle } from './app.js';
import { editCall, expect, openEditor, test } from './edit-fixtures.js';

type Ring = [number, number][];

function shoelace(ring: Ring): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

test('draw a zone with a snapped vertex, fill its form, undo, redo, reload and undo again', async ({ page, request, project }) => {
  // The north-east corner of the north-east block: the new zone is drawn outside it, from that corner.
  const zones = await api<ApiFeatureCollection>(request, '/api/layers/zoning/features?limit=500', project.url);
  const corners = zones.features
    .filter((f) => f.properties.function_code !== 'MN' && f.geometry.type === 'Polygon')
    .flatMap((f) => (f.geometry as unknown as { coordinates: number[][][] }).coordinates[0]!.map((p) => [p[0]!, p[1]!] as [number, number]));
  const corner = corners.reduce((best, p) => (p[0] + p[1] > best[0] + best[1] ? p : best));
  const drawn: Ring = [corner, [corner[0] + 45, corner[1] + 5], [corner[0] + 50, corner[1] + 45], [corner[0] + 8, corner[1] + 40]];

  await openEditor(page, project, [corner[0] + 25, corner[1] + 20], 0.3, 'zoning');
  await showOnly(page, await layerInfos(request, project.url), ['zoning']);

  // Draw (D): the pointer a few pixels off the corner snaps onto it, and the UI says so.
  await page.keyboard.press('d');
  await expect(page.getByTestId('edit-toolbar')).toHaveAttribute('data-mode', 'draw');
  let view = await viewInfo(page);
  const at = toPagePixel(view, corner);
  await page.mouse.move(at.x + 4, at.y - 3);
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-snap', 'vertex');
  await expect(map).toHaveAttribute('data-snap-layer', 'zoning');
  await expect(page.getByTestId('edit-snapped')).toHaveText('Bắt đỉnh: Quy hoạch sử dụng đất');
  expect(Number(await map.getAttribute('data-snap-x'))).toBe(corner[0]);
  expect(Number(await map.getAttribute('data-snap-y'))).toBe(corner[1]);
  await keepScreenshot(page, 'edit-01-snap');
  await page.mouse.click(at.x + 4, at.y - 3);
  for (const vertex of drawn.slice(1)) {
    const p = toPagePixel(view, vertex);
    await page.mouse.click(p.x, p.y);
  }
  await page.keyboard.press('Enter');

  // The form of the new zone: required fields marked, the area computed from the drawing.
  const form = page.getByTestId('feature-form');
  await expect(form).toHaveAttribute('data-kind', 'new');
  await expect(form.locator('[data-field="zone_code"] label')).toContainText('Ký hiệu ô đất*');
  const previewArea = Number(await page.getByTestId('form-area_m2').getAttribute('data-value'));
  expect(Math.abs(previewArea - shoelace(drawn)) / shoelace(drawn)).toBeLessThan(0.05); // clicked to the pixel

  await page.getByTestId('form-zone_code').fill('HH-09');
  await page.getByTestId('form-name').fill('Khu hỗn hợp phía đông');
  await page.getByTestId('form-function_code').selectOption('HH');
  await expect(page.getByTestId('form-function_code').locator('option:checked')).toHaveText('HH — Đất hỗn hợp');
  await page.getByTestId('form-land_law_code').selectOption('ODT');
  await page.getByTestId('form-status').selectOption('planned');
  // A density above 100 % is refused at the field, before saving.
  await page.getByTestId('form-max_density_pct').fill('120');
  await expect(page.getByTestId('problem-max_density_pct')).toHaveText('Phải từ 0 đến 100 %');
  await page.getByTestId('form-max_density_pct').fill('60');
  await expect(page.getByTestId('problem-max_density_pct')).toHaveCount(0);
  await page.getByTestId('form-max_far').fill('4,5');
  await page.getByTestId('form-min_floors').fill('3');
  await page.getByTestId('form-max_floors').fill('9');
  await page.getByTestId('form-max_height_m').fill('36');
  await page.getByTestId('form-setback_m').fill('6');
  await keepScreenshot(page, 'edit-02-zone-form');

  const saved = await editCall(page, '/api/edits', () => page.getByTestId('form-save').click());
  const inserted = saved.changes.find((c) => c.op === 'insert' && c.layer === 'zoning');
  expect(inserted, JSON.stringify(saved.changes)).toBeTruthy();
  const uuid = inserted!.uuid;

  // Stored: the snapped vertex exactly, the attributes typed, the area derived by the core.
  const stored = await project.feature(request, 'zoning', uuid);
  const ring = (stored.geometry as unknown as { coordinates: number[][][] }).coordinates[0]!;
  expect(ring.some((p) => p[0] === corner[0] && p[1] === corner[1]), `ring ${JSON.stringify(ring)} has ${corner}`).toBe(true);
  expect(stored.properties).toMatchObject({
    zone_code: 'HH-09',
    function_code: 'HH',
    land_law_code: 'ODT',
    status: 'planned',
    max_density_pct: 60,
    max_far: 4.5,
    min_floors: 3,
    max_floors: 9,
    max_height_m: 36,
    setback_m: 6,
  });
  expect(Math.abs((stored.properties.area_m2 as number) - shoelace(ring.slice(0, -1) as Ring))).toBeLessThan(0.1);
  expect(stored.properties.area_m2).toBeCloseTo(previewArea, 1);

  // The saved zone is selected; its form shows the stored values and the core's area.
  await expect(form).toHaveAttribute('data-kind', 'single');
  await expect(page.getByTestId('form-zone_code')).toHaveValue('HH-09');
  await expect(page.getByTestId('form-area_m2')).toHaveAttribute('data-value', String(stored.properties.area_m2));
  await expect(page.getByTestId('edit-undo')).toHaveAttribute('data-message', 'Vẽ Quy hoạch sử dụng đất «HH-09»');
  await expect(page.getByTestId('layer-count-zoning')).toHaveText(String(zones.features.length + 1));

  // On the map: Esc clears the selection; a click inside the new zone selects it again.
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  view = await viewInfo(page);
  const inside = toPagePixel(view, interiorPoint([ring]));
  await page.mouse.click(inside.x, inside.y);
  await expect(page.getByTestId('form-zone_code')).toHaveValue('HH-09');

  // Undo (Ctrl+Z) removes it, redo brings it back.
  await editCall(page, '/api/edits/undo', () => page.keyboard.press('Control+z'));
  expect(await project.featureStatus(request, 'zoning', uuid)).toBe(404);
  await expect(page.getByTestId('edit-notice')).toHaveText('Đã hoàn tác: Vẽ Quy hoạch sử dụng đất «HH-09»');
  await expect(page.getByTestId('edit-redo')).toHaveAttribute('data-message', 'Vẽ Quy hoạch sử dụng đất «HH-09»');
  await editCall(page, '/api/edits/redo', () => page.getByTestId('edit-redo').click());
  expect(await project.featureStatus(request, 'zoning', uuid)).toBe(200);

  // The history lists the drawing (redone) and the undo and redo.
  await page.getByTestId('edit-history').click();
  const entries = page.getByTestId('edit-history-entry');
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toContainText('Làm lại: Vẽ Quy hoạch sử dụng đất «HH-09»');
  await expect(entries.nth(1)).toContainText('Hoàn tác: Vẽ Quy hoạch sử dụng đất «HH-09»');
  await expect(entries.nth(2)).toContainText('Vẽ Quy hoạch sử dụng đất «HH-09»');
  await keepScreenshot(page, 'edit-09-history');
  await page.getByTestId('edit-history').click();

  // The journal is in the file: after a reload, undo still knows what it reverts.
  await page.reload();
  await waitIdle(page);
  await page.getByTestId('tool-edit').click();
  await expect(page.getByTestId('edit-layer')).toHaveValue('zoning');
  await expect(page.getByTestId('edit-undo')).toBeEnabled();
  await expect(page.getByTestId('edit-undo')).toHaveAttribute('data-message', 'Vẽ Quy hoạch sử dụng đất «HH-09»');
  await editCall(page, '/api/edits/undo', () => page.getByTestId('edit-undo').click());
  expect(await project.featureStatus(request, 'zoning', uuid)).toBe(404);
  await expect(page.getByTestId('edit-error')).toHaveCount(0);
  await expect(page.getByTestId('layer-count-zoning')).toHaveText(String(zones.features.length));

  // Nothing left to undo: the core's answer is shown in Vietnamese, not swallowed.
  await expect(page.getByTestId('edit-undo')).toBeDisabled();
  const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/edits/undo');
  await page.keyboard.press('Control+z');
  expect((await refused).status()).toBe(409);
  await expect(page.getByTestId('edit-error')).toHaveAttribute('data-code', 'NOTHING_TO_UNDO');
  await expect(page.getByTestId('edit-error')).toContainText('Không còn gì để hoàn tác');
  await keepScreenshot(page, 'edit-10-error');
});
