/**
 * `plandesk start` (what `npm start` runs), in-process and always stopped by the test: serving
 * with the URL printed when there is no display, and — where Xvfb and Chromium are installed —
 * opening Chromium as an app window on a virtual display. The Electron path is covered by
 * tests/electron/ (it needs the Electron binary).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerStartCommand } from '../../gis-core/cli/commands/start.js';
import { findBrowser } from '../../gis-core/server/app-window.js';
import { buildFixtureProject } from '../helpers/api-fixture.js';

const file = buildFixtureProject('start');
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\//;

const savedEnv = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
afterEach(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** Runs `plandesk start ARGS` in this process; resolves with the printed lines once a URL is printed. */
async function start(args: string[]): Promise<{ lines: string; url: string; done: Promise<unknown> }> {
  let lines = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines += String(chunk);
    return true;
  });
  const program = new Command().exitOverride();
  registerStartCommand(program);
  const done = program.parseAsync(['start', ...args], { from: 'user' });
  done.catch(() => {});
  try {
    await Promise.race([vi.waitFor(() => expect(lines).toMatch(URL_PATTERN), { timeout: 20_000 }), done]);
  } finally {
    spy.mockRestore();
  }
  return { lines, url: URL_PATTERN.exec(lines)?.[0] ?? '', done };
}

async function stop(done: Promise<unknown>): Promise<void> {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    process.emit('SIGINT', 'SIGINT');
    await done;
  } finally {
    stderr.mockRestore();
  }
}

/** Processes whose command line contains `text` (Linux /proc). */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('plandesk start', () => {
  it('without a display, serves and prints the URL, saying why in one line', async () => {
    delete process.env.DISPLAY;
    delete process.env.WAYLAND_DISPLAY;
    const { lines, url, done } = await start([file, '--mode', 'browser']);
    expect(lines.trim().split('\n')).toHaveLength(1);
    expect(lines).toMatch(/^PlanDesk: asked for --mode browser and there is no display \(\$DISPLAY and \$WAYLAND_DISPLAY are unset\): serving only — open http/);
    const response = await fetch(`${url}api/project`);
    expect(response.status).toBe(200);
    await stop(done);
    await expect(fetch(`${url}api/project`)).rejects.toThrow();
  });

  it('--mode url serves only', async () => {
    const { lines, url, done } = await start([file, '--mode', 'url']);
    expect(lines).toContain('asked for --mode url');
    expect((await fetch(`${url}api/layers`)).status).toBe(200);
    await stop(done);
  });

  it('refuses a missing file and an unknown mode', async () => {
    const program = new Command().exitOverride();
    registerStartCommand(program);
    await expect(program.parseAsync(['start', '/nonexistent/x.plandesk.sqlite'], { from: 'user' })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(program.parseAsync(['start', file, '--mode', 'kiosk'], { from: 'user' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  const browser = findBrowser();
  const xvfb = existsSync('/usr/bin/Xvfb');
  it.skipIf(!browser || !xvfb)(
    `opens Chromium as an app window on a display${browser && xvfb ? '' : ' (skipped: needs Xvfb and Chromium)'}`,
    async () => {
      const display = `:${90 + (process.pid % 9)}`;
      const server: ChildProcess = spawn('/usr/bin/Xvfb', [display, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
      try {
        await vi.waitFor(() => expect(existsSync(`/tmp/.X11-unix/X${display.slice(1)}`)).toBe(true), { timeout: 10_000 });
        process.env.DISPLAY = display;
        delete process.env.WAYLAND_DISPLAY;
        const { lines, url, done } = await start([file, '--mode', 'browser']);
        expect(lines).toContain(`opening in ${browser ?? ''} as an app window: ${url}`);
        await vi.waitFor(() => expect(processesWith(`--app=${url}`).length).toBeGreaterThan(0), { timeout: 20_000 });
        await stop(done);
        await vi.waitFor(() => expect(processesWith(`--app=${url}`)).toEqual([]), { timeout: 20_000 });
      } finally {
        server.kill('SIGTERM');
      }
    },
  );
});
