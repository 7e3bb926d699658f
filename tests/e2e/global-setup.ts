/**
 * Starts `plandesk serve` on the demo project for the e2e tests and stops it afterwards.
 *
 * The project is, in order: $PLANDESK_E2E_PROJECT; the bundled demo
 * (resources/demo/cao-lanh.plandesk.sqlite, made by scripts/setup.sh); or a fresh demo built
 * with `plandesk demo --out` in a temporary folder. The server listens on a free port
 * (`--port 0`); its URL is read from what it prints and handed to the tests in
 * $PLANDESK_E2E_URL (set it yourself to test a server you started). Needs `npm run build` (dist/ and dist/renderer/) first.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCREENSHOT_DIR } from './screens.js';
import { startTileServer } from './tiles.js';



const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = join(ROOT, 'bin/plandesk.js');
const BUNDLED_DEMO = join(ROOT, 'resources/demo/cao-lanh.plandesk.sqlite');

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
  const server = spawn(process.execPath, [CLI, 'serve', file, '--port', '0', '--read-only', '--allow-origin', tiles.url], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`plandesk serve printed no URL in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/[^\s?]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`plandesk serve exited (${code}) before it was ready:\n${output}`));
    });
  });
  process.env.PLANDESK_E2E_URL = url;
  process.env.PLANDESK_E2E_FILE = file;
  console.log(`e2e: serving ${file} at ${url}`);

  return async () => {
    tiles.close();
    server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    cleanup?.();
  };
}
