/**
 * Starts `plandesk serve` on the demo project for the e2e tests and stops it afterwards.
 *
 * The project is, in order: $PLANDESK_E2E_PROJECT; the bundled demo
 * (resources/demo/cao-lanh.plandesk.sqlite, made by scripts/setup.sh); or a fresh demo built
 * with `plandesk demo --out` in a temporary folder. The server listens on a free port
 * (`--port 0`); its URL is read from what it prints and handed to the tests in
 * $PLANDESK_E2E_URL (set it yourself to test a server you started). Needs `npm run build` (dist/ and dist/renderer/) first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCREENSHOT_DIR } from './screens.js';
import { BUNDLED_DEMO, CLI, ROOT, serve } from './serve.js';
import { startTileServer } from './tiles.js';

function projectFile(): { file: string; cleanup?: () => void } {
  const given = process.env.PLANDESK_E2E_PROJECT;
  if (given) return { file: given };
  if (existsSync(BUNDLED_DEMO)) return { file: BUNDLED_DEMO };
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-e2e-'));
  const file = join(dir, 'cao-lanh.plandesk.sqlite');
  const made = spawnSync(process.execPath, [CLI, 'demo', '--out', file, '--scale', 'small'], { encoding: 'utf8', timeout: 600_000 });
  if (made.status !== 0) throw new Error(`plandesk demo failed (exit ${made.status}): ${made.stderr || made.stdout}`);
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  for (const needed of ['dist/gis-core/cli/main.js', 'dist/renderer/index.html']) {
    if (!existsSync(join(ROOT, needed))) throw new Error(`${needed} is missing: run \`npm run build\` before the e2e tests`);
  }
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // A server already running (while developing the UI): use it as it is.
  if (process.env.PLANDESK_E2E_URL) return async () => {};


  const { file, cleanup } = projectFile();
  const tiles = await startTileServer();
  process.env.PLANDESK_E2E_TILES = tiles.url;
  // The UI's CSP allows images only from the app itself and the base-map origins given here.
  // Read-only: the editing tests serve their own copies (tests/e2e/edit-fixtures.ts).
  const server = await serve(file, ['--read-only', '--allow-origin', tiles.url]);
  const url = server.url;
  process.env.PLANDESK_E2E_URL = url;
  process.env.PLANDESK_E2E_FILE = file;
  console.log(`e2e: serving ${file} at ${url}`);

  return async () => {
    tiles.close();
    await server.stop();
    cleanup?.();
  };
}
