/**
 * The public kiosk (`plandesk serve --kiosk`) driven like a citizen would: search a parcel by
 * tờ/thửa and read its card, tap the map, print the sheet (a real PDF with the parcel and the
 * disclaimer), the idle reset with its countdown, and no way out: navigation to another origin,
 * links, new windows, the context menu and devtools shortcuts all stay on the kiosk page.
 * Each test runs its own kiosk server on a copy of the demo with the plan metadata set.
 */
import { expect, test as base, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanningCard, PlanningLookupResult } from '../../gis-core/api/contract.js';
import { Project } from '../../gis-core/store/project.js';
import { api, interiorPoint, keepScreenshot, toPagePixel, viewInfo } from './app.js';
import { ROOT, BUNDLED_DEMO, serve } from './serve.js';

interface Kiosk {
  readonly url: string;
}

function demoCopy(dir: string): string {
  const source = process.env.PLANDESK_E2E_FILE ?? BUNDLED_DEMO;
  const file = join(dir, 'cao-lanh.plandesk.sqlite');
  copyFileSync(source, file);
  if (existsSync(`${source}-wal`) && statSync(`${source}-wal`).size > 0) copyFileSync(`${source}-wal`, `${file}-wal`);
  const project = Project.open(file);
  try {
    project.setMetadata('plan_name', 'Quy hoạch phân khu tỷ lệ 1/2000 Khu đô thị mẫu Phường 1, TP. Cao Lãnh');
    project.setMetadata('plan_decision_no', '1234/QĐ-UBND (minh họa)');
    project.setMetadata('plan_decision_date', '15/06/2021');
    project.setMetadata('plan_authority', 'UBND tỉnh Đồng Tháp');
  } finally {
    project.close();
  }
  return file;
}

function kioskTest(idle: number) {
  return base.extend<{ kiosk: Kiosk }>({
    // eslint-disable-next-line no-empty-pattern
    kiosk: async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'plandesk-kiosk-e2e-'));
      const server = await serve(demoCopy(dir), ['--kiosk', '--idle', String(idle)]);
      try {
        await use({ url: server.url });
      } finally {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  });
}

const test = kioskTest(600);
const shortIdle = kioskTest(12);

async function openKiosk(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page).toHaveURL(/\/kiosk\.html\?idle=\d+$/);
  await expect(page.getByRole('heading', { name: 'Tra cứu thông tin quy hoạch' })).toBeVisible();
  await expect(page.getByTestId('map')).toHaveAttribute('data-loaded', /\d+/);
}

/** The map has drawn the features of its current view. */
async function mapDrawn(page: Page): Promise<void> {
  await expect(page.getByTestId('map')).toHaveAttribute('data-pending', '0');
}

async function searchParcel(page: Page, sheet: number, parcel: number): Promise<void> {
  await page.getByLabel('Số tờ bản đồ').fill(String(sheet));
  await page.getByLabel('Số thửa').fill(String(parcel));
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
}

async function cardOf(request: Parameters<typeof api>[0], base: string, sheet: number, parcel: number): Promise<PlanningCard> {
  const found = await api<PlanningLookupResult>(request, `/api/planning/lookup?by=parcel&sheet=${sheet}&parcel=${parcel}`, base);
  return api<PlanningCard>(request, `/api/planning/parcels/${found.hits[0]!.uuid}/card`, base);
}

test('searches a parcel by tờ and thửa and reads its planning card', async ({ page, request, kiosk }) => {
  await openKiosk(page, kiosk.url);
  await mapDrawn(page);
  await keepScreenshot(page, 'kiosk-home');
  // Touch-friendly: every control is at least 48 px high.
  for (const control of await page.locator('button:visible, input:visible').all()) {
    const box = await control.boundingBox();
    expect(box?.height ?? 0, await control.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(48);
  }
  await searchParcel(page, 4, 703);
  const card = page.getByRole('article', { name: 'Thông tin quy hoạch' });
  await expect(card.getByRole('heading', { name: 'Tờ 4, thửa 703' })).toBeVisible();
  const expected = await cardOf(request, kiosk.url, 4, 703);
  expect(expected.zones.length).toBeGreaterThanOrEqual(2);
  for (const zone of expected.zones) {
    const block = card.locator(`[data-zone="${zone.zoneCode}"]`);
    await expect(block).toBeVisible();
    const area = zone.areaM2.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const share = (zone.share * 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 });
    await expect(block).toContainText(`${area} m² (${share} % diện tích thửa)`);
    await expect(block).toContainText(zone.functionLabel!.vi);
    if (zone.maxFar !== null) await expect(block).toContainText(zone.maxFar.toLocaleString('vi-VN', { maximumFractionDigits: 2 }));
  }
  await expect(card).toContainText('Quy hoạch phân khu tỷ lệ 1/2000');
  await expect(card).toContainText('1234/QĐ-UBND (minh họa), 15/06/2021');
  await expect(card.getByRole('note')).toContainText('chỉ có giá trị tham khảo');
  await mapDrawn(page);
  await keepScreenshot(page, 'kiosk-card');
  if (process.env.PLANDESK_KEEP_README_SCREENSHOTS) {
    mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/kiosk-card.png') });
  }
  // English through the switch, numbers and labels with it.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('article', { name: 'Planning information' }).getByRole('heading', { name: 'Sheet 4, parcel 703' })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('For reference only');
});

