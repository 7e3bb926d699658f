/**
 * The sync panel (issue #6) driven as a person would: the top-bar button "Đồng bộ" opens it;
 * with no SDI connection it says so and shows the connect form; the form is checked before
 * anything is sent (no request leaves while it is wrong), in Vietnamese and in English; a
 * well-formed connect to a server that is not there answers a clear error, and the password
 * typed is never written into the project file. Then against a real SDI server (QGIS Server
 * over PostGIS, tests/helpers/sdi-server.ts, behind a login gateway): a wrong password refused,
 * connect, check out the view, a local edit shown in the preview (list and map) and pushed, the
 * same feature changed on the server (psql) and here, a pull that brings the conflict, drawn
 * base / mine / theirs, resolved attribute by attribute, the password asked again after a
 * reload; and a slow server's checkout cancelled.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './edit-fixtures.js';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EditBatch } from '../../gis-core/api/contract.js';
import { startAuthProxy, type AuthProxy } from '../helpers/auth-proxy.js';
import { freePort } from '../helpers/free-port.js';
import { qgisServerAvailable, startSdiServer, type SdiServer } from '../helpers/sdi-server.js';
import { keepScreenshot, layerInfos, mapImage, openApp, waitIdle } from './app.js';
import type { Image } from './png.js';

async function openSyncPanel(page: Page) {
  await page.getByTestId('tool-sync').click();
  const panel = page.getByTestId('sync-panel');
  await expect(panel).toBeVisible();
  return panel;
}

test('opens from the top bar and shows the not-connected state with the connect form', async ({ page }) => {
  await openApp(page, 'vi');
  await expect(page.getByTestId('tool-sync')).toHaveText(/Đồng bộ/);
  const panel = await openSyncPanel(page);
  await expect(panel.getByTestId('sync-not-connected')).toContainText('Chưa kết nối máy chủ SDI');
  await expect(panel.getByTestId('sync-connect-form')).toBeVisible();
  // Nothing to pull or push without a connection.
  await expect(panel.getByTestId('sync-pull')).toHaveCount(0);
  await expect(panel.getByTestId('sync-push')).toHaveCount(0);
  // In serve mode the secret stays in this session only, and says so.
  await expect(panel.getByTestId('sync-secret-session')).toContainText('chỉ được giữ trong phiên');
  await keepScreenshot(page, 'sync-not-connected');

  await page.getByTestId('lang-switch').click();
  await expect(panel.getByTestId('sync-not-connected')).toContainText('Not connected to an SDI server');
  await expect(page.getByTestId('tool-sync')).toHaveText(/Sync/);
  await keepScreenshot(page, 'sync-not-connected-en');

  await page.getByTestId('tool-sync').click();
  await expect(page.getByTestId('sync-panel')).toHaveCount(0);
});

test('checks the connect form before sending anything', async ({ page }) => {
  await openApp(page, 'vi');
  const connects: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/sync/connection')) connects.push(request.url());
  });
  const panel = await openSyncPanel(page);
  await panel.getByTestId('sync-connect').click();
  await expect(panel.getByTestId('sync-form-error-url')).toHaveText('Hãy nhập địa chỉ máy chủ');
  await expect(panel.getByTestId('sync-form-error-username')).toHaveText('Hãy nhập tên đăng nhập');
  await expect(panel.getByTestId('sync-form-error-password')).toHaveText('Hãy nhập mật khẩu');
  await expect(panel.getByTestId('sync-url')).toHaveAttribute('aria-invalid', 'true');
  await keepScreenshot(page, 'sync-form-errors');

  await panel.getByTestId('sync-url').fill('ftp://sdi.dongthap.gov.vn/ows');
  await expect(panel.getByTestId('sync-form-error-url')).toHaveCount(0); // gone while typing
  await panel.getByTestId('sync-username').fill('canbo');
  await panel.getByTestId('sync-connect').click();
  await expect(panel.getByTestId('sync-form-error-url')).toHaveText('Địa chỉ phải bắt đầu bằng http:// hoặc https://');
  await expect(panel.getByTestId('sync-form-error-username')).toHaveCount(0);
  await expect(panel.getByTestId('sync-form-error-password')).toBeVisible();

  await panel.getByTestId('sync-auth-token').click();
  await panel.getByTestId('sync-url').fill('https://sdi.dongthap.gov.vn/ows');
  await panel.getByTestId('sync-connect').click();
  await expect(panel.getByTestId('sync-form-error-token')).toHaveText('Hãy nhập mã truy cập');
  await expect(panel.getByTestId('sync-form-error-url')).toHaveCount(0);

  await page.getByTestId('lang-switch').click();
  await expect(panel.getByTestId('sync-form-error-token')).toHaveText('Enter the access token');
  expect(connects).toEqual([]);
});

test('a connect to a server that is not there answers a clear error and keeps the password out of the project', async ({ page, project }) => {
  const password = 'Mat-khau-SDI-7391';
  await page.addInitScript("window.localStorage.setItem('plandesk.lang', 'vi')");
  await page.goto(project.url);
  await waitIdle(page);
  const panel = await openSyncPanel(page);
  const port = await freePort(); // nothing listens there
  await panel.getByTestId('sync-url').fill(`http://127.0.0.1:${port}/qgis/ows`);
  await panel.getByTestId('sync-protocol').selectOption('wfs-2.0');
  await panel.getByTestId('sync-username').fill('canbo_caolanh');
  await panel.getByTestId('sync-password').fill(password);
  await panel.getByTestId('sync-connect').click();
  const error = panel.getByTestId('sync-connect-error');
  await expect(error).toBeVisible({ timeout: 60_000 });
  await expect(error).toHaveAttribute('data-code', 'SYNC_UNREACHABLE');
  await expect(error).toContainText('Không liên lạc được với máy chủ: kiểm tra địa chỉ và mạng');
  await expect(error).toContainText(`127.0.0.1:${port}`); // the core's line names the server
  await expect(panel.getByTestId('sync-not-connected')).toBeVisible();
  await keepScreenshot(page, 'sync-connect-error');

  for (const file of [project.file, `${project.file}-wal`]) {
    if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from(password)), `${file} holds the password`).toBe(false);
  }
});

/** Pixels within `tolerance` of an RGB colour. */
function countColor(image: Image, [r, g, b]: readonly [number, number, number], tolerance = 40): number {
  let n = 0;
  for (let i = 0; i < image.width * image.height * 4; i += 4) {
    if (Math.abs(image.data[i]! - r) + Math.abs(image.data[i + 1]! - g) + Math.abs(image.data[i + 2]! - b) <= tolerance) n++;
  }
  return n;
}

