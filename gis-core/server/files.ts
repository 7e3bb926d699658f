/**
 * Files over HTTP in serve mode: uploads into the server's own staging folder and the download
 * of a finished job's file. Not contract methods: they carry bytes, not JSON.
 *
 * - `POST /api/uploads?name=NAME[&session=ID]`, body the raw bytes (application/octet-stream,
 *   streamed to disk, at most 2 GiB): answers `{ file, name, size, session }`; `file` is the
 *   path an import job or io* call accepts. Files of one upload session (a shapefile's .shp,
 *   .shx, .dbf, .prj, .cpg) share a folder: pass the `session` the first upload answered.
 * - `GET /api/jobs/{jobId}/download`: the job's `result.out` (a shapefile's files as one .zip),
 *   with Content-Disposition filename* in UTF-8. 404 unknown job, 409 still running or failed.
 *
 * One staging folder per server process (a fresh temporary folder), removed when it stops. Its
 * FileAccess (file-policy.ts) is what the service checks job and io* paths against.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { ApiErrorCode, PlanDeskApi } from '../api/contract.js';
import { isPlanDeskError, PlanDeskError } from '../errors.js';
import type { FileAccess } from '../jobs/file-access.js';
import { writeStoredZip } from '../io/zip-write.js';
import { folderAccess } from './file-policy.js';
import { sendError, sendJson } from './respond.js';

/** Largest upload accepted (bytes). */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

const DOWNLOAD_PATH = /^\/api\/jobs\/([^/]+)\/download$/;
const SESSION = /^[0-9a-f]{32}$/;
/** A shapefile's companion files, downloaded together with the .shp. */
const SHAPEFILE_PARTS = new Set(['.shp', '.shx', '.dbf', '.prj', '.cpg', '.qix', '.sbn', '.sbx']);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.gpkg': 'application/geopackage+sqlite3',
  '.geojson': 'application/geo+json',
  '.json': 'application/json',
  '.kml': 'application/vnd.google-earth.kml+xml',
  '.kmz': 'application/vnd.google-earth.kmz',
  '.zip': 'application/zip',
  '.csv': 'text/csv; charset=utf-8',
  '.dxf': 'image/vnd.dxf',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.tif': 'image/tiff',
};

/** A refusal with a transport-level code (NOT_FOUND, PAYLOAD_TOO_LARGE) that no PlanDeskError has. */
class FileRouteError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The upload's file name, kept as the user wrote it (Vietnamese, spaces) but only its last
 * component: '../../etc/passwd' and 'C:\\x\\a.shp' become 'passwd' and 'a.shp'. Control
 * characters are dropped; '', '.' and '..' are refused.
 */