test('taps a parcel on the map and reads its card', async ({ page, request, kiosk }) => {
  await openKiosk(page, kiosk.url);
  const expected = await cardOf(request, kiosk.url, 4, 721);
  const geometry = expected.parcel.geometry as { type: 'Polygon'; coordinates: number[][][] };
  const point = interiorPoint(geometry.coordinates);
  const pixel = toPagePixel(await viewInfo(page), point);
  await page.mouse.click(pixel.x, pixel.y);
  const card = page.getByRole('article', { name: 'Thông tin quy hoạch' });
  await expect(card.getByRole('heading', { name: 'Tờ 4, thửa 721' })).toBeVisible();
  await expect(card).toContainText(expected.parcel.address!);
  await mapDrawn(page);
  await keepScreenshot(page, 'kiosk-tap');
});

test('prints the planning information sheet as a PDF with the parcel and the disclaimer', async ({ page, kiosk }) => {
  test.setTimeout(120_000);
  await openKiosk(page, kiosk.url);
  await searchParcel(page, 4, 5);
  await expect(page.getByRole('heading', { name: 'Tờ 4, thửa 5' })).toBeVisible();
  const pdfResponse = page.waitForResponse((r) => r.url().includes('/sheet.pdf'), { timeout: 90_000 });
  await page.getByRole('button', { name: 'In phiếu thông tin' }).click();
  const response = await pdfResponse;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-kiosk-pdf-'));
  try {
    const pdf = join(dir, 'sheet.pdf');
    writeFileSync(pdf, await response.body());
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('PHIẾU THÔNG TIN QUY HOẠCH');
    expect(text).toContain('Tờ bản đồ số 4, thửa đất số 5');
    expect(text).toMatch(/chỉ\s+có\s+giá\s+trị\s+tham\s+khảo/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, join(ROOT, 'test-results/screenshots/kiosk-sheet')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const viewer = page.getByRole('dialog', { name: 'Phiếu thông tin quy hoạch' });
  await expect(viewer).toBeVisible();
  await expect(viewer).toHaveAttribute('data-file', 'phieu-quy-hoach-to-4-thua-5.pdf');
  await viewer.getByRole('button', { name: 'Đóng' }).click();
  await expect(viewer).toBeHidden();
});

shortIdle('returns to the home screen after the idle time, with a countdown a touch cancels', async ({ page, kiosk }) => {
  await openKiosk(page, kiosk.url);
  await expect(page).toHaveURL(/idle=12$/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('Map sheet number').fill('4');
  await page.getByLabel('Parcel number').fill('5');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sheet 4, parcel 5' })).toBeVisible();
  // The countdown shows before the reset; a touch cancels it and the card stays.
  const warning = page.getByRole('alertdialog');
  await expect(warning).toBeVisible({ timeout: 15_000 });
  await expect(warning).toContainText(/returns to the start in \d seconds/);
  // Any touch on the screen counts (the overlay's button only says so).
  const box = (await warning.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 40);
  await expect(warning).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Sheet 4, parcel 5' })).toBeVisible();
  // Left alone: the countdown again, then back home, in Vietnamese, with empty searches.
  await expect(warning).toBeVisible({ timeout: 15_000 });
  await keepScreenshot(page, 'kiosk-idle-warning');
  await expect(page.locator('.kiosk')).toHaveAttribute('data-screen', 'home', { timeout: 15_000 });
  await expect(page.getByRole('heading', { name: 'Tra cứu thông tin quy hoạch' })).toBeVisible();
  await expect(page.getByLabel('Số tờ bản đồ')).toHaveValue('');
  await expect(warning).toBeHidden();
});

test('offers no way out: other origins, links, new windows, context menu, devtools keys', async ({ page, kiosk }) => {
  await openKiosk(page, kiosk.url);
  const kioskUrl = page.url();
  const origin = new URL(kioskUrl).origin;
  // A script or a link sending the page elsewhere: cancelled, the kiosk stays.
  // (Page scripts as strings: this file is typed for Node, without the DOM.)
  await page.evaluate("window.location.href = 'https://example.com/'");
  await page.waitForTimeout(1000);
  expect(page.url()).toBe(kioskUrl);
  await page.evaluate('window.location.assign(window.location.origin + "/index.html")');
  await page.waitForTimeout(500);
  expect(page.url()).toBe(kioskUrl);
  await page.evaluate(`{
    const link = document.createElement('a');
    link.href = 'https://example.com/';
    link.textContent = 'external';
    link.id = 'external-link';
    link.style.cssText = 'position:fixed;top:200px;left:200px;z-index:99;font-size:40px;background:#fff';
    document.body.append(link);
  }`);
  await page.locator('#external-link').click();
  await page.waitForTimeout(1000);
  expect(page.url()).toBe(kioskUrl);
  expect(new URL(page.url()).origin).toBe(origin);
  await expect(page.getByRole('heading', { name: 'Tra cứu thông tin quy hoạch' })).toBeVisible();
  // No new windows.
  expect(await page.evaluate("window.open('https://example.com/') === null")).toBe(true);
  expect(page.context().pages()).toHaveLength(1);
  // No context menu, no devtools or history shortcuts.
  const prevented = await page.evaluate(`(() => {
    const fire = (event) => (document.querySelector('.kiosk-map').dispatchEvent(event), event.defaultPrevented);
    const key = (init) => fire(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
    return {
      contextmenu: fire(new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
      f12: key({ key: 'F12' }),
      devtools: key({ key: 'I', ctrlKey: true, shiftKey: true }),
      back: key({ key: 'ArrowLeft', altKey: true }),
      viewSource: key({ key: 'u', ctrlKey: true }),
      dragstart: fire(new DragEvent('dragstart', { bubbles: true, cancelable: true })),
      plainKey: key({ key: 'a' }),
    };
  })()`);
  expect(prevented).toEqual({ contextmenu: true, f12: true, devtools: true, back: true, viewSource: true, dragstart: true, plainKey: false });
});