/** A pass-through proxy that can be made slow (each request held `ms` before it is forwarded). */
async function startSlowProxy(target: string): Promise<{ url: string; hold(ms: number): void; close(): Promise<void> }> {
  const upstreamUrl = new URL(target);
  let holdMs = 0;
  const server = createServer((req, res) => {
    setTimeout(() => {
      const upstream = httpRequest({ host: upstreamUrl.hostname, port: upstreamUrl.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', (error) => {
        if (!res.headersSent) res.writeHead(502);
        res.end(String(error));
      });
      req.pipe(upstream);
    }, holdMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    hold: (ms) => (holdMs = ms),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function applyEdit(request: APIRequestContext, url: string, batch: EditBatch): Promise<void> {
  const response = await request.post(new URL('api/edits', url).toString(), { data: batch });
  expect(response.ok(), await response.text()).toBe(true);
}

test.describe('with a real SDI server (QGIS Server over PostGIS)', () => {
  let sdi: SdiServer | undefined;
  /** QGIS Server has no login of its own: a gateway in front of it asks for one, as real SDIs do. */
  let gateway: AuthProxy | undefined;
  const login = { username: 'canbo_caolanh', password: 'Mat-khau-SDI-2046', token: 'unused-token-e2e' };
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    if (!qgisServerAvailable()) return;
    sdi = await startSdiServer(['water_mains']);
    gateway = await startAuthProxy(sdi.url, login);
  });
  test.afterAll(async () => {
    await gateway?.close();
    await sdi?.stop();
  });

  test('connects, checks out the view, previews and pushes an edit, then pulls a conflict and resolves it on the map', async ({ page, request, project }) => {
    test.skip(!sdi, 'QGIS Server (qgis_mapserver) is not installed here');
    const server = sdi!;
    const url = gateway!.url;
    test.setTimeout(180_000);
    const uuid = '0190c0c0-0000-7000-8000-0000000e2e01';
    const mains = (await layerInfos(request, project.url)).find((l) => l.id === 'water_mains')!;
    const [cx, cy] = [(mains.extent![0] + mains.extent![2]) / 2, (mains.extent![1] + mains.extent![3]) / 2];
    await page.addInitScript("window.localStorage.setItem('plandesk.lang', 'vi')");
    await page.goto(`${project.url}#c=${cx},${cy}&r=0.6`);
    await waitIdle(page);

    // Connect: a wrong password is refused with a clear message, the right one connects.
    const panel = await openSyncPanel(page);
    await panel.getByTestId('sync-url').fill(url);
    await panel.getByTestId('sync-username').fill(login.username);
    await panel.getByTestId('sync-password').fill('sai-mat-khau');
    await panel.getByTestId('sync-connect').click();
    const refused = panel.getByTestId('sync-connect-error');
    await expect(refused).toHaveAttribute('data-code', 'SYNC_AUTH_FAILED', { timeout: 60_000 });
    await expect(refused).toContainText('Máy chủ từ chối đăng nhập');
    await panel.getByTestId('sync-password').fill(login.password);
    await panel.getByTestId('sync-connect').click();
    const connection = panel.getByTestId('sync-connection');
    await expect(connection).toContainText('Đã kết nối', { timeout: 60_000 });
    await expect(connection).toContainText('WFS 1.1');
    await expect(connection).toContainText(`Tài khoản: ${login.username}`);
    // The jobs below carry the password kept in memory for this session.
    await expect(panel.getByTestId('sync-need-secret')).toHaveCount(0);
    await expect(panel.getByTestId('sync-last')).toHaveText('Chưa đồng bộ lần nào');
    await panel.locator('.sync-mapping-box summary').click();
    await expect(panel.getByTestId('sync-mapping-water_mains').locator('input').nth(1)).toHaveValue(/water_mains$/);
    await expect(panel.getByTestId('sync-area')).toContainText('Chưa lấy dữ liệu');
    await panel.getByTestId('sync-checkout').click();
    await expect(panel.getByTestId('sync-summary')).toContainText('nhận 0 đối tượng', { timeout: 60_000 });
    await expect(panel.getByTestId('sync-area')).not.toContainText('Chưa lấy dữ liệu');
    await expect(panel.getByTestId('sync-last')).toContainText('Lần đồng bộ cuối');

    // A new water main here (through the one edit path), seen as a pending insert and in the preview.
    const line = { type: 'LineString' as const, coordinates: [[cx - 40, cy - 20], [cx + 40, cy + 10]] };
    await applyEdit(request, project.url, { operations: [{ op: 'insert', layer: 'water_mains', uuid, properties: { code: 'CN-E2E-1', diameter_mm: 150, material: 'hdpe' }, geometry: line }] });
    await panel.getByTestId('sync-refresh').click();
    await expect(panel.getByTestId('sync-pending')).toHaveAttribute('data-inserts', '1');
    await panel.getByTestId('sync-tab-preview').click();
    const item = panel.getByTestId('sync-preview-item');
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute('data-kind', 'insert');
    await expect(item).toHaveAttribute('data-uuid', uuid);
    await expect(panel.getByTestId('sync-preview-count-insert')).toHaveAttribute('data-count', '1');
    await item.locator('button.sync-item').click();
    await page.waitForTimeout(500); // the zoom animation
    await waitIdle(page);
    const shown = await mapImage(page);
    await keepScreenshot(page, 'sync-preview');
    await panel.getByTestId('sync-tab-status').click(); // the preview layer goes with its tab
    await page.waitForTimeout(200);
    const hidden = await mapImage(page);
    expect(countColor(shown, [46, 125, 50])).toBeGreaterThan(countColor(hidden, [46, 125, 50]) + 100);

    // Push: the server has it.
    await panel.getByTestId('sync-push').click();
    await expect(panel.getByTestId('sync-summary')).toContainText('đã gửi 1 thay đổi', { timeout: 60_000 });
    expect(server.pg.psql(`SELECT code, diameter_mm FROM water_mains WHERE uuid = '${uuid}'`).trim()).toBe('CN-E2E-1|150');
    await expect(panel.getByTestId('sync-pending')).toHaveAttribute('data-inserts', '0');

    // The same main changed on the server and here: diameter and geometry, differently.
    server.pg.psql(`UPDATE water_mains SET diameter_mm = 200, geom = ST_Translate(geom, 0, 15) WHERE uuid = '${uuid}'`);
    const mine = { type: 'LineString' as const, coordinates: [[cx - 40, cy - 35], [cx + 40, cy - 5]] };
    await applyEdit(request, project.url, { operations: [{ op: 'update', layer: 'water_mains', uuid, properties: { diameter_mm: 250 }, geometry: mine }] });
    await panel.getByTestId('sync-refresh').click();
    await expect(panel.getByTestId('sync-pending')).toHaveAttribute('data-updates', '1');
    await panel.getByTestId('sync-pull').click();
    await expect(panel.getByTestId('sync-summary')).toContainText('xung đột mới', { timeout: 60_000 });
    await expect(panel.getByTestId('sync-open-conflicts')).toHaveAttribute('data-count', '2');

    // The conflict on the map: base, mine and the server's geometry side by side; the attribute table.
    await panel.getByTestId('sync-tab-conflicts').click();
    const conflictItem = panel.getByTestId('sync-conflict-item');
    await expect(conflictItem).toHaveCount(1);
    await expect(conflictItem).toHaveAttribute('data-open', '2');
    await conflictItem.locator('button.sync-item').click();
    const detail = panel.getByTestId('sync-conflict-detail');
    await expect(detail).toHaveAttribute('data-drawn', '3');
    for (const role of ['base', 'mine', 'theirs']) await expect(detail.getByTestId(`sync-legend-${role}`)).toBeVisible();
    const diameter = detail.locator('[data-testid=sync-conflict-row][data-attribute=diameter_mm]');
    await expect(diameter.locator('td').nth(1)).toContainText('150');
    await expect(diameter.locator('td').nth(2)).toContainText('250');
    await expect(diameter.locator('td').nth(3)).toContainText('200');
    await page.waitForTimeout(500);
    await waitIdle(page);
    const conflictMap = await mapImage(page);
    expect(countColor(conflictMap, [21, 101, 192])).toBeGreaterThan(50); // mine, blue
    expect(countColor(conflictMap, [194, 24, 91])).toBeGreaterThan(50); // the server's, magenta
    await keepScreenshot(page, 'sync-conflict');

    // Resolve: the diameter edited to a third value (a wrong one refused first), my geometry.
    const diameterActions = diameter.locator('xpath=following-sibling::tr[1]');
    await diameterActions.getByTestId('sync-resolve-edit').click();
    await expect(diameterActions.getByTestId('sync-resolve-value')).toHaveValue('250');
    await diameterActions.getByTestId('sync-resolve-value').fill('22x');
    await diameterActions.getByTestId('sync-resolve-save').click();
    await expect(panel.getByTestId('sync-conflict-error')).toContainText('Giá trị không hợp với kiểu của trường');
    await expect(diameter).toHaveAttribute('data-state', 'open');
    await diameterActions.getByTestId('sync-resolve-value').fill('225');
    await diameterActions.getByTestId('sync-resolve-save').click();
    await expect(diameter).toHaveAttribute('data-state', 'resolved');
    await expect(diameterActions.getByTestId('sync-resolution')).toHaveText('Đã giải quyết: giá trị đã sửa');
    const geometry = detail.locator('[data-testid=sync-conflict-row][data-attribute=geometry]');
    await geometry.locator('xpath=following-sibling::tr[1]').getByTestId('sync-resolve-mine').click();
    await expect(geometry).toHaveAttribute('data-state', 'resolved');
    await expect(conflictItem).toHaveAttribute('data-open', '0');
    const feature = (await (await request.get(new URL(`api/layers/water_mains/features/${uuid}`, project.url).toString())).json()) as { properties: Record<string, unknown> };
    expect(feature.properties.diameter_mm).toBe(225);
    await panel.getByTestId('sync-tab-status').click();
    await expect(panel.getByTestId('sync-open-conflicts')).toHaveAttribute('data-count', '0');

    // What is left to send (the edited diameter, my geometry) goes up.
    await panel.getByTestId('sync-push').click();
    await expect(panel.getByTestId('sync-summary')).toContainText('đã gửi 1 thay đổi', { timeout: 60_000 });
    const [serverDiameter, serverY] = server.pg.psql(`SELECT diameter_mm, round(ST_Y(ST_StartPoint(geom))::numeric, 2) FROM water_mains WHERE uuid = '${uuid}'`).trim().split('|');
    expect(Number(serverDiameter)).toBe(225);
    expect(Number(serverY)).toBeCloseTo(cy - 35, 1);

    // In serve mode the password lived in this page only: after a reload it is asked again.
    await page.reload();
    await waitIdle(page);
    const again = await openSyncPanel(page);
    await expect(again.getByTestId('sync-connection')).toContainText(`Tài khoản: ${login.username}`);
    await expect(again.getByTestId('sync-need-secret')).toContainText('Chưa có mật khẩu cho phiên làm việc này');
    await again.getByTestId('sync-pull').click();
    await expect(again.getByTestId('sync-job-error')).toHaveAttribute('data-code', 'SYNC_AUTH_FAILED', { timeout: 60_000 });
    for (const file of [project.file, `${project.file}-wal`]) {
      if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from(login.password)), `${file} holds the password`).toBe(false);
    }
  });
});

