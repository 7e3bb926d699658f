/**
 * Writing a plain zip (entries stored, not compressed) of a few files: a shapefile export
 * (.shp, .shx, .dbf, .prj, .cpg) downloaded as one file. Stored entries keep it simple and
 * fast; GDAL (/vsizip/), QGIS and every unzip read them. Names are flagged UTF-8 (bit 11), so
 * Vietnamese file names survive. No ZIP64: more than 4 GiB is refused.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { PlanDeskError } from '../errors.js';
import { crc32 } from '../util/crc32.js';

const UTF8_NAMES = 0x0800;
const LIMIT = 0xffffffff;

/** Writes `files` (paths) into a new zip at `out`, each under its base name. */
export function writeStoredZip(out: string, files: readonly string[]): void {
  const fd = openSync(out, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  const write = (buffer: Buffer) => {
    writeSync(fd, buffer);
    offset += buffer.length;
  };
  try {
    for (const file of files) {
      const data = readFileSync(file);
      const name = Buffer.from(basename(file).normalize('NFC'), 'utf8');
      if (offset + data.length + 30 + name.length > LIMIT) throw new PlanDeskError('INVALID_ARGUMENT', `${out}: more than 4 GiB, too large for a plain zip`);
      const crc = crc32(data);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4); // version needed
      local.writeUInt16LE(UTF8_NAMES, 6);
      local.writeUInt16LE(0, 8); // stored
      local.writeUInt32LE(0, 10); // time, date: left at the DOS epoch
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(data.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4); // made by
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(UTF8_NAMES, 8);
      header.writeUInt16LE(0, 10);
      header.writeUInt32LE(0, 12);
      header.writeUInt32LE(crc, 16);
      header.writeUInt32LE(data.length, 20);
      header.writeUInt32LE(data.length, 24);
      header.writeUInt16LE(name.length, 28);
      header.writeUInt32LE(offset, 42);
      central.push(header, name);
      write(local);
      write(name);
      write(data);
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(files.length, 8);
    end.writeUInt16LE(files.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    write(directory);
    write(end);
  } finally {
    closeSync(fd);
  }
}
