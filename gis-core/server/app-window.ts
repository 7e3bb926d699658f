/**
 * Finding what can show the app on this machine: the Electron binary (when the optional
 * `electron` package has its binary: `require('electron')` is its path), or a system Chromium /
 * Chrome to open as an app window, or nothing (no display, no browser). `chooseLaunch` is the
 * decision alone, with its one-line reason.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

export const BROWSER_CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'] as const;

/** The Electron executable, when the package and its binary are installed. */
export function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** /usr/bin/chromium first, then the candidates on $PATH. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = ['/usr/bin', ...(env.PATH ?? '').split(delimiter).filter(Boolean)];
  for (const name of BROWSER_CANDIDATES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export type LaunchMode = 'auto' | 'electron' | 'browser' | 'url';

export type Launch =
  | { readonly kind: 'electron'; readonly electron: string; readonly reason: string }
  | { readonly kind: 'browser'; readonly browser: string; readonly reason: string }
  | { readonly kind: 'url'; readonly reason: string };

export interface LaunchFacts {
  readonly mode: LaunchMode;
  /** The Electron executable, when installed. */
  readonly electron: string | undefined;
  /** Whether dist/electron/main.js is built. */
  readonly electronAppBuilt: boolean;
  readonly browser: string | undefined;
  readonly display: boolean;
}

/** What `plandesk start` does, and the one line that says why. */
export function chooseLaunch(facts: LaunchFacts): Launch {
  if (facts.mode === 'url') return { kind: 'url', reason: 'asked for --mode url' };
  const noElectron = !facts.electron
    ? 'the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD)'
    : !facts.electronAppBuilt
      ? 'the desktop shell is not built (npm run build)'
      : undefined;
  if (facts.mode !== 'browser' && !noElectron && facts.electron) {
    return { kind: 'electron', electron: facts.electron, reason: `opening in Electron (${facts.electron})` };
  }
  const why = facts.mode === 'browser' ? 'asked for --mode browser' : (noElectron ?? '');
  if (!facts.display) {
    return { kind: 'url', reason: `${why} and there is no display ($DISPLAY and $WAYLAND_DISPLAY are unset): serving only` };
  }
  if (!facts.browser) {
    return { kind: 'url', reason: `${why} and no Chromium/Chrome was found (${BROWSER_CANDIDATES.join(', ')}): serving only` };
  }
  return { kind: 'browser', browser: facts.browser, reason: `${why}: opening in ${facts.browser} as an app window` };
}

/** Chromium arguments for an app window on `url` with a throwaway profile. */
export function browserArguments(url: string, profileDir: string, asRoot: boolean): string[] {
  return [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-sync',
    '--disable-features=Translate',
    '--window-size=1400,900',
    // Chromium refuses to run as root with its sandbox (containers, CI).
    ...(asRoot ? ['--no-sandbox'] : []),
  ];
}
