/**
 * The paths a browser client of `plandesk serve` may name (in job arguments and io* calls):
 * reading inside the server's staging folder (its uploads and the jobs' own folders), and —
 * only when the server was started with `--files-root DIR` — reading and writing under DIR.
 * Paths are resolved (`..`) and symbolic links followed before the check, so neither gets out.
 */
import { closeSync, existsSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { PlanDeskError } from '../errors.js';
import type { FileAccess } from '../jobs/file-access.js';

/** The path as the file system will see it: links of the longest existing ancestor followed. */
function realPath(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    rest.unshift(basename(existing));
    existing = parent;
  }
  return resolve(realpathSync(existing), ...rest);
}

/**
 * A GDAL virtual dataset (VRT) names other files — any file on the server — so an uploaded one
 * would read past the policy. Recognised by extension and by content (GDAL sniffs the content).
 */
function isVirtualDataset(path: string): boolean {
  if (/\.vrt$/i.test(path)) return true;
  if (!existsSync(path) || !statSync(path).isFile()) return false;
  const head = Buffer.alloc(4096);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, head, 0, head.length, 0);
    return /<(OGRVRTDataSource|VRTDataset)\b/i.test(head.toString('latin1', 0, n));
  } finally {
    closeSync(fd);
  }
}

export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

export interface FolderAccessOptions {
  /** The staging folder: readable (uploads, job outputs), never named as an output. */
  readonly staging: string;
  /** `--files-root`: readable and writable. */
  readonly filesRoot?: string;
}

export function folderAccess(options: FolderAccessOptions): FileAccess {
  const staging = realPath(options.staging);
  const root = options.filesRoot !== undefined ? realPath(options.filesRoot) : undefined;
  const rootWords = root ? ` or under ${root} (--files-root)` : '';
  return {
    checkRead(path, what) {
      const real = realPath(path);
      if (isInside(real, staging) || (root && isInside(real, root))) {
        if (isVirtualDataset(real)) throw new PlanDeskError('FORBIDDEN', `${what} ${path} is a GDAL virtual dataset (VRT), which can name any file on the server: not accepted over HTTP`);
        return;
      }
      throw new PlanDeskError(
        'FORBIDDEN',
        `${what} ${path} is outside the files this server may read: upload it (POST /api/uploads) and use the path that answers${rootWords}`,
      );
    },
    checkWrite(path, what) {
      const real = realPath(path);
      if (root && isInside(real, root) && real !== root) {
        // A browser client never replaces a file (an export's `overwrite` is the desktop app's).
        if (existsSync(real)) throw new PlanDeskError('FILE_EXISTS', `${what} ${path} exists: this server never replaces a file`);
        return;
      }
      throw new PlanDeskError(
        'FORBIDDEN',
        root
          ? `${what} ${path} is outside ${root} (--files-root); leave "out" out to download the result (GET /api/jobs/{id}/download)`
          : `${what} ${path}: this server writes no file a client names; leave "out" out and download the result (GET /api/jobs/{id}/download), or start it with --files-root DIR`,
      );
    },
  };
}
