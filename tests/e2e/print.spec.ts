/**
 * The print layout editor like a planner uses it, on this test's own copy of the demo: open
 * "In bản đồ", set A3 landscape 1:1000, fill the Vietnamese title block, drop a layer, watch the
 * preview (the core's own sheet) follow, save the layout as a template in the project, export a
 * PDF, download it, and check the PDF with poppler: the title, legend entries with their codes
 * and the scale text are on it as text, and its page rendered by pdftoppm is kept as a
 * screenshot (look at it).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrintTemplate } from '../../gis-core/api/contract.js';
import { api, keepScreenshot, openApp } from './app.js';
import { expect, test } from './edit-fixtures.js';
import { screenshotPath } from './screens.js';

test('print layout: build an A3 1:1000 sheet, save it as a template, export a PDF and read it back', async ({ page, project, request }) => {
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-print-e2e-'));
  try {
    await openApp(page, 'vi', project.url);
    await page.getByTestId('menu-file').click();
    await page.getByTestId('tool-print').click();
    const dialog = page.getByTestId('print-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('In bản đồ — dàn trang');

    await page.getByTestId('print-paper').selectOption('A3');
    await page.getByTestId('print-orientation').selectOption('landscape');
    await page.getByTestId('print-scale').selectOption('1000');
    await page.getByTestId('print-title-authority').fill('UBND thành phố Cao Lãnh');
    await page.getByTestId('print-title-planName').fill('Quy hoạch chi tiết khu đô thị mẫu');
    await page.getByTestId('print-title-decisionNo').fill('1234/QĐ-UBND');
    await page.getByTestId('print-title-decisionDate').fill('2026-03-15');
    await page.getByTestId('print-title-drawnBy').fill('Nguyễn Văn An');
    await page.getByTestId('print-title-checkedBy').fill('Trần Thị Bình');
    await page.getByTestId('print-notes').fill('Số liệu minh họa, không dùng để cấp phép.');
    await page.getByTestId('print-layer-water_meters').uncheck();
    await expect(page.getByTestId('print-center')).toContainText('Tâm khung (VN-2000)');

    // The preview is the core's sheet: it follows the form.
    const sheet = page.getByTestId('print-preview-sheet');
    await expect(page.getByTestId('print-preview-caption')).toContainText('Tỷ lệ in 1:1000');
    await expect(sheet.locator('.plan-name')).toHaveText('Quy hoạch chi tiết khu đô thị mẫu');
    await expect(sheet.locator('.title-block .decision')).toContainText('1234/QĐ-UBND ngày 15/03/2026');
    await expect(sheet.locator('.scale-text')).toHaveText('Tỷ lệ 1:1000');
    await expect(sheet.locator('.legend h3')).toHaveText('CHÚ GIẢI');
    await expect(sheet.locator('[data-layer="zoning"]').first()).toBeAttached();
    await expect(sheet.locator('svg [data-layer="water_meters"]')).toHaveCount(0);
    const codes = await sheet.locator('.legend [data-layer="zoning"] li .code').allTextContents();
    expect(codes.length).toBeGreaterThan(0);
    await keepScreenshot(page, 'print-layout');

    // Saved in the project: the API lists it.
    await page.getByTestId('print-template-name').fill('A3 ngang 1:1000');
    await page.getByTestId('print-template-save').click();
    await expect(page.getByTestId('print-notice')).toHaveText('Đã lưu mẫu “A3 ngang 1:1000” vào dự án.');
    const templates = await api<PrintTemplate[]>(request, '/api/print/templates', project.url);
    expect(templates.map((t) => t.name)).toEqual(['A3 ngang 1:1000']);
    expect(templates[0]!.layout).toMatchObject({ paper: 'A3', scale: 1000, title: { planName: 'Quy hoạch chi tiết khu đô thị mẫu' } });
    expect(templates[0]!.layout.layers).not.toContain('water_meters');

    // Change the form, then load the template back.
    await page.getByTestId('print-scale').selectOption('2000');
    await expect(page.getByTestId('print-preview-caption')).toContainText('1:2000');
    await page.getByTestId('print-template-select').selectOption('A3 ngang 1:1000');
    await page.getByTestId('print-template-load').click();
    await expect(page.getByTestId('print-scale')).toHaveValue('1000');
    await expect(page.getByTestId('print-preview-caption')).toContainText('Tỷ lệ in 1:1000');

    // Export: the print job runs, the PDF downloads.
    const download = page.waitForEvent('download', { timeout: 90_000 });
    await page.getByTestId('print-export-pdf').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('quy-hoach-chi-tiet-khu-do-thi-mau.pdf');
    const pdf = join(dir, file.suggestedFilename());
    await file.saveAs(pdf);
    await expect(page.getByTestId('print-done')).toContainText('Đã in PDF: khổ A3, tỷ lệ 1:1000.');
    await expect(page.getByTestId('print-path')).toContainText('quy-hoach-chi-tiet-khu-do-thi-mau.pdf');

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const expected of ['QUY HOẠCH CHI TIẾT KHU ĐÔ THỊ MẪU', 'UBND THÀNH PHỐ CAO LÃNH', '1234/QĐ-UBND', 'CHÚ GIẢI', 'Tỷ lệ 1:1000', 'Nguyễn Văn An', 'không dùng để cấp phép']) {
      expect(text).toContain(expected);
    }
    // Every zoning code of the preview's legend is in the PDF's text.
    for (const code of codes) expect(text).toMatch(new RegExp(`\\b${code}\\b`));
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+11\d\d(\.\d+)? x 84\d(\.\d+)? pts/);

    // The page as pixels, kept for a person to look at.
    execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', pdf, join(dir, 'page')]);
    copyFileSync(join(dir, 'page.png'), screenshotPath('print-pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
