/**
 * Editing tests change the project, so each test gets its own writable copy of the demo and its
 * own `plandesk serve` on it: the shared read-only server, the bundled demo and the other tests
 * are never touched, and no test depends on another's edits.
 */
import { expect, test as base, type APIRequestContext, type Page } from '@playwright/test';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiFeatureDetail, EditHistory, EditResult } from '../../gis-core/api/contract.js';
import { api, waitIdle } from './app.js';
import { BUNDLED_DEMO, serve } from './serve.js';

export interface EditProject {
  /** The server on this test's copy. */
  readonly url: string;
  readonly file: string;
  feature(request: APIRequestContext, layer: string, uuid: string): Promise<ApiFeatureDetail>;
  /** The HTTP status of GET feature (404 once deleted). */
  featureStatus(request: APIRequestContext, layer: string, uuid: string): Promise<number>;
  history(request: APIRequestContext): Promise<EditHistory>;
}

function demoFile(): string {
  return process.env.PLANDESK_E2E_FILE ?? process.env.PLANDESK_E2E_PROJECT ?? BUNDLED_DEMO;
}

export const test = base.extend<{ project: EditProject }>({
  // eslint-disable-next-line no-empty-pattern
  project: async ({}, use) => {
    const source = demoFile();
    const dir = mkdtempSync(join(tmpdir(), 'plandesk-edit-e2e-'));
    const file = join(dir, 'edit.plandesk.sqlite');
    copyFileSync(source, file);
    // A write-ahead log not yet checkpointed belongs to the copy too.
    if (existsSync(`${source}-wal`) && statSync(`${source}-wal`).size > 0) copyFileSync(`${source}-wal`, `${file}-wal`);
    const server = await serve(file);
    try {
      await use({
        url: server.url,
        file,
        feature: (request, layer, uuid) => api<ApiFeatureDetail>(request, `/api/layers/${layer}/features/${uuid}`, server.url),
        featureStatus: async (request, layer, uuid) => (await request.get(new URL(`/api/layers/${layer}/features/${uuid}`, server.url).toString())).status(),
        history: (request) => api<EditHistory>(request, '/api/edits?limit=20', server.url),
      });
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';

/**
 * Opens the app on this test's server at a view (the page address carries it, as a bookmark
 * would), turns edit mode on and picks the layer to edit in the edit bar.
 */
export async function openEditor(page: Page, project: EditProject, center: readonly number[], resolution: number, layerId?: string): Promise<void> {
  await page.addInitScript(`window.localStorage.getItem('plandesk.lang') || window.localStorage.setItem('plandesk.lang', 'vi')`);
  await page.goto(`${project.url}#c=${center[0]},${center[1]}&r=${resolution}`);
  await waitIdle(page);
  await page.getByTestId('tool-edit').click();
  await expect(page.getByTestId('edit-toolbar')).toBeVisible();
  if (layerId) await page.getByTestId('edit-layer').selectOption(layerId);
  await waitIdle(page);
}

export type EditRoute = '/api/edits' | '/api/edits/undo' | '/api/edits/redo';

/**
 * Does `action` (a click, a key, a drag) and waits for the edit call it makes, then for the map
 * to reload what changed. Returns the API's answer (EditResult).
 */
export async function editCall(page: Page, route: EditRoute, action: () => Promise<void>): Promise<EditResult> {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === route && r.request().method() === 'POST');
  await action();
  const response = await answered;
  const body = await response.text();
  expect(response.status(), `${route}: ${body}`).toBe(200);
  await expect(page.getByTestId('edit-toolbar')).toHaveAttribute('data-busy', 'false');
  await waitIdle(page);
  return JSON.parse(body) as EditResult;
}