export function safeUploadName(name: string): string {
  const last = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (clean === '' || clean === '.' || clean === '..') throw new PlanDeskError('INVALID_ARGUMENT', `"${name}" is not a file name`);
  if (Buffer.byteLength(clean, 'utf8') > 200) throw new PlanDeskError('INVALID_ARGUMENT', 'the file name is longer than 200 bytes');
  return clean;
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export interface FileStagingOptions {
  /** `--files-root DIR`: job paths under DIR are allowed (read and write). */
  readonly filesRoot?: string;
  readonly maxUploadBytes?: number;
}

export class FileStaging {
  readonly root: string;
  readonly uploadsDir: string;
  /** Where each job's own folder is made (JobManager workRoot). */
  readonly jobsDir: string;
  readonly access: FileAccess;
  private readonly maxUploadBytes: number;

  constructor(options: FileStagingOptions = {}) {
    if (options.filesRoot !== undefined && !(existsSync(options.filesRoot) && statSync(options.filesRoot).isDirectory())) {
      throw new PlanDeskError('FILE_NOT_FOUND', `--files-root ${options.filesRoot} is not a folder`);
    }
    this.root = mkdtempSync(join(tmpdir(), 'plandesk-serve-'));
    this.uploadsDir = join(this.root, 'uploads');
    this.jobsDir = join(this.root, 'jobs');
    mkdirSync(this.uploadsDir);
    mkdirSync(this.jobsDir);
    this.access = folderAccess({ staging: this.root, ...(options.filesRoot !== undefined ? { filesRoot: options.filesRoot } : {}) });
    this.maxUploadBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  }

  /** Serves the request when it is an upload or a download (true), else leaves it (false). */
  async handle(request: IncomingMessage, response: ServerResponse, url: URL, api: PlanDeskApi): Promise<boolean> {
    const download = DOWNLOAD_PATH.exec(url.pathname);
    if (url.pathname !== '/api/uploads' && !download) return false;
    const method = request.method ?? '';
    const wanted = download ? 'GET' : 'POST';
    try {
      if (method !== wanted) {
        await sendError(request, response, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}; use ${wanted}`, { Allow: wanted });
      } else if (download) {
        await this.download(request, response, api, decodeURIComponent(download[1] ?? ''));
      } else {
        await this.upload(request, response, url.searchParams);
      }
    } catch (error) {
      if (!isPlanDeskError(error) && !(error instanceof FileRouteError)) throw error;
      request.resume();
      await sendError(request, response, error.code, error.message);
    }
    return true;
  }

  private sessionDir(session: string | null): { session: string; dir: string } {
    if (session === null) {
      const fresh = randomBytes(16).toString('hex');
      const dir = join(this.uploadsDir, fresh);
      mkdirSync(dir);
      return { session: fresh, dir };
    }
    const dir = join(this.uploadsDir, session);
    if (!SESSION.test(session) || !existsSync(dir)) throw new FileRouteError('NOT_FOUND', `no upload session "${session}" on this server`);
    return { session, dir };
  }

  private async upload(request: IncomingMessage, response: ServerResponse, params: URLSearchParams): Promise<void> {
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    // Like JSON for the API: a page elsewhere cannot send octet-stream without a CORS preflight.
    if (type !== 'application/octet-stream') throw new PlanDeskError('INVALID_ARGUMENT', `an upload is the raw bytes with Content-Type: application/octet-stream, got "${type ?? ''}"`);
    const name = safeUploadName(params.get('name') ?? '');
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > this.maxUploadBytes) throw this.tooLarge();
    const { session, dir } = this.sessionDir(params.get('session'));
    const file = join(dir, name);
    let size = 0;
    const max = this.maxUploadBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > max ? new Error('upload too large') : null, chunk);
      },
    });
    try {
      await pipeline(request, counter, createWriteStream(file));
    } catch (error) {
      rmSync(file, { force: true });
      if (size > max) throw this.tooLarge();
      throw new PlanDeskError('INVALID_ARGUMENT', `the upload of ${name} broke off (${error instanceof Error ? error.message : String(error)})`);
    }
    await sendJson(request, response, 200, { file, name, size, session });
  }

  private tooLarge(): FileRouteError {
    return new FileRouteError('PAYLOAD_TOO_LARGE', `an upload may be at most ${(this.maxUploadBytes / 1024 ** 2).toFixed(0)} MiB`);
  }

  private async download(request: IncomingMessage, response: ServerResponse, api: PlanDeskApi, jobId: string): Promise<void> {
    const job = await api.job(jobId);
    if (job.state === 'running') throw new PlanDeskError('CONFLICT', `job ${jobId} is still running (${Math.round(job.progress * 100)} %); download it when it is done`);
    if (job.state !== 'done') throw new PlanDeskError('CONFLICT', `job ${jobId} ${job.state === 'cancelled' ? 'was cancelled' : `failed: ${job.error?.message ?? ''}`}; it made no file`);
    const out = (job.result as { out?: unknown } | undefined)?.out;
    if (typeof out !== 'string' || !existsSync(out)) throw new FileRouteError('NOT_FOUND', `job ${jobId} (${job.kind}) has no file to download`);
    this.access.checkRead(out, `job ${jobId}'s file`);
    const file = extname(out).toLowerCase() === '.shp' ? this.zipShapefile(out) : out;
    const size = statSync(file).size;
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(size),
      'Content-Disposition': contentDisposition(basename(file)),
      'Cache-Control': 'no-store',
    });
    await pipeline(createReadStream(file), response);
  }

  /** The .shp and its companions as one `<name>.zip` beside them (made once). */
  private zipShapefile(shp: string): string {
    const stem = basename(shp, extname(shp));
    const zip = join(dirname(shp), `${stem}.zip`);
    if (!existsSync(zip)) {
      const parts = readdirSync(dirname(shp))
        .filter((f) => basename(f, extname(f)) === stem && SHAPEFILE_PARTS.has(extname(f).toLowerCase()))
        .map((f) => join(dirname(shp), f));
      writeStoredZip(zip, parts);
    }
    return zip;
  }

  /** Removes the staging folder and everything in it (the server stopped). */
  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
