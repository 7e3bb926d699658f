/** The attribute table: virtualised, sorts by a column (both ways), filters, and zoom-to-row moves the map. */
import { expect, test, type Page } from '@playwright/test';
import { keepScreenshot, openApp, viewInfo, waitMoved } from './app.js';

const collator = new Intl.Collator('vi', { numeric: true });

async function columnTexts(page: Page, field: string): Promise<string[]> {
  return page.locator(`[data-testid="table-row"] [data-field="${field}"]`).allInnerTexts();
}

test('the roads table sorts by name, filters, and zooms to a row', async ({ page }) => {
  await openApp(page);
  // The roads layer's row: open its tools (legend) and its table.
  await page.getByTestId('layer-roads').locator('.layer-name').click();
  await page.getByTestId('layer-table-roads').click();
  const table = page.getByTestId('attribute-table');
  await expect(table).toBeVisible();
  await expect(page.getByTestId('table-layer')).toHaveText('Đường giao thông');
  await expect(page.getByTestId('table-row').first()).toBeVisible();

  const countText = await page.getByTestId('table-count').innerText();
  const total = Number(/\/\s*([\d.]+)/.exec(countText)?.[1]?.replaceAll('.', '') ?? 'NaN');
  expect(total).toBeGreaterThan(1);
  // Virtualised: no more rows in the DOM than fit in the box (plus overscan).
  const domRows = await page.getByTestId('table-row').count();
  expect(domRows).toBeLessThanOrEqual(Math.min(total, 40));

  await page.getByTestId('col-name').click();
  await expect(page.getByTestId('col-name')).toHaveAttribute('aria-sort', 'ascending');
  const ascending = (await columnTexts(page, 'name')).filter((t) => t !== '');
  expect(ascending.length).toBeGreaterThan(1);
  expect([...ascending].sort(collator.compare)).toEqual(ascending);

  await page.getByTestId('col-name').click();
  await expect(page.getByTestId('col-name')).toHaveAttribute('aria-sort', 'descending');
  const descending = (await columnTexts(page, 'name')).filter((t) => t !== '');
  expect([...descending].sort((a, b) => collator.compare(b, a))).toEqual(descending);

  // Filter by the first name: every row left carries it.
  const name = descending[0]!;
  await page.getByTestId('table-filter').fill(name);
  await expect.poll(async () => (await columnTexts(page, 'name')).every((t) => t.includes(name))).toBe(true);
  await keepScreenshot(page, '04-attribute-table');

  // Zoom to the first row: the map moves there and the row's feature is selected.
  const before = await viewInfo(page);
  const uuid = await page.getByTestId('table-row').first().getAttribute('data-uuid');
  await page.getByTestId('row-zoom').first().click();
  const after = await waitMoved(page, before);
  expect(after.centerText).not.toBe(before.centerText);
  await expect(page.getByTestId('identify-panel')).toBeVisible();
  await expect(page.getByTestId('table-row').first()).toHaveClass(/selected/);
  expect(uuid).toBeTruthy();
  await keepScreenshot(page, '05-table-zoom-to-row');
});
