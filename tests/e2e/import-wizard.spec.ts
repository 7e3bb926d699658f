/**
 * The import wizard and the export dialog like a user: on this test's own copy of the demo, a
 * roads shapefile whose names are TCVN3 bytes (written by real GDAL and glibc iconv at test time)
 * is picked, previewed on the map and in a table, read with the wrong and the right encoding,
 * mapped into the roads layer and imported; the roads are drawn with readable labels at once;
 * Undo takes them out again. Then a layer is exported to GeoPackage through the dialog and the
 * downloaded file is read with ogrinfo.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ApiFeatureCollection, LayerInfo } from '../../gis-core/api/contract.js';
import { TCVN3_ROAD_NAMES, tcvn3RoadsShapefile } from '../helpers/tcvn3-roads.js';
import { api, keepScreenshot, mapImage, openApp, toPagePixel, viewExtent, viewInfo, waitIdle } from './app.js';
import { expect, test } from './edit-fixtures.js';

/** Pixels along the line y = `y` between x0 and x1 (project CRS) that are not the empty map's background. */
async function drawnAlong(page: Page, [x0, x1]: readonly [number, number], y: number): Promise<number> {
  const view = await viewInfo(page);
  const image = await mapImage(page);
  let drawn = 0;
  for (let i = 0; i <= 40; i++) {
    const p = toPagePixel(view, [x0 + ((x1 - x0) * i) / 40, y]);
    const px = Math.round(p.x - view.box.x);
    const py = Math.round(p.y - view.box.y);
    if (px < 0 || py < 0 || px >= image.width || py >= image.height) continue;
    let dark = false;
    for (let dy = -2; dy <= 2 && !dark; dy++) {
      const at = ((py + dy) * image.width + px) * 4;
      const [r, g, b] = [image.data[at]!, image.data[at + 1]!, image.data[at + 2]!];
      if (r + g + b < 600) dark = true;
    }
    if (dark) drawn++;
  }
  return drawn;
}

/** The preview zooms the map to the new features with an animated fit: wait until the view shows them. */
async function waitShowing(page: Page, [x, y]: readonly [number, number]): Promise<void> {
  await expect
    .poll(async () => {
      const [minx, miny, maxx, maxy] = viewExtent(await viewInfo(page));
      return x > minx && x < maxx && y > miny && y < maxy;
    })
    .toBe(true);
  await page.waitForTimeout(450); // the end of the fit animation
  await waitIdle(page);
}

