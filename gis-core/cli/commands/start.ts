import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlanDeskError } from '../../errors.js';
import { BUNDLED_DEMO } from '../../project/demo-location.js';
import {
  browserArguments,
  chooseLaunch,
  electronBinary,
  findBrowser,
  hasDisplay,
  type Launch,
  type LaunchMode,
} from '../../server/app-window.js';
import { serveProject, stopOnSignals } from '../../server/serve-project.js';
import { parseIdleSeconds, parsePort } from './serve.js';

// dist/gis-core/cli/commands/start.js → dist/electron/main.js (the shell is built beside the core).
const ELECTRON_MAIN = fileURLToPath(new URL('../../../electron/main.js', import.meta.url));
const ELECTRON_KIOSK_MAIN = fileURLToPath(new URL('../../../electron/kiosk-main.js', import.meta.url));

const say = (line: string) => process.stdout.write(`PlanDesk: ${line}\n`);

interface StartOptions {
  mode: string;
  port: string;
  kiosk?: boolean;
  idle: string;
}

/** Chromium flags of a kiosk window: full screen, no way out, the print button prints at once. */
const CHROMIUM_KIOSK_FLAGS = ['--kiosk', '--kiosk-printing', '--disable-pinch', '--overscroll-history-navigation=0', '--disable-features=Translate,TouchpadOverscrollHistoryNavigation'];

/**
 * The public kiosk (docs/KIOSK.md): `serve --kiosk` in this process (read-only, the kiosk's
 * route list, caps and rate limit) and a locked full-screen window on it — the Electron kiosk
 * shell, else Chromium in --kiosk mode, else the URL to open in a kiosk browser.
 */
async function startKiosk(file: string, launch: Launch, port: number, idleSeconds: number): Promise<void> {
  const served = await serveProject({ file, port, access: 'kiosk', readonly: true, idleSeconds });
  let closeWindow = () => {};
  stopOnSignals(served, () => closeWindow());
  if (launch.kind === 'url') {
    say(`${launch.reason} — open ${served.url} in a kiosk browser (Ctrl+C to stop)`);
    await served.stopped;
    return;
  }
  say(`kiosk: ${served.url}`);
  const profile = mkdtempSync(join(tmpdir(), 'plandesk-kiosk-'));
  const window =
    launch.kind === 'electron'
      ? spawn(launch.electron, [ELECTRON_KIOSK_MAIN, `--kiosk-server=${served.url}`], { stdio: 'inherit' })
      : spawn(launch.browser, [...browserArguments(served.url, profile, process.getuid?.() === 0), ...CHROMIUM_KIOSK_FLAGS], { stdio: 'ignore' });
  closeWindow = () => window.kill('SIGTERM');
  window.once('error', (error) => say(`cannot open the kiosk window (${error.message}); still serving at ${served.url} (Ctrl+C to stop)`));
  window.once('exit', () => {
    rmSync(profile, { recursive: true, force: true });
    void served.close();
  });
  await served.stopped;
}

function checkMode(mode: string): LaunchMode {
  if (mode === 'auto' || mode === 'electron' || mode === 'browser' || mode === 'url') return mode;
  throw new PlanDeskError('INVALID_ARGUMENT', `--mode must be auto, electron, browser or url; got "${mode}"`);
}

/** Runs the desktop shell on `file` until it exits; signals are passed on. */
function runElectron(electron: string, file: string): Promise<void> {
  const child = spawn(electron, [ELECTRON_MAIN, file], {
    stdio: 'inherit',
    // The shell runs the core with this Node (better-sqlite3 is built for it, not for Electron).
    env: { ...process.env, PLANDESK_NODE: process.execPath },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new PlanDeskError('EXTERNAL_TOOL', `cannot run Electron (${electron}): ${error.message}`)));
    child.once('exit', () => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve();
    });
  });
}

/** Serves `file` and, for 'browser', opens the app window; resolves when serving stops. */
async function serveAndOpen(file: string, launch: Exclude<Launch, { kind: 'electron' }>, port: number): Promise<void> {
  const served = await serveProject({ file, port });
  let closeBrowser = () => {};
  stopOnSignals(served, () => closeBrowser());
  if (launch.kind === 'url') {
    say(`${launch.reason} — open ${served.url} in a browser (Ctrl+C to stop)`);
    await served.stopped;
    return;
  }
  say(`${launch.reason}: ${served.url}`);
  const profile = mkdtempSync(join(tmpdir(), 'plandesk-browser-'));
  const browser = spawn(launch.browser, browserArguments(served.url, profile, process.getuid?.() === 0), { stdio: 'ignore' });
  closeBrowser = () => browser.kill('SIGTERM');
  browser.once('error', (error) => say(`cannot run ${launch.browser} (${error.message}); still serving at ${served.url} (Ctrl+C to stop)`));
  browser.once('exit', (code, signal) => {
    rmSync(profile, { recursive: true, force: true });
    if (code === 0 || signal) void served.close();
    else say(`${launch.browser} exited with code ${code ?? '?'}; still serving at ${served.url} (Ctrl+C to stop)`);
  });
  await served.stopped;
}

/**
 * `npm start`: open a project (the bundled demo by default) in the desktop shell when Electron
 * is installed, else in the system Chromium/Chrome as an app window over `serve`, else serve
 * and print the URL — saying in one line why.
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('open a project (the bundled Cao Lãnh demo by default): Electron, else Chromium app window, else print the URL')
    .argument('[file]', 'PlanDesk project file', BUNDLED_DEMO.file)
    .option('--mode <mode>', 'auto | electron | browser | url', 'auto')
    .option('--port <n>', 'port for the browser/url modes (0 = any free port)', '0')
    .option('--kiosk', 'public planning kiosk: locked full screen, read-only lookups (docs/KIOSK.md)')
    .option('--idle <seconds>', 'kiosk: back to the home screen after this many seconds without a touch', '120')
    .action(async (file: string, options: StartOptions) => {
      if (file === BUNDLED_DEMO.file && !existsSync(file)) {
        throw new PlanDeskError('FILE_NOT_FOUND', `the demo project is not generated yet: run scripts/setup.sh (or plandesk demo --out ${file})`);
      }
      if (!existsSync(file)) throw new PlanDeskError('FILE_NOT_FOUND', `no project file ${file}`);
      const mode = checkMode(options.mode);
      const electron = mode === 'auto' || mode === 'electron' ? electronBinary() : undefined;
      const launch = chooseLaunch({
        mode,
        electron,
        electronAppBuilt: existsSync(options.kiosk ? ELECTRON_KIOSK_MAIN : ELECTRON_MAIN),
        browser: findBrowser(),
        display: hasDisplay(),
      });
      if (mode === 'electron' && launch.kind !== 'electron') {
        throw new PlanDeskError('EXTERNAL_TOOL', `cannot open in Electron: ${launch.reason.split(' and ')[0] ?? launch.reason}`);
      }
      if (options.kiosk) {
        await startKiosk(file, launch, parsePort(options.port), parseIdleSeconds(options.idle));
        return;
      }
      if (launch.kind === 'electron') {
        say(launch.reason);
        await runElectron(launch.electron, file);
        return;
      }
      await serveAndOpen(file, launch, parsePort(options.port));
    });
}
