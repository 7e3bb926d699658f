/**
 * Files to and from `plandesk serve` (gis-core/server/files.ts): uploads of the picked files
 * into one upload session, and the download of a finished job's file. Same origin, with the
 * page's `?token=` as the API client uses it (gis-core/api/connect.ts). The components go
 * through `fileRoutes` (local-files.ts), which uses these in serve mode and local paths in the
 * desktop app.
 */
import { ApiError, isApiErrorBody } from '../../../gis-core/api/wire.js';
import { createFileRoutes, type SourceFile } from './local-files.js';

export interface UploadedFile extends SourceFile {
  readonly session: string;
}

function pageToken(): string | null {
  return new URLSearchParams(window.location.search).get('token');
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

/** Sources and outputs for the import wizard, the export and the print dialogs (both transports). */
export const fileRoutes = createFileRoutes({ upload: uploadFiles, download: startDownload });
