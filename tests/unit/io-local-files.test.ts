/**
 * Where sources come from and outputs go (renderer/src/io/local-files.ts), for both transports:
 * serve mode (no `window.plandesk`: the upload and download it is given) and the desktop app (a
 * bridge object put on the global as the preload would, its `files` answering like the main
 * process's channels: paths of picked files, the save dialog's answer).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, type FilesBridge, type IpcEnvelope, type PlanDeskBridge, type SaveDialogRequest } from '../../gis-core/api/ipc.js';
import { ApiError } from '../../gis-core/api/wire.js';
import { createFileRoutes, mainSourceFile, NoLocalPathError, type PickedFile, type ServeTransfer, type SourceFile } from '../../renderer/src/io/local-files.js';

const SHAPEFILE: PickedFile[] = ['Đường_giao_thông.dbf', 'Đường_giao_thông.prj', 'Đường_giao_thông.shp', 'Đường_giao_thông.shx'].map((name, i) => ({ name, size: 100 * (i + 1) }));
const REQUEST: SaveDialogRequest = { title: 'In bản đồ — lưu thành tệp', defaultName: 'quy-hoach-1-500.pdf', filterName: 'Tài liệu PDF', extensions: ['pdf'] };

/** Records what serve mode was asked to upload and download. */
function serveRecorder() {
  const uploads: string[][] = [];
  const downloads: string[] = [];
  const serve: ServeTransfer = {
    upload(files, onProgress) {
      uploads.push(files.map((f) => f.name));
      onProgress?.(1, 1);
      return Promise.resolve(files.map((f) => ({ file: `/staging/uploads/s1/${f.name}`, name: f.name, size: f.size })));
    },
    download: (jobId) => void downloads.push(jobId),
  };
  return { serve, uploads, downloads };
}

/** The desktop bridge: picked files live in /home/ktv/GIS; the save dialog answers `saveAnswer`. */
function installDesktopBridge(saveAnswer: IpcEnvelope<string | null>, paths: (file: PickedFile) => string = (f) => `/home/ktv/GIS/${f.name}`) {
  const asked: SaveDialogRequest[] = [];
  const shown: string[] = [];
  const files: FilesBridge = {
    pathForFile: (file) => paths(file as PickedFile),
    saveDialog: (request) => {
      asked.push(request);
      return Promise.resolve(saveAnswer);
    },
    showInFolder: (path) => {
      shown.push(path);
      return Promise.resolve({ ok: true, value: null });
    },
  };
  const bridge: PlanDeskBridge = { methods: [], call: () => Promise.resolve({ ok: true, value: null }), onMenu: () => () => {}, files };
  (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] = bridge;
  return { asked, shown };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL];
});

describe('serve mode (browser)', () => {
  it('uploads the sources, lets the job write into its own folder and downloads the result', async () => {
    const { serve, uploads, downloads } = serveRecorder();
    const routes = createFileRoutes(serve);
    expect(routes.local).toBe(false);
    const sources = await routes.sourcesFor(SHAPEFILE);
    expect(uploads).toEqual([SHAPEFILE.map((f) => f.name)]);
    expect(mainSourceFile(sources)?.file).toBe('/staging/uploads/s1/Đường_giao_thông.shp');
    expect(await routes.outputFor(REQUEST)).toEqual({});
    expect(routes.deliverOutput('job-7')).toBe('downloaded');
    expect(downloads).toEqual(['job-7']);
    await expect(routes.showInFolder('/x.pdf')).rejects.toThrow(/desktop app only/);
  });

  it('treats a bridge without files (an older desktop shell) as no local files', async () => {
    const { serve, uploads } = serveRecorder();
    (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] = { methods: [], call: () => Promise.resolve({ ok: true, value: null }), onMenu: () => () => {} };
    const routes = createFileRoutes(serve);
    expect(routes.local).toBe(false);
    await routes.sourcesFor(SHAPEFILE.slice(0, 1));
    expect(uploads).toHaveLength(1);
  });
});

describe('desktop app (window.plandesk.files)', () => {
  it('uses the picked files where they are: no upload, the .shp is the source, a zip as is', async () => {
    installDesktopBridge({ ok: true, value: null });
    const { serve, uploads } = serveRecorder();
    const routes = createFileRoutes(serve);
    expect(routes.local).toBe(true);
    const progress: number[] = [];
    const sources = await routes.sourcesFor(SHAPEFILE, (done, total) => progress.push(done / total));
    expect(uploads).toEqual([]);
    expect(progress).toEqual([1]);
    expect(sources).toEqual(SHAPEFILE.map((f): SourceFile => ({ file: `/home/ktv/GIS/${f.name}`, name: f.name, size: f.size })));
    expect(mainSourceFile(sources)?.file).toBe('/home/ktv/GIS/Đường_giao_thông.shp');
    const zip = await routes.sourcesFor([{ name: 'QuyHoach.zip', size: 5000 }]);
    expect(mainSourceFile(zip)?.file).toBe('/home/ktv/GIS/QuyHoach.zip');
  });

  it('refuses a picked file that has no local path', async () => {
    installDesktopBridge({ ok: true, value: null }, (f) => (f.name.endsWith('.prj') ? '' : `/home/ktv/GIS/${f.name}`));
    const routes = createFileRoutes(serveRecorder().serve);
    await expect(routes.sourcesFor(SHAPEFILE)).rejects.toSatisfy((e: unknown) => e instanceof NoLocalPathError && e.fileName === 'Đường_giao_thông.prj');
  });

  it('writes where the save dialog says, and downloads nothing', async () => {
    const { asked, shown } = installDesktopBridge({ ok: true, value: '/home/ktv/Bản vẽ/quy-hoach-1-500.pdf' });
    const { serve, downloads } = serveRecorder();
    const routes = createFileRoutes(serve);
    expect(await routes.outputFor(REQUEST)).toEqual({ out: '/home/ktv/Bản vẽ/quy-hoach-1-500.pdf' });
    expect(asked).toEqual([REQUEST]);
    expect(routes.deliverOutput('job-8')).toBe('saved');
    expect(downloads).toEqual([]);
    await routes.showInFolder('/home/ktv/Bản vẽ/quy-hoach-1-500.pdf');
    expect(shown).toEqual(['/home/ktv/Bản vẽ/quy-hoach-1-500.pdf']);
  });

  it('cancels when the save dialog is cancelled, and reports a refused request', async () => {
    installDesktopBridge({ ok: true, value: null });
    expect(await createFileRoutes(serveRecorder().serve).outputFor(REQUEST)).toBeNull();
    installDesktopBridge({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'save dialog: defaultName must be a file name without a folder' } });
    await expect(createFileRoutes(serveRecorder().serve).outputFor(REQUEST)).rejects.toSatisfy(
      (e: unknown) => e instanceof ApiError && e.code === 'INVALID_ARGUMENT' && /without a folder/.test(e.message),
    );
  });
});
