/**
 * Running GDAL's command-line tools (ogr2ogr, ogrinfo, gdalsrsinfo) and opening sources.
 *
 * The npm `ogr2ogr` wrapper the issue names needs Node ≥ 22.12 (PlanDesk runs on Node 20), so
 * the binaries are spawned directly: no shell, arguments as an array, never `-skipfailures`
 * (a source GDAL cannot read fails the import as a whole).
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { PlanDeskError } from '../errors.js';

export interface ToolOptions {
  readonly signal?: AbortSignal;
  /** stderr "ERROR" lines that do not fail the run (e.g. a CRS ogrinfo cannot print as WKT1). */
  readonly tolerate?: RegExp;
}

function hasError(stderr: string, tolerate: RegExp | undefined): boolean {
  return stderr.split('\n').some((line) => /^ERROR \d+:/.test(line) && !(tolerate && tolerate.test(line)));
}

function toolError(tool: string, code: number | null, stderr: string): PlanDeskError {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Warning 1: /.test(l));
  const detail = lines.slice(0, 3).join(' ') || `exit code ${code}`;
  return new PlanDeskError('EXTERNAL_TOOL', `${tool} failed: ${detail}`);
}

/** Runs a GDAL tool to completion; rejects with its first error lines. */
export function runTool(tool: string, args: readonly string[], options: ToolOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(options.signal ? { signal: options.signal } : {}) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (error) => {
      if (options.signal?.aborted) reject(new PlanDeskError('CANCELLED', `${tool} was cancelled`));
      else reject(new PlanDeskError('EXTERNAL_TOOL', `${tool} could not run (is GDAL installed?): ${error.message}`));
    });
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0 && !hasError(stderr, options.tolerate)) resolve(Buffer.concat(out).toString('utf8'));
      else reject(toolError(tool, code, stderr));
    });
  });
}

/**
 * Runs a tool and hands each stdout line to `onLine` as it comes (GDAL's GeoJSON writer puts
 * one feature per line). Any "ERROR n:" on stderr fails the run even when the tool exits 0.
 */
export function streamTool(tool: string, args: readonly string[], onLine: (line: string) => void, options: ToolOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(options.signal ? { signal: options.signal } : {}) });
    const err: Buffer[] = [];
    let failure: unknown;
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (failure) return;
      try {
        onLine(line);
      } catch (error) {
        failure = error;
        child.kill();
      }
    });
    child.on('error', (error) => {
      failure ??= options.signal?.aborted
        ? new PlanDeskError('CANCELLED', `${tool} was cancelled`)
        : new PlanDeskError('EXTERNAL_TOOL', `${tool} could not run (is GDAL installed?): ${error.message}`);
    });
    child.on('close', (code) => {
      if (failure) return reject(failure);
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0 && !hasError(stderr, options.tolerate)) resolve();
      else reject(toolError(tool, code, stderr));
    });
  });
}

// --------------------------------------------------------------------------- archives

export interface ArchiveLimits {
  /** Refuse archives that would unpack to more than this (bytes). Default 4 GiB. */
  readonly maxUncompressedBytes?: number;
  /** Refuse entries packed tighter than this ratio (past 10 MiB). Default 200. */
  readonly maxRatio?: number;
}

export interface ArchiveEntry {
  readonly name: string;
  readonly compressed: number;
  readonly uncompressed: number;
}

/** Lists a zip's central directory without unpacking anything. */
export function zipEntries(file: string): ArchiveEntry[] {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    readSync(fd, tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new PlanDeskError('FILE_CORRUPT', `${file} is not a readable zip archive (no central directory)`);
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || count === 0xffff || cdOffset + cdSize > size) {
      throw new PlanDeskError('INVALID_ARGUMENT', `${file}: ZIP64 or damaged archives are not supported; unpack it first`);
    }
    const cd = Buffer.alloc(cdSize);
    readSync(fd, cd, 0, cdSize, cdOffset);
    const entries: ArchiveEntry[] = [];
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) throw new PlanDeskError('FILE_CORRUPT', `${file}: damaged zip central directory`);
      const compressed = cd.readUInt32LE(at + 20);
      const uncompressed = cd.readUInt32LE(at + 24);
      const nameLength = cd.readUInt16LE(at + 28);
      const extraLength = cd.readUInt16LE(at + 30);
      const commentLength = cd.readUInt16LE(at + 32);
      const name = cd.toString('utf8', at + 46, at + 46 + nameLength);
      entries.push({ name, compressed, uncompressed: uncompressed === 0xffffffff ? Number.POSITIVE_INFINITY : uncompressed });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

/** Throws when a zip would unpack to too much, or packs an entry like a zip bomb. */
export function checkArchive(file: string, limits: ArchiveLimits = {}): ArchiveEntry[] {
  const max = limits.maxUncompressedBytes ?? 4 * 1024 ** 3;
  const ratio = limits.maxRatio ?? 200;
  const entries = zipEntries(file);
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressed;
    if (entry.uncompressed > 10 * 1024 ** 2 && entry.uncompressed > ratio * Math.max(entry.compressed, 1)) {
      throw new PlanDeskError(
        'INVALID_ARGUMENT',
        `${file}: "${entry.name}" would unpack ${Math.round(entry.uncompressed / Math.max(entry.compressed, 1))} times larger than it is packed — refused as a possible zip bomb`,
      );
    }
  }
  if (total > max) {
    throw new PlanDeskError('INVALID_ARGUMENT', `${file} would unpack to ${(total / 1024 ** 2).toFixed(0)} MiB, more than the ${(max / 1024 ** 2).toFixed(0)} MiB allowed`);
  }
  return entries;
}

// --------------------------------------------------------------------------- sources

