/** Identify: clicking a known feature shows its attributes with Vietnamese labels, units and code-list labels. */
import { expect, test } from '@playwright/test';
import { featuresIn, interiorPoint, keepScreenshot, layerInfos, openApp, showOnly, toPagePixel, viewExtent, viewInfo } from './app.js';

test('clicking a zoning plot shows its attributes with labels, units and code-list labels', async ({ page, request }) => {
  const layers = await layerInfos(request);
  const zoning = layers.find((l) => l.id === 'zoning')!;
  await openApp(page);
  await showOnly(page, layers, ['zoning']);
  const view = await viewInfo(page);

  // A plot near the centre of the view, from the API (ground truth), and a point inside it.
  const [minx, miny, maxx, maxy] = viewExtent(view);
  const w = maxx - minx;
  const h = maxy - miny;
  const inner = [minx + w * 0.3, miny + h * 0.3, maxx - w * 0.3, maxy - h * 0.3];
  const { features } = await featuresIn(request, 'zoning', inner, 50);
  const plot = features.find((f) => f.geometry.type === 'Polygon' && f.properties.zone_code);
  expect(plot, 'a zoning plot in the middle of the view').toBeTruthy();
  const rings = (plot!.geometry as unknown as { coordinates: number[][][] }).coordinates;
  const target = interiorPoint(rings);
  const pixel = toPagePixel(view, target);
  await page.mouse.click(pixel.x, pixel.y);

  const panel = page.getByTestId('identify-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('identify-layer')).toHaveText('Quy hoạch sử dụng đất');
  const codeRow = panel.locator('tr[data-field="zone_code"]');
  await expect(codeRow.locator('th')).toHaveText('Ký hiệu ô đất');
  await expect(codeRow.locator('td')).toHaveText(String(plot!.properties.zone_code));

  // The function as its code-list label, e.g. "OM — Đất ở mới".
  const fn = String(plot!.properties.function_code);
  const fnField = zoning.fields.find((f) => f.key === 'function_code')!;
  const fnLabel = fnField.codeList!.entries.find((e) => e.code === fn)!.label.vi;
  await expect(panel.locator('tr[data-field="function_code"] td')).toHaveText(`${fn} — ${fnLabel}`);
  await expect(panel.locator('tr[data-field="function_code"] th')).toHaveText('Chức năng sử dụng đất');

  // A number with its unit, in Vietnamese format (decimal comma).
  const area = plot!.properties.area_m2;
  if (typeof area === 'number') {
    await expect(panel.locator('tr[data-field="area_m2"] th')).toHaveText('Diện tích');
    const expected = area.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
    await expect(panel.locator('tr[data-field="area_m2"] td')).toHaveText(`${expected} m²`);
  }
  await keepScreenshot(page, '03-identify');
});
