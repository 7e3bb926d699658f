/**
 * Writes a single-band Float32 GeoTIFF: rows are streamed to a raw ENVI file and converted by
 * GDAL's `gdal_translate` (DEFLATE with the floating-point predictor, 256×256 tiles, EPSG
 * GeoKeys). geotiff.js 2.1.3's writer cannot do this: `writeArrayBuffer` copies the values
 * through `new Uint8Array(values)` and sizes the strip at one byte per sample whatever
 * BitsPerSample says, so Float32 values come out truncated to bytes ("Bogus StripByteCounts";
 * geotiff.js cannot read its own file back), and it needs the whole raster in memory. GDAL is
 * already a PlanDesk dependency (ogr2ogr imports).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';
import { PlanDeskError } from '../errors.js';
import { gridExtent, type RasterGrid } from './grid.js';

export interface Float32GeoTiffOptions {
  /** Value written where there is no data (also declared as the file's nodata). */
  readonly nodata: number;
  /** TIFFTAG_IMAGEDESCRIPTION. */
  readonly description?: string;
}

/** Streams `rows` (north to south, each `grid.columns` long) into `file`, replacing it. */
export function writeFloat32GeoTiff(file: string, grid: RasterGrid, rows: Iterable<Float32Array>, options: Float32GeoTiffOptions): void {
  const raw = `${file}.${process.pid}.tmp.raw`;
  const header = `${file}.${process.pid}.tmp.hdr`;
  const [minx, miny, maxx, maxy] = gridExtent(grid);
  try {
    writeFileSync(
      header,
      [
        'ENVI',
        `samples = ${grid.columns}`,
        `lines = ${grid.rows}`,
        'bands = 1',
        'header offset = 0',
        'file type = ENVI Standard',
        'data type = 4',
        'interleave = bsq',
        `byte order = ${endianness() === 'LE' ? 0 : 1}`,
        '',
      ].join('\n'),
    );
    const fd = openSync(raw, 'w');
    let written = 0;
    try {
      for (const row of rows) {
        if (row.length !== grid.columns) {
          throw new PlanDeskError('INVALID_ARGUMENT', `Row ${written} of ${file} has ${row.length} values, expected ${grid.columns}`);
        }
        writeSync(fd, new Uint8Array(row.buffer, row.byteOffset, row.byteLength));
        written++;
      }
    } finally {
      closeSync(fd);
    }
    if (written !== grid.rows) throw new PlanDeskError('INVALID_ARGUMENT', `${file}: got ${written} rows, expected ${grid.rows}`);
    rmSync(file, { force: true });
    const result = spawnSync(
      'gdal_translate',
      [
        '-q',
        '-of', 'GTiff',
        '-ot', 'Float32',
        '-a_srs', `EPSG:${grid.epsg}`,
        '-a_ullr', String(minx), String(maxy), String(maxx), String(miny),
        '-a_nodata', String(options.nodata),
        ...(options.description ? ['-mo', `TIFFTAG_IMAGEDESCRIPTION=${options.description}`] : []),
        '-co', 'TILED=YES',
        '-co', 'COMPRESS=DEFLATE',
        '-co', 'PREDICTOR=3',
        '-co', 'NUM_THREADS=ALL_CPUS',
        '-co', 'BIGTIFF=IF_SAFER',
        raw,
        file,
      ],
      { encoding: 'utf8' },
    );
    if (result.error) {
      throw new PlanDeskError('EXTERNAL_TOOL', `Cannot run gdal_translate to write ${file}: ${result.error.message} (install gdal-bin)`, {
        cause: result.error,
      });
    }
    if (result.status !== 0) {
      throw new PlanDeskError('EXTERNAL_TOOL', `gdal_translate failed writing ${file}: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
    }
  } finally {
    rmSync(raw, { force: true });
    rmSync(header, { force: true });
    rmSync(`${raw}.aux.xml`, { force: true });
  }
}
