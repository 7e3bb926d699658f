/**
 * Opening a SQLite file with SpatiaLite loaded, and turning SQLite's failures into
 * PlanDeskErrors that name the file and say what to do.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { PlanDeskError } from '../errors.js';

export type SqliteDatabase = Database.Database;

/** Overridable for packaging (and for the test that proves the error is clear). */
function spatialiteModule(): string {
  return process.env.PLANDESK_SPATIALITE ?? 'mod_spatialite';
}

export interface OpenOptions {
  readonly create?: boolean;
  readonly readonly?: boolean;
}

export function openSpatialite(file: string, options: OpenOptions = {}): SqliteDatabase {
  const exists = existsSync(file);
  if (!exists && !options.create) {
    throw new PlanDeskError('FILE_NOT_FOUND', `Project file not found: ${file}`);
  }
  if (exists && options.create) {
    throw new PlanDeskError('FILE_EXISTS', `File already exists: ${file} (choose another name or remove it first)`);
  }
  let db: SqliteDatabase;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: !options.create });
  } catch (error) {
    throw translateSqliteError(file, error);
  }
  try {
    db.loadExtension(spatialiteModule());
  } catch (error) {
    db.close();
    // Leave no empty file behind when we were asked to create one.
    if (options.create) rmSync(file, { force: true });
    throw new PlanDeskError(
      'SPATIALITE_MISSING',
      `Cannot open ${file}: the SpatiaLite extension (${spatialiteModule()}) could not be loaded — install it with ` +
        `"sudo apt-get install libsqlite3-mod-spatialite" (${firstLine(error)})`,
      { cause: error },
    );
  }
  // Wait a little for another program's short write instead of failing at once.
  db.pragma('busy_timeout = 3000');
  return db;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** Maps better-sqlite3 errors (code `SQLITE_*`) to PlanDeskErrors naming the file. Others pass through. */
export function translateSqliteError(file: string, error: unknown): unknown {
  if (error instanceof PlanDeskError) return error;
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const detail = firstLine(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new PlanDeskError(
      'FILE_LOCKED',
      `Project file ${file} is locked by another program (QGIS, spatialite, another PlanDesk?) — close it there and try again`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return new PlanDeskError('FILE_CORRUPT', `${file} is damaged or is not a SQLite database (${detail})`, { cause: error });
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new PlanDeskError('READ_ONLY', `Cannot write to ${file}: it is read-only (${detail})`, { cause: error });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) {
    return new PlanDeskError('FILE_NOT_FOUND', `Cannot open ${file}: ${detail}`, { cause: error });
  }
  return error;
}
