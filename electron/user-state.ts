/**
 * What the desktop app remembers between runs, in the user data folder: recent projects (most
 * recent first, at most 10, existing files only) and the UI language. A damaged file is
 * ignored, never fatal.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Language } from './menu.js';

export const MAX_RECENT = 10;

export interface UserState {
  readonly recent: readonly string[];
  readonly language: Language;
}

export const DEFAULT_STATE: UserState = { recent: [], language: 'vi' };

export function stateFile(userDataDir: string): string {
  return join(userDataDir, 'plandesk-state.json');
}

export function loadState(file: string): UserState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<UserState>;
    const recent = Array.isArray(raw.recent) ? raw.recent.filter((f): f is string => typeof f === 'string' && existsSync(f)) : [];
    return { recent: recent.slice(0, MAX_RECENT), language: raw.language === 'en' ? 'en' : 'vi' };
  } catch {
    return DEFAULT_STATE;
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a file. */
export function saveState(file: string, state: UserState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, file);
}

/** `file` first, without duplicates, at most MAX_RECENT. */
export function withRecent(state: UserState, file: string): UserState {
  const absolute = resolve(file);
  return { ...state, recent: [absolute, ...state.recent.filter((f) => f !== absolute)].slice(0, MAX_RECENT) };
}
