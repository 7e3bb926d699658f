/**
 * Files in serve mode over real HTTP: a TCVN3 shapefile uploaded file by file (and as a zip),
 * inspected, previewed and imported through the job; an export downloaded (GeoPackage, and a
 * shapefile as one zip) and read back with ogrinfo; the path policy (uploads only, no output
 * paths without --files-root), file-name tricks, download states and kiosk mode.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJobResult, JobInfo, PlanDeskApi } from '../../gis-core/api/contract.js';
import { createHttpClient } from '../../gis-core/api/http-client.js';
import { PlanDeskService } from '../../gis-core/api/service.js';
import { FileStaging } from '../../gis-core/server/files.js';
import { serveProject, type ServedProject } from '../../gis-core/server/serve-project.js';
import { startServer } from '../../gis-core/server/server.js';
import { ORIGIN, buildFixtureProject } from '../helpers/api-fixture.js';
import { zipFiles } from '../helpers/gdal-fixtures.js';
import { tempDir } from '../helpers/temp.js';
import { TCVN3_ROAD_NAMES, tcvn3RoadsShapefile } from '../helpers/tcvn3-roads.js';

const dir = tempDir('plandesk-io-files-');
const fixture = buildFixtureProject('io-files');
const roadOrigin: [number, number] = [ORIGIN[0] + 50, ORIGIN[1] + 900];
const shapefile = tcvn3RoadsShapefile(dir, 'roads_tcvn3', roadOrigin);

function copy(name: string): string {
  const file = join(dir, `${name}.plandesk.sqlite`);
  copyFileSync(fixture, file);
  return file;
}

interface Uploaded {
  readonly file: string;
  readonly name: string;
  readonly size: number;
  readonly session: string;
}

async function upload(base: string, name: string, bytes: Buffer, session?: string): Promise<{ status: number; json: Uploaded & { error?: { code: string } } }> {
  const params = new URLSearchParams({ name, ...(session ? { session } : {}) });
  const response = await fetch(`${base}api/uploads?${params}`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes });
  return { status: response.status, json: (await response.json()) as Uploaded & { error?: { code: string } } };
}

async function finished(api: PlanDeskApi, id: string): Promise<JobInfo> {
  for (;;) {
    const job = await api.job(id);
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; status: number; message: string };
  }
  throw new Error('expected the call to fail');
}

let served: ServedProject;
let api: PlanDeskApi;
beforeAll(async () => {
  served = await serveProject({ file: copy('main'), port: 0 });
  api = createHttpClient({ baseUrl: served.url });
});
afterAll(async () => {
  await served.close();
});

describe('uploads, the wizard calls and the import job', () => {
  it('a shapefile uploaded file by file (Vietnamese name with spaces) is inspected, previewed, mapped and imported', async () => {
    let session: string | undefined;
    const stored: Uploaded[] = [];
    for (const part of shapefile) {
      const name = `đường phố cũ${extname(part)}`;
      const { status, json } = await upload(served.url, name, readFileSync(part), session);
      expect(status).toBe(200);
      expect(json.name).toBe(name);
      expect(json.size).toBe(readFileSync(part).length);
      session ??= json.session;
      expect(json.session).toBe(session);
      stored.push(json);
    }
    const shp = stored[0]!.file;
    expect(basename(shp)).toBe('đường phố cũ.shp');
    expect(dirname(shp).startsWith(served.files.uploadsDir)).toBe(true);
    expect(stored.every((s) => dirname(s.file) === dirname(shp))).toBe(true);

    const inspected = await api.ioInspect(shp);
    const layer = inspected.layers[0]!;
    expect(layer.featureCount).toBe(3);
    expect(layer.encodings.TEN_DUONG?.encoding).toBe('tcvn3');
    expect(layer.crs.epsg).toBe(5897);
    expect(layer.samples.map((s) => s.TEN_DUONG)).toEqual([...TCVN3_ROAD_NAMES]);

    // Read as Windows-1258 on purpose: the preview shows what that choice would import.
    const wrong = await api.ioPreview(shp, { encoding: 'cp1258', limit: 2 });
    expect(wrong.features).toHaveLength(2);
    expect(wrong.features[0]!.properties.TEN_DUONG).not.toBe(TCVN3_ROAD_NAMES[0]);
    const preview = await api.ioPreview(shp, { encoding: 'auto' });
    expect(preview.crs).toBe('EPSG:5897');
    expect(preview.features.map((f) => f.properties.TEN_DUONG)).toEqual([...TCVN3_ROAD_NAMES]);
    expect(preview.features[0]!.geometry).toMatchObject({ type: 'LineString', coordinates: [roadOrigin, [roadOrigin[0] + 120, roadOrigin[1]]] });

    const mapping = await api.ioMapping(shp, { layer: 'roads' });
    expect(mapping.saved).toBeNull();
    expect(mapping.suggested).toMatchObject({ TEN_DUONG: 'name', CAP_DUONG: 'road_class', LO_GIOI: 'red_line_width_m' });

    const before = (await api.features('roads')).numberMatched;
    const started = await api.jobStart({ kind: 'import', args: { file: shp, layer: 'roads', mapping: mapping.suggested } });
    const job = await finished(api, started.id);
    expect(job.state).toBe('done');
    const result = job.result as ImportJobResult;
    expect(result).toMatchObject({ imported: 3, rejected: [] });
    const names = (await api.features('roads', { limit: 1000 })).features.map((f) => f.properties.name);
    expect(names).toEqual(expect.arrayContaining([...TCVN3_ROAD_NAMES]));
    expect((await api.features('roads')).numberMatched).toBe(before + 3);
    expect((await api.ioMapping(shp, { layer: 'roads' })).saved).toMatchObject({ TEN_DUONG: 'name' });
    await api.editUndo();
    expect((await api.features('roads')).numberMatched).toBe(before);
  });

  it('a zipped shapefile is one upload', async () => {
    const zip = join(dir, 'roads.zip');
    zipFiles(zip, Object.fromEntries(shapefile.map((f) => [basename(f), f])));
    const { status, json } = await upload(served.url, 'Đường giao thông.zip', readFileSync(zip));
    expect(status).toBe(200);
    const inspected = await api.ioInspect(json.file);
    expect(inspected.layers[0]!.samples.map((s) => s.TEN_DUONG)).toEqual([...TCVN3_ROAD_NAMES]);
    const job = await finished(api, (await api.jobStart({ kind: 'import', args: { file: json.file, layer: 'roads' } })).id);
    expect(job.state).toBe('done');
    expect((job.result as ImportJobResult).imported).toBe(3);
    await api.editUndo();
  });

  it('names are cut to their last component; empty, dot names and unknown sessions are refused', async () => {
    const up = await upload(served.url, '../../../../tmp/evil.txt', Buffer.from('x'));
    expect(up.status).toBe(200);
    expect(up.json.name).toBe('evil.txt');
    expect(dirname(up.json.file)).toBe(join(served.files.uploadsDir, up.json.session));
    expect(existsSync('/tmp/evil.txt') && readFileSync('/tmp/evil.txt', 'utf8') === 'x').toBe(false);
    const windows = await upload(served.url, 'C:\\Users\\a\\bản đồ.dxf', Buffer.from('x'));
    expect(windows.json.name).toBe('bản đồ.dxf');
    expect((await upload(served.url, '..', Buffer.from('x'))).status).toBe(400);
    expect((await upload(served.url, '', Buffer.from('x'))).status).toBe(400);
    expect((await upload(served.url, 'a.shp', Buffer.from('x'), '../../etc')).status).toBe(404);
    const form = await fetch(`${served.url}api/uploads?name=a.txt`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(form.status).toBe(400);
  });

  it('an upload over the size cap is 413 and leaves no file behind', async () => {
    const files = new FileStaging({ maxUploadBytes: 1000 });
    const server = await startServer({ api: new PlanDeskService(served.project, { fileAccess: files.access, jobWorkRoot: files.jobsDir }), port: 0, files });
    try {
      // Chunked (no Content-Length): the cap is enforced while streaming, not only on the header.
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(400));
          controller.close();
        },
      });
      const response = await fetch(`${server.url}api/uploads?name=big.bin`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: chunks,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
      const sessions = readdirSync(files.uploadsDir);
      expect(sessions.flatMap((s) => readdirSync(join(files.uploadsDir, s)))).toEqual([]);
      expect((await upload(server.url, 'small.bin', Buffer.alloc(999))).status).toBe(200);
    } finally {
      await server.close();
      files.remove();
    }
  });
});

describe('the path policy', () => {
  it('job and io paths outside the staging folder are refused (403), relative tricks included', async () => {
    const outside = shapefile[0]!;
    for (const file of [outside, '/etc/passwd', `${served.files.uploadsDir}/../../../etc/passwd`]) {
      const error = await rejectionOf(api.jobStart({ kind: 'import', args: { file, layer: 'roads' } }));
      expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    }
    expect(await rejectionOf(api.ioInspect(outside))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(await rejectionOf(api.ioPreview('/etc/hostname'))).toMatchObject({ code: 'FORBIDDEN' });
    const out = join(dir, 'written.gpkg');
    const refused = await rejectionOf(api.jobStart({ kind: 'export', args: { layer: 'roads', format: 'gpkg', out } }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(refused.message).toMatch(/--files-root/);
    // Not even into the staging folder: outputs there are the jobs' own.
    expect(await rejectionOf(api.jobStart({ kind: 'export', args: { layer: 'roads', format: 'gpkg', out: join(served.files.uploadsDir, 'x.gpkg') } }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(existsSync(out)).toBe(false);
    expect(await rejectionOf(api.jobStart({ kind: 'flood', args: { level: 3, sources: { edge: true }, dem: '/etc/passwd' } }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('an uploaded GDAL virtual dataset (which could name any server file) is refused, whatever its name', async () => {
    const vrt = `<OGRVRTDataSource><OGRVRTLayer name="p"><SrcDataSource>/etc/passwd</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>`;
    for (const name of ['lop.vrt', 'lop.xml']) {
      const { json } = await upload(served.url, name, Buffer.from(vrt));
      expect(await rejectionOf(api.ioInspect(json.file))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      expect(await rejectionOf(api.jobStart({ kind: 'import', args: { file: json.file, layer: 'roads', srcCrs: 5897 } }))).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('--files-root allows reading and writing under it, nothing else', async () => {
    const root = tempDir('plandesk-files-root-');
    const rooted = await serveProject({ file: copy('rooted'), port: 0, filesRoot: root });
    try {
      const client = createHttpClient({ baseUrl: rooted.url });
      const out = join(root, 'đường.gpkg');
      const job = await finished(client, (await client.jobStart({ kind: 'export', args: { layer: 'roads', format: 'gpkg', out } })).id);
      expect(job.state).toBe('done');
      expect(existsSync(out)).toBe(true);
      // `overwrite` is the desktop app's (its save dialog asked): a browser client never replaces a file.
      expect(await rejectionOf(client.jobStart({ kind: 'export', args: { layer: 'roads', format: 'gpkg', out, overwrite: true } }))).toMatchObject({ code: 'FILE_EXISTS' });
      const src = join(root, basename(shapefile[0]!));
      for (const part of shapefile) copyFileSync(part, join(root, basename(part)));
      expect((await client.ioInspect(src)).layers[0]!.featureCount).toBe(3);
      expect(await rejectionOf(client.jobStart({ kind: 'export', args: { layer: 'roads', format: 'gpkg', out: join(dir, 'no.gpkg') } }))).toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await rooted.close();
    }
    expect(existsSync(rooted.files.root)).toBe(false);
  });
});

describe('downloads', () => {
  async function download(id: string): Promise<Response> {
    return fetch(`${served.url}api/jobs/${encodeURIComponent(id)}/download`);
  }

  it('an export without out is downloaded: GeoPackage as is, a shapefile as one zip, names in UTF-8', async () => {
    const gpkgJob = await finished(api, (await api.jobStart({ kind: 'export', args: { layer: 'roads', format: 'gpkg' } })).id);
    expect(gpkgJob.state).toBe('done');
    const gpkg = await download(gpkgJob.id);
    expect(gpkg.status).toBe(200);
    expect(gpkg.headers.get('content-disposition')).toBe(`attachment; filename="roads.gpkg"; filename*=UTF-8''roads.gpkg`);
    const gpkgFile = join(dir, 'downloaded.gpkg');
    writeFileSync(gpkgFile, Buffer.from(await gpkg.arrayBuffer()));
    const roads = (await api.features('roads')).numberMatched;
    expect(execFileSync('ogrinfo', ['-so', gpkgFile, 'roads'], { encoding: 'utf8' })).toContain(`Feature Count: ${roads}`);

    const shpJob = await finished(api, (await api.jobStart({ kind: 'export', args: { layer: 'roads', format: 'shp', crs: 4756 } })).id);
    const shp = await download(shpJob.id);
    expect(shp.status).toBe(200);
    expect(shp.headers.get('content-type')).toBe('application/zip');
    expect(shp.headers.get('content-disposition')).toContain('filename="roads.zip"');
    const zipFile = join(dir, 'downloaded.zip');
    writeFileSync(zipFile, Buffer.from(await shp.arrayBuffer()));
    const listing = execFileSync('unzip', ['-Z1', zipFile], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listing).toEqual(['roads.cpg', 'roads.dbf', 'roads.prj', 'roads.shp', 'roads.shx']);
    const info = execFileSync('ogrinfo', ['-so', `/vsizip/${zipFile}/roads.shp`, 'roads'], { encoding: 'utf8' });
    expect(info).toContain(`Feature Count: ${roads}`);
    expect(info).toMatch(/VN-2000|Vietnam_2000/);
  });

  it('404 for an unknown job, 409 while it runs or when it failed, and a job without a file', async () => {
    expect((await download('0190d1d2-0000-7000-8000-000000000000')).status).toBe(404);
    const waiting = await api.jobStart({ kind: 'wait', args: { ms: 20_000, steps: 100 } });
    const running = await download(waiting.id);
    expect(running.status).toBe(409);
    expect(((await running.json()) as { error: { code: string } }).error.code).toBe('CONFLICT');
    await api.jobCancel(waiting.id);
    expect((await finished(api, waiting.id)).state).toBe('cancelled');
    expect((await download(waiting.id)).status).toBe(409);
    const quick = await finished(api, (await api.jobStart({ kind: 'wait', args: { ms: 1 } })).id);
    expect((await download(quick.id)).status).toBe(404);
    expect((await fetch(`${served.url}api/jobs/${quick.id}/download`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(405);
  });

  it('a kiosk (read access) serves neither uploads nor downloads', async () => {
    const kiosk = await serveProject({ file: copy('kiosk'), port: 0, access: 'read' });
    try {
      const up = await upload(kiosk.url, 'a.shp', Buffer.from('x'));
      expect(up.status).toBe(404);
      expect((await fetch(`${kiosk.url}api/jobs/x/download`)).status).toBe(404);
    } finally {
      await kiosk.close();
    }
  });
});
