/** The desktop shell's plain parts: the bilingual menu, recent projects and the start decision. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuActions } from '../../electron/menu.js';
import { DEFAULT_STATE, MAX_RECENT, loadState, saveState, stateFile, withRecent } from '../../electron/user-state.js';
import { browserArguments, chooseLaunch, type LaunchFacts } from '../../gis-core/server/app-window.js';
import { tempDir } from '../helpers/temp.js';

function actions(): MenuActions & { [K in keyof MenuActions]: ReturnType<typeof vi.fn> } {
  return { openProject: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn(), setLanguage: vi.fn(), about: vi.fn() };
}

const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label);
const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];

describe('application menu', () => {
  it('is Vietnamese by default and English on request', () => {
    expect(labels(menuTemplate('vi', [], actions()))).toEqual(['Tệp', 'Sửa', 'Xem', 'Ngôn ngữ', 'Trợ giúp']);
    expect(labels(menuTemplate('en', [], actions()))).toEqual(['File', 'Edit', 'View', 'Language', 'Help']);
  });

  it('opens projects, lists recent ones and switches language', () => {
    const a = actions();
    const menu = menuTemplate('vi', ['/data/a.plandesk.sqlite', '/data/b.plandesk.sqlite'], a);
    const file = submenu(menu[0]);
    expect(file[0]).toMatchObject({ label: 'Mở dự án…', accelerator: 'CmdOrCtrl+O' });
    (file[0]?.click as () => void)();
    expect(a.openProject).toHaveBeenCalledOnce();
    const recent = submenu(file[1]);
    expect(labels(recent)).toEqual(['1. a.plandesk.sqlite', '2. b.plandesk.sqlite', undefined, 'Xóa danh sách']);
    (recent[1]?.click as () => void)();
    expect(a.openRecent).toHaveBeenCalledWith('/data/b.plandesk.sqlite');
    const language = submenu(menu[3]);
    expect(language.map((l) => [l.label, l.checked])).toEqual([['Tiếng Việt', true], ['English', false]]);
    (language[1]?.click as () => void)();
    expect(a.setLanguage).toHaveBeenCalledWith('en');
    expect(submenu(menuTemplate('en', [], a)[0])[1]?.submenu).toEqual([{ label: '(none)', enabled: false }]);
  });

  it('shows developer tools only when asked', () => {
    const names = (dev: boolean) => submenu(menuTemplate('vi', [], actions(), { devTools: dev })[2]).map((i) => i.role);
    expect(names(false)).not.toContain('toggleDevTools');
    expect(names(true)).toContain('toggleDevTools');
  });
});

describe('recent projects', () => {
  const dir = tempDir();
  const project = (name: string) => {
    const file = join(dir, name);
    writeFileSync(file, '');
    return file;
  };

  it('keeps the last opened first, without duplicates, at most 10, and survives a reload', () => {
    let state = DEFAULT_STATE;
    const files = Array.from({ length: 12 }, (_, i) => project(`p${i}.plandesk.sqlite`));
    for (const file of files) state = withRecent(state, file);
    state = withRecent(state, files[5] ?? '');
    expect(state.recent).toHaveLength(MAX_RECENT);
    expect(state.recent[0]).toBe(files[5]);
    expect(new Set(state.recent).size).toBe(MAX_RECENT);
    const file = stateFile(join(dir, 'user-data'));
    saveState(file, { ...state, language: 'en' });
    expect(loadState(file)).toEqual({ ...state, language: 'en' });
  });

  it('forgets files that are gone and ignores a damaged state file', () => {
    const file = join(dir, 'state.json');
    writeFileSync(file, JSON.stringify({ recent: [join(dir, 'gone.sqlite'), project('kept.sqlite')], language: 'xx' }));
    expect(loadState(file)).toEqual({ recent: [join(dir, 'kept.sqlite')], language: 'vi' });
    writeFileSync(file, '{ not json');
    expect(loadState(file)).toEqual(DEFAULT_STATE);
  });
});

describe('what npm start opens', () => {
  const facts: LaunchFacts = { mode: 'auto', electron: '/x/electron', electronAppBuilt: true, browser: '/usr/bin/chromium', display: true };

  it('Electron when its binary and the built shell are there', () => {
    expect(chooseLaunch(facts)).toMatchObject({ kind: 'electron', electron: '/x/electron' });
  });

  it('else Chromium as an app window, saying why', () => {
    const launch = chooseLaunch({ ...facts, electron: undefined });
    expect(launch).toMatchObject({ kind: 'browser', browser: '/usr/bin/chromium' });
    expect(launch.reason).toContain('Electron binary is not installed');
    expect(chooseLaunch({ ...facts, electronAppBuilt: false }).reason).toContain('not built');
    expect(chooseLaunch({ ...facts, mode: 'browser' })).toMatchObject({ kind: 'browser' });
  });

  it('else only the URL: no display, or no browser', () => {
    const noDisplay = chooseLaunch({ ...facts, electron: undefined, display: false });
    expect(noDisplay.kind).toBe('url');
    expect(noDisplay.reason).toContain('$DISPLAY and $WAYLAND_DISPLAY are unset');
    const noBrowser = chooseLaunch({ ...facts, electron: undefined, browser: undefined });
    expect(noBrowser.kind).toBe('url');
    expect(noBrowser.reason).toContain('no Chromium/Chrome');
    expect(chooseLaunch({ ...facts, mode: 'url' }).kind).toBe('url');
  });

  it('opens Chromium as an app window with a throwaway profile', () => {
    const args = browserArguments('http://127.0.0.1:5000/', '/tmp/profile-1', false);
    expect(args).toContain('--app=http://127.0.0.1:5000/');
    expect(args).toContain('--user-data-dir=/tmp/profile-1');
    expect(args).not.toContain('--no-sandbox');
    expect(browserArguments('http://127.0.0.1:5000/', '/tmp/p', true)).toContain('--no-sandbox');
  });
});