test('import wizard: a TCVN3 shapefile previewed, decoded, mapped, imported, drawn with labels, undone', async ({ page, project, request }) => {
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-import-e2e-'));
  try {
    const layers = await api<LayerInfo[]>(request, '/api/layers', project.url);
    const roads = layers.find((l) => l.id === 'roads')!;
    // Beside the demo city, where nothing else is drawn: the new roads and their labels stand alone.
    const origin: [number, number] = [roads.extent![0] - 400, roads.extent![1] - 400];
    const files = tcvn3RoadsShapefile(dir, 'duong_tcvn3', origin);

    await openApp(page, 'vi', project.url);
    await page.getByTestId('menu-file').click();
    await page.getByTestId('tool-import').click();
    const wizard = page.getByTestId('import-wizard');
    await expect(wizard).toBeVisible();
    await expect(wizard.getByRole('heading')).toHaveText('Nhập dữ liệu vào dự án');

    // 1. Files: the whole shapefile at once (.shp, .shx, .dbf, .prj).
    await page.getByTestId('io-file-input').setInputFiles(files);

    // 2. Preview: the table decoded (TCVN3 detected), the features on the map.
    await expect(page.getByTestId('io-step-preview')).toBeVisible();
    await expect(page.getByTestId('io-source-summary')).toContainText('3 đối tượng');
    const table = page.getByTestId('io-preview-table');
    for (const name of TCVN3_ROAD_NAMES) await expect(table).toContainText(name);
    await waitShowing(page, [origin[0] + 60, origin[1] + 40]);
    expect(await drawnAlong(page, [origin[0] + 10, origin[0] + 110], origin[1] + 40)).toBeGreaterThan(20);
    await keepScreenshot(page, 'import-wizard-preview');

    // 3. Coordinates: the .prj is recognised as the project's zone.
    await page.getByTestId('io-next').click();
    await expect(page.getByTestId('io-crs-detected')).toContainText('EPSG:5897');

    // 4. Encoding: a wrong choice garbles the names, TCVN3 reads them.
    await page.getByTestId('io-next').click();
    await expect(page.getByTestId('io-encoding-guesses')).toContainText('TEN_DUONG: TCVN3 (ABC)');
    await page.getByTestId('io-encoding').selectOption('cp1258');
    await expect(page.getByTestId('io-preview-table')).not.toContainText(TCVN3_ROAD_NAMES[0]);
    await page.getByTestId('io-encoding').selectOption('tcvn3');
    for (const name of TCVN3_ROAD_NAMES) await expect(page.getByTestId('io-preview-table')).toContainText(name);
    await keepScreenshot(page, 'import-wizard-encoding');

    // 5. Target layer and mapping: suggested from the Vietnamese labels, editable.
    await page.getByTestId('io-next').click();
    await page.getByTestId('io-target-layer').selectOption('roads');
    await expect(page.getByTestId('io-map-TEN_DUONG')).toHaveValue('name');
    await expect(page.getByTestId('io-map-CAP_DUONG')).toHaveValue('road_class');
    await expect(page.getByTestId('io-map-LO_GIOI')).toHaveValue('red_line_width_m');
    await keepScreenshot(page, 'import-wizard-mapping');

    // 6. Import as a job; the result, and the map shows the roads at once.
    await page.getByTestId('io-import-start').click();
    const result = page.getByTestId('io-import-result');
    await expect(result).toHaveAttribute('data-imported', '3');
    await expect(result).toContainText('Đã nhập 3 đối tượng vào lớp Đường giao thông');
    await expect(page.getByTestId('io-rejected')).toHaveCount(0);
    const imported = await api<ApiFeatureCollection>(request, `/api/layers/roads/features?bbox=${origin[0] - 1},${origin[1] - 1},${origin[0] + 121},${origin[1] + 81}`, project.url);
    expect(imported.features.map((f) => f.properties.name).sort()).toEqual([...TCVN3_ROAD_NAMES].sort());
    await waitIdle(page);
    // The preview layer is gone: what is drawn now is the roads layer itself.
    expect(await drawnAlong(page, [origin[0] + 10, origin[0] + 110], origin[1] + 40)).toBeGreaterThan(20);
    await keepScreenshot(page, 'import-wizard-imported');

    // Undo: the roads leave the project and the map.
    await page.getByTestId('io-undo').click();
    await expect(page.getByTestId('io-undone')).toBeVisible();
    const after = await api<ApiFeatureCollection>(request, `/api/layers/roads/features?bbox=${origin[0] - 1},${origin[1] - 1},${origin[0] + 121},${origin[1] + 81}`, project.url);
    expect(after.features).toHaveLength(0);
    await waitIdle(page);
    expect(await drawnAlong(page, [origin[0] + 10, origin[0] + 110], origin[1] + 40)).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('export dialog: a layer to GeoPackage, downloaded and read by ogrinfo', async ({ page, project, request }) => {
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-export-e2e-'));
  try {
    const layers = await api<LayerInfo[]>(request, '/api/layers', project.url);
    const hydrants = layers.find((l) => l.id === 'water_hydrants')!;
    await openApp(page, 'vi', project.url);
    await page.getByTestId('menu-file').click();
    await page.getByTestId('tool-export').click();
    const dialog = page.getByTestId('export-dialog');
    await expect(dialog).toBeVisible();
    await page.getByTestId('export-layer').selectOption('water_hydrants');
    await page.getByTestId('export-format').selectOption('geojson');
    await expect(page.getByTestId('export-wgs84-note')).toBeVisible();
    await expect(page.getByTestId('export-crs')).toBeDisabled();
    await page.getByTestId('export-format').selectOption('gpkg');
    await expect(page.getByTestId('export-crs')).toHaveValue('5897');
    await keepScreenshot(page, 'export-dialog');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-run').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('water_hydrants.gpkg');
    const saved = join(dir, file.suggestedFilename());
    await file.saveAs(saved);
    await expect(page.getByTestId('export-done')).toContainText(`Đã xuất ${hydrants.featureCount} đối tượng`);
    const info = execFileSync('ogrinfo', ['-so', saved, 'water_hydrants'], { encoding: 'utf8' });
    expect(info).toContain(`Feature Count: ${hydrants.featureCount}`);
    // The VN-2000 datum shift (EPSG:6960 in position-vector form) travels with the data.
    expect(info).toContain("-191.90441429");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('export dialog: the planning database of Circular 16/2025 (_A/_L/_P layers) downloaded and read by ogrinfo', async ({ page, project, request }) => {
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-export-planning-e2e-'));
  try {
    const layers = await api<LayerInfo[]>(request, '/api/layers', project.url);
    const zoning = layers.find((l) => l.id === 'zoning')!;
    await openApp(page, 'vi', project.url);
    await page.getByTestId('menu-file').click();
    await page.getByTestId('tool-export').click();
    await page.getByTestId('export-format').selectOption('planning-gpkg');
    await expect(page.getByTestId('export-planning-note')).toContainText('Thông tư 16/2025');
    await expect(page.getByTestId('export-layer')).toBeHidden();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-run').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('QuyHoach.gpkg');
    const saved = join(dir, file.suggestedFilename());
    await file.saveAs(saved);
    await expect(page.getByTestId('export-done')).toBeVisible();
    const listing = execFileSync('ogrinfo', ['-so', '-q', saved], { encoding: 'utf8' });
    expect(listing).toContain('ChucNangSuDungDat_A (Polygon)');
    expect(listing).toContain('ChiGioiDuongDo_L (Line String)');
    const plots = execFileSync('ogrinfo', ['-so', saved, 'ChucNangSuDungDat_A'], { encoding: 'utf8' });
    expect(plots).toContain(`Feature Count: ${zoning.featureCount}`);
    expect(plots).toContain('maThongTinQH: String');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import wizard: a shapefile without .prj waits for a coordinate system, chosen among the suggested zones', async ({ page, project, request }) => {
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-import-crs-e2e-'));
  try {
    const layers = await api<LayerInfo[]>(request, '/api/layers', project.url);
    const roads = layers.find((l) => l.id === 'roads')!;
    const origin: [number, number] = [roads.extent![0] - 400, roads.extent![1] - 400];
    const files = tcvn3RoadsShapefile(dir, 'khong_prj', origin).filter((f) => !f.endsWith('.prj'));

    await openApp(page, 'vi', project.url);
    await page.getByTestId('menu-file').click();
    await page.getByTestId('tool-import').click();
    await page.getByTestId('io-file-input').setInputFiles(files);
    await expect(page.getByTestId('io-step-preview')).toBeVisible();
    await expect(page.getByTestId('io-preview-error')).toContainText('Hãy chọn hệ tọa độ');
    await page.getByTestId('io-next').click();
    await expect(page.getByTestId('io-crs-detected')).toHaveText('Tệp không có hệ tọa độ');
    // No going on without a choice; the project's own zone is suggested first.
    await expect(page.getByTestId('io-next')).toHaveCount(0);
    const suggestions = page.getByTestId('io-crs-suggestions');
    await expect(suggestions.getByRole('radio').first()).toBeVisible();
    await expect(suggestions.locator('label').first()).toContainText('EPSG:5897');
    await expect(suggestions.locator('label').first()).toContainText('khớp múi chiếu của dự án');
    await suggestions.getByRole('radio').first().check();
    for (const name of TCVN3_ROAD_NAMES) await expect(page.getByTestId('io-preview-table')).toContainText(name);
    await waitShowing(page, [origin[0] + 60, origin[1] + 40]);
    expect(await drawnAlong(page, [origin[0] + 10, origin[0] + 110], origin[1] + 40)).toBeGreaterThan(20);
    await keepScreenshot(page, 'import-wizard-crs');
    await expect(page.getByTestId('io-next')).toBeVisible();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
