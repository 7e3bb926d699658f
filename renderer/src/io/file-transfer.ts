/**
 * Files to and from `plandesk serve` (gis-core/server/files.ts): uploads of the picked files
 * into one upload session, and the download of a finished job's file. Same origin, with the
 * page's `?token=` as the API client uses it (gis-core/api/connect.ts).
 */
import { BRIDGE_GLOBAL } from '../../../gis-core/api/ipc.js';
import { ApiError, isApiErrorBody } from '../../../gis-core/api/wire.js';

export interface UploadedFile {
  /** The path the import job and the io* calls accept. */
  readonly file: string;
  readonly name: string;
  readonly size: number;
  readonly session: string;
}

/** A shapefile's companions and other side files: never the file to open. */
const SIDE_FILES = new Set(['shx', 'dbf', 'prj', 'cpg', 'qix', 'sbn', 'sbx', 'xml', 'aux', 'qmd', 'qml']);

/**
 * Whether this page reaches the core over HTTP (serve mode), where the upload and download
 * routes are. The desktop app talks IPC and has no such routes yet.
 */
export function fileTransferAvailable(): boolean {
  return (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] === undefined;
}

function pageToken(): string | null {
  return new URLSearchParams(window.location.search).get('token');
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Uploads the files one after the other into one session (a shapefile's parts stay together). */
export async function uploadFiles(files: readonly File[], onProgress?: (done: number, total: number) => void): Promise<UploadedFile[]> {
  const token = pageToken();
  const uploaded: UploadedFile[] = [];
  const total = files.reduce((sum, f) => sum + f.size, 0);
  let done = 0;
  for (const file of files) {
    const params = new URLSearchParams({ name: file.name });
    if (uploaded[0]) params.set('session', uploaded[0].session);
    const response = await fetch(`/api/uploads?${params}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      if (isApiErrorBody(body)) throw new ApiError(body.error.code, body.error.message, response.status);
      throw new ApiError('INTERNAL', `HTTP ${response.status} uploading ${file.name}`, response.status);
    }
    uploaded.push(body as UploadedFile);
    done += file.size;
    onProgress?.(done, total);
  }
  return uploaded;
}

/** The file GDAL should open: the .shp (or .zip, .gpkg, …) among the uploads, not a .dbf or .prj. */
export function mainSourceFile(uploaded: readonly UploadedFile[]): UploadedFile | undefined {
  return uploaded.find((u) => extension(u.name) === 'shp') ?? uploaded.find((u) => !SIDE_FILES.has(extension(u.name)));
}

/** Where a finished job's file is downloaded from. */
export function downloadUrl(jobId: string): string {
  const token = pageToken();
  return `/api/jobs/${encodeURIComponent(jobId)}/download${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/** Starts the browser's download of a finished job's file (the server names it). */
export function startDownload(jobId: string): void {
  const link = document.createElement('a');
  link.href = downloadUrl(jobId);
  link.download = '';
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
