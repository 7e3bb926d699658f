/**
 * The desktop app's save dialog and "show in folder" (electron/file-dialogs.ts) without
 * Electron: a dialog-like object answers as the user would (and records what it was asked), a
 * shell-like object records what it was told to show, ipcMain is a recorder.
 */
import type { IpcMainInvokeEvent, SaveDialogOptions } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IPC_FILES_PREFIX, IPC_SAVE_DIALOG_CHANNEL, IPC_SHOW_IN_FOLDER_CHANNEL, type IpcEnvelope, type SaveDialogRequest } from '../../gis-core/api/ipc.js';
import { bindFileDialogsToIpc, checkSaveRequest, FileDialogs, withExtension, type SaveDialogLike, type ShellLike } from '../../electron/file-dialogs.js';
import type { IpcMainLike } from '../../electron/ipc-bind.js';

const DOCUMENTS = join('/home', 'cán_bộ', 'Tài liệu');
const REQUEST: SaveDialogRequest = { title: 'Xuất dữ liệu — lưu thành tệp', defaultName: 'roads.gpkg', filterName: 'GeoPackage (.gpkg)', extensions: ['gpkg'] };

/** Answers each dialog with the next of `answers` (a path, or null: Cancel). */
function userAnswering(...answers: (string | null)[]) {
  const asked: SaveDialogOptions[] = [];
  const dialog: SaveDialogLike = {
    showSaveDialog(options) {
      asked.push(options);
      const answer = answers.shift() ?? null;
      return Promise.resolve(answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: answer });
    },
  };
  return { dialog, asked };
}

function shellRecorder() {
  const shown: string[] = [];
  const shell: ShellLike = { showItemInFolder: (path) => void shown.push(path) };
  return { shell, shown };
}

describe('save dialog requests', () => {
  it('accepts a plain file name and plain extensions only', () => {
    expect(checkSaveRequest(REQUEST)).toEqual(REQUEST);
    expect(() => checkSaveRequest({ ...REQUEST, defaultName: '../../etc/passwd' })).toThrow(/without a folder/);
    expect(() => checkSaveRequest({ ...REQUEST, defaultName: 'a\\b.gpkg' })).toThrow(/without a folder/);
    expect(() => checkSaveRequest({ ...REQUEST, extensions: ['.gpkg'] })).toThrow(/extensions/);
    expect(() => checkSaveRequest({ ...REQUEST, extensions: [] })).toThrow(/extensions/);
    expect(() => checkSaveRequest({ ...REQUEST, title: 42 })).toThrow(/title/);
    expect(() => checkSaveRequest(['roads.gpkg'])).toThrow(/object/);
  });

  it('adds the format extension when the chosen name has none of them', () => {
    expect(withExtension('/tmp/ban-ve', ['pdf'])).toBe('/tmp/ban-ve.pdf');
    expect(withExtension('/tmp/ban-ve.PDF', ['pdf'])).toBe('/tmp/ban-ve.PDF');
    expect(withExtension('/tmp/quy.hoach', ['gpkg'])).toBe('/tmp/quy.hoach.gpkg');
  });
});

describe('file dialogs', () => {
  it('asks where to save, in the documents folder first and then where the last file went', async () => {
    const chosen = join('/data', 'Dự án', 'đường');
    const { dialog, asked } = userAnswering(chosen, null);
    const dialogs = new FileDialogs(dialog, shellRecorder().shell, DOCUMENTS);
    expect(await dialogs.saveDialog([REQUEST])).toEqual({ ok: true, value: `${chosen}.gpkg` });
    expect(asked[0]).toMatchObject({
      title: REQUEST.title,
      defaultPath: join(DOCUMENTS, 'roads.gpkg'),
      filters: [{ name: 'GeoPackage (.gpkg)', extensions: ['gpkg'] }],
    });
    // Cancel: null, and nothing is started by the renderer.
    expect(await dialogs.saveDialog([{ ...REQUEST, defaultName: 'ban-ve.pdf', extensions: ['pdf'] }])).toEqual({ ok: true, value: null });
    expect(asked[1]?.defaultPath).toBe(join('/data', 'Dự án', 'ban-ve.pdf'));
    expect(await dialogs.saveDialog([{ ...REQUEST, defaultName: '/etc/x' }])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(asked).toHaveLength(2);
  });

  it('shows in the folder only the files its save dialog gave', async () => {
    const saved = join('/data', 'ban-ve.pdf');
    const { shell, shown } = shellRecorder();
    const dialogs = new FileDialogs(userAnswering(saved).dialog, shell, DOCUMENTS);
    expect(dialogs.showInFolder([saved])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await dialogs.saveDialog([{ ...REQUEST, defaultName: 'ban-ve.pdf', extensions: ['pdf'] }]);
    expect(dialogs.showInFolder([saved])).toEqual({ ok: true, value: null });
    expect(dialogs.showInFolder(['relative.pdf'])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(dialogs.showInFolder([join('/etc', 'passwd')])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(shown).toEqual([saved]);
  });
});

describe('file dialogs over IPC', () => {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => IpcEnvelope | Promise<IpcEnvelope>>();
  const ipcMain: IpcMainLike = {
    handle: (channel: string, listener: unknown) => void handlers.set(channel, listener as never),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const appFrame = { senderFrame: { url: 'plandesk://app/index.html' } } as unknown as IpcMainInvokeEvent;
  const foreignFrame = { senderFrame: { url: 'https://example.com/' } } as unknown as IpcMainInvokeEvent;
  const saved = join('/data', 'roads.gpkg');
  const { dialog, asked } = userAnswering(saved);
  const { shell, shown } = shellRecorder();
  const { channels } = bindFileDialogsToIpc(ipcMain, new FileDialogs(dialog, shell, DOCUMENTS), (event) => String(event.senderFrame?.url).startsWith('plandesk://app/'));

  it('binds the two channels the preload names', () => {
    expect(channels).toEqual([`${IPC_FILES_PREFIX}save-dialog`, `${IPC_FILES_PREFIX}show-in-folder`]);
    const preload = readFileSync(new URL('../../electron/preload.cts', import.meta.url), 'utf8');
    expect(preload).toContain(`const FILES_PREFIX = '${IPC_FILES_PREFIX}';`);
    expect(preload).toContain("FILES_PREFIX + 'save-dialog'");
    expect(preload).toContain("FILES_PREFIX + 'show-in-folder'");
    expect(preload).toContain('webUtils.getPathForFile(');
  });

  it('answers the app pages only', async () => {
    expect(await handlers.get(IPC_SAVE_DIALOG_CHANNEL)!(foreignFrame, REQUEST)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(asked).toHaveLength(0);
    expect(await handlers.get(IPC_SAVE_DIALOG_CHANNEL)!(appFrame, REQUEST)).toEqual({ ok: true, value: saved });
    expect(await handlers.get(IPC_SHOW_IN_FOLDER_CHANNEL)!(foreignFrame, saved)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await handlers.get(IPC_SHOW_IN_FOLDER_CHANNEL)!(appFrame, saved)).toEqual({ ok: true, value: null });
    expect(shown).toEqual([saved]);
  });
});