export interface SourceRef {
  /** What GDAL opens (a /vsizip/ path for archives). */
  readonly gdalPath: string;
  /** 'shapefile' sources are read with ENCODING=ISO-8859-1 (raw bytes) and decoded by PlanDesk. */
  readonly kind: 'shapefile' | 'csv' | 'other';
}

const SHAPEFILE_PARTS = ['.shx', '.dbf'];

/** Checks a source file and says how GDAL should open it. */
export function openSource(file: string, limits: ArchiveLimits = {}): SourceRef {
  if (!existsSync(file)) throw new PlanDeskError('FILE_NOT_FOUND', `${file} does not exist`);
  const ext = extname(file).toLowerCase();
  const stat = statSync(file);
  if (stat.isFile() && stat.size === 0) throw new PlanDeskError('FILE_CORRUPT', `${file} is empty (0 bytes)`);
  if (ext === '.zip' || ext === '.kmz') {
    const entries = checkArchive(file, limits);
    if (ext === '.kmz') return { gdalPath: file, kind: 'other' };
    const folder = shapefileFolder(file, entries);
    if (folder === null) return { gdalPath: `/vsizip/${file}`, kind: 'other' };
    return { gdalPath: folder === '' ? `/vsizip/${file}` : `/vsizip/${file}/${folder}`, kind: 'shapefile' };
  }
  if (ext === '.shp') {
    const base = file.slice(0, -4);
    for (const part of SHAPEFILE_PARTS) {
      if (!existsSync(base + part) && !existsSync(base + part.toUpperCase())) {
        throw new PlanDeskError('FILE_NOT_FOUND', `${file}: the shapefile's ${part} file is missing (a shapefile needs .shp, .shx and .dbf side by side)`);
      }
    }
    checkDbf(base);
    return { gdalPath: file, kind: 'shapefile' };
  }
  if (ext === '.dbf') return { gdalPath: file, kind: 'shapefile' };
  if (ext === '.csv') return { gdalPath: file, kind: 'csv' };
  return { gdalPath: file, kind: 'other' };
}

/**
 * The folder of a zip that holds its shapefiles ('' for the root), or null when it holds none.
 * GDAL opens `/vsizip/x.zip` as a folder of shapefiles only when they lie at the root; zips made
 * by Windows' "Send to compressed folder" put them in a sub-folder (`data.zip/Ban do/QH.shp`),
 * so PlanDesk points GDAL at that folder (every shapefile in it is one source layer). macOS
 * resource forks (`__MACOSX/`, `._x.shp`) are not shapefiles.
 */
function shapefileFolder(file: string, entries: readonly ArchiveEntry[]): string | null {
  const folders = new Set<string>();
  for (const entry of entries) {
    const parts = entry.name.split('/');
    const name = parts.pop()!;
    if (!name.toLowerCase().endsWith('.shp') || name.startsWith('._') || parts[0] === '__MACOSX') continue;
    folders.add(parts.join('/'));
  }
  if (folders.size === 0) return null;
  if (folders.size > 1) {
    const list = [...folders].map((f) => (f === '' ? '(root)' : `"${f}"`)).join(', ');
    throw new PlanDeskError('INVALID_ARGUMENT', `${file} holds shapefiles in several folders (${list}): zip one folder, or unpack it and import the .shp`);
  }
  return [...folders][0]!;
}

/**
 * GDAL reads a DBF whose header claims more records than the file holds (or than the .shx
 * indexes) without a word; PlanDesk refuses it, since rows and shapes would no longer match.
 */
function checkDbf(base: string): void {
  const dbf = existsSync(base + '.dbf') ? base + '.dbf' : base + '.DBF';
  const shx = existsSync(base + '.shx') ? base + '.shx' : base + '.SHX';
  const header = Buffer.alloc(12);
  const fd = openSync(dbf, 'r');
  let size: number;
  try {
    size = fstatSync(fd).size;
    if (readSync(fd, header, 0, 12, 0) < 12) throw new PlanDeskError('FILE_CORRUPT', `${dbf} is too short to be a DBF file`);
  } finally {
    closeSync(fd);
  }
  const records = header.readUInt32LE(4);
  const headerLength = header.readUInt16LE(8);
  const recordLength = header.readUInt16LE(10);
  const held = recordLength > 0 ? Math.floor((size - headerLength) / recordLength) : 0;
  if (records > held) {
    throw new PlanDeskError('FILE_CORRUPT', `${dbf}: the header says ${records} records but the file holds ${held} — the DBF is damaged or truncated`);
  }
  const shapes = Math.max(0, Math.floor((statSync(shx).size - 100) / 8));
  if (shapes !== records) {
    throw new PlanDeskError('FILE_CORRUPT', `${dbf} has ${records} records but ${shx} indexes ${shapes} shapes — the shapefile's parts do not belong together`);
  }
}

/** Open options GDAL needs for a source kind. */
export function openOptions(source: SourceRef): string[] {
  switch (source.kind) {
    case 'shapefile':
      // Every byte becomes one code point: PlanDesk decodes the bytes itself (vn-text.ts).
      return ['-oo', 'ENCODING=ISO-8859-1'];
    case 'csv':
      return [
        '-oo', 'X_POSSIBLE_NAMES=x,lon,long,lng,longitude,kinh_do,kinhdo,easting,toa_do_x',
        '-oo', 'Y_POSSIBLE_NAMES=y,lat,latitude,vi_do,vido,northing,toa_do_y',
        '-oo', 'Z_POSSIBLE_NAMES=z,cao_do,elevation',
        '-oo', 'GEOM_POSSIBLE_NAMES=wkt,geometry,geom',
        '-oo', 'KEEP_GEOM_COLUMNS=NO',
        '-oo', 'AUTODETECT_TYPE=YES',
      ];
    case 'other':
      return [];
  }
}