test('a checkout can be cancelled while it runs, and changes nothing', async ({ page, project }) => {
  test.skip(!qgisServerAvailable(), 'QGIS Server (qgis_mapserver) is not installed here');
  test.setTimeout(180_000);
  const sdi = await startSdiServer(['water_mains']);
  const slow = await startSlowProxy(sdi.url);
  try {
    await page.addInitScript("window.localStorage.setItem('plandesk.lang', 'vi')");
    await page.goto(project.url);
    await waitIdle(page);
    const panel = await openSyncPanel(page);
    await panel.getByTestId('sync-url').fill(slow.url);
    await panel.getByTestId('sync-auth-none').click();
    await panel.getByTestId('sync-connect').click();
    await expect(panel.getByTestId('sync-connection')).toContainText('Đã kết nối', { timeout: 60_000 });

    slow.hold(8_000); // the server now takes its time
    await panel.getByTestId('sync-checkout').click();
    const progress = panel.getByTestId('sync-progress');
    await expect(progress).toBeVisible();
    await expect(progress).toContainText('Lấy dữ liệu');
    await expect(panel.getByTestId('sync-pull')).toBeDisabled();
    await keepScreenshot(page, 'sync-progress');
    await panel.getByTestId('sync-cancel').click();
    await expect(panel.getByTestId('sync-cancelled')).toHaveText('Đã hủy — dự án không thay đổi.', { timeout: 60_000 });
    await expect(progress).toHaveCount(0);
    await expect(panel.getByTestId('sync-summary')).toHaveCount(0);
    await expect(panel.getByTestId('sync-area')).toContainText('Chưa lấy dữ liệu');
    await expect(panel.getByTestId('sync-last')).toHaveText('Chưa đồng bộ lần nào');
  } finally {
    await slow.close();
    await sdi.stop();
  }
});
