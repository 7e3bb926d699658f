/** The language switch changes every label: UI strings, layer and group names, field labels. */
import { expect, test } from '@playwright/test';
import { keepScreenshot, openApp } from './app.js';

test('the language switch turns the UI from Vietnamese to English and back', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.locator('.layer-panel h2')).toHaveText('Lớp dữ liệu');
  await expect(page.getByTestId('group-planning').locator('h3')).toHaveText('Quy hoạch');
  await expect(page.getByTestId('layer-parcels')).toContainText('Thửa đất địa chính');
  await page.getByTestId('menu-measure').click();
  await expect(page.getByTestId('tool-length')).toContainText('Đo chiều dài');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tool-length')).toBeHidden();
  await expect(page.getByTestId('status-bar')).toContainText('x (Đông)');
  await expect(page.getByTestId('legend-zoning')).toContainText('Đất ở mới');

  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.layer-panel h2')).toHaveText('Layers');
  await expect(page.getByTestId('group-planning').locator('h3')).toHaveText('Planning');
  await expect(page.getByTestId('group-cadastre').locator('h3')).toHaveText('Cadastre and buildings');
  await expect(page.getByTestId('layer-parcels')).toContainText('Cadastral parcels');
  await page.getByTestId('menu-measure').click();
  await expect(page.getByTestId('tool-length')).toContainText('Measure length');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('status-bar')).toContainText('x (East)');
  await expect(page.getByTestId('legend-zoning')).toContainText('New residential');
  await expect(page.getByTestId('search-input')).toHaveAttribute('placeholder', /Find a parcel/);
  await keepScreenshot(page, '09-english');

  // The choice is remembered, and switching back restores Vietnamese.
  await page.reload();
  await expect(page.locator('.layer-panel h2')).toHaveText('Layers');
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('.layer-panel h2')).toHaveText('Lớp dữ liệu');
});
