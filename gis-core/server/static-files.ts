/**
 * Serving the built renderer from one folder: known content types, no directory listings, no
 * way out of the folder (dot segments, encoded slashes, symlinks pointing out), hidden files
 * refused, and an SPA fallback to index.html for extension-less paths (client-side routes).
 */
import { createReadStream, realpathSync, statSync, type Stats } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticResolution =
  | { readonly kind: 'file'; readonly file: string; readonly stats: Stats; readonly contentType: string; readonly immutable: boolean }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'no-renderer' };

function fileAt(path: string): Stats | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves a URL path (percent-encoded, as in the request) to a file under `root`. */
export function resolveStatic(root: string, urlPath: string): StaticResolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'forbidden' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'forbidden' };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return { kind: 'forbidden' };
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { kind: 'no-renderer' };
  }
  const index = join(realRoot, 'index.html');
  if (!fileAt(index)) return { kind: 'no-renderer' };
  const candidate = resolve(realRoot, ...segments);
  let stats = segments.length ? fileAt(candidate) : undefined;
  if (stats) {
    // A symlink inside the folder must not lead out of it.
    const real = realpathSync(candidate);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return { kind: 'forbidden' };
    return { kind: 'file', file: real, stats, contentType: contentTypeOf(real), immutable: segments[0] === 'assets' };
  }
  const last = segments[segments.length - 1] ?? '';
  // A missing asset is a 404, not the app page; a client-side route gets index.html.
  if (extname(last) !== '') return { kind: 'not-found' };
  stats = fileAt(index);
  return stats ? { kind: 'file', file: index, stats, contentType: contentTypeOf(index), immutable: false } : { kind: 'no-renderer' };
}

export function openStatic(file: string): NodeJS.ReadableStream {
  return createReadStream(file);
}
