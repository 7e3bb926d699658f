/**
 * Writes the terrain as a Float32 GeoTIFF in EPSG:5897.
 *
 * Path chosen: rows are streamed to a raw ENVI file and converted by GDAL's `gdal_translate`
 * (DEFLATE with the floating-point predictor, 256×256 tiles, EPSG:5897 GeoKeys). geotiff.js was
 * tried first: its writer (2.1.3, `writeArrayBuffer`) copies the values through
 * `new Uint8Array(values)` and sizes the strip at one byte per sample whatever BitsPerSample
 * says, so Float32 heights come out truncated to bytes (gdalinfo: "Bogus StripByteCounts";
 * geotiff.js cannot read its own file back). It would also need the whole raster in memory,
 * which the large demo cannot afford. GDAL is already a PlanDesk dependency (ogr2ogr imports).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';
import { PlanDeskError } from '../errors.js';
import { DEMO_CRS_EPSG } from './origin.js';
import type { Terrain } from './terrain.js';

export interface TerrainFileInfo {
  readonly file: string;
  readonly columns: number;
  readonly rows: number;
  readonly cell: number;
  /** [minx, miny, maxx, maxy], EPSG:5897. */
  readonly extent: [number, number, number, number];
}

export function writeTerrainGeoTiff(terrain: Terrain, file: string, description = 'PlanDesk demo terrain'): TerrainFileInfo {
  const g = terrain.grid;
  const raw = `${file}.${process.pid}.tmp.raw`;
  const header = `${file}.${process.pid}.tmp.hdr`;
  const extent: [number, number, number, number] = [g.originX, g.originY - g.rows * g.cell, g.originX + g.columns * g.cell, g.originY];
  try {
    writeFileSync(
      header,
      [
        'ENVI',
        `samples = ${g.columns}`,
        `lines = ${g.rows}`,
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
    try {
      for (const row of terrain.rows()) writeSync(fd, new Uint8Array(row.buffer, row.byteOffset, row.byteLength));
    } finally {
      closeSync(fd);
    }
    rmSync(file, { force: true });
    const result = spawnSync(
      'gdal_translate',
      [
        '-q',
        '-of', 'GTiff',
        '-ot', 'Float32',
        '-a_srs', `EPSG:${DEMO_CRS_EPSG}`,
        '-a_ullr', String(extent[0]), String(extent[3]), String(extent[2]), String(extent[1]),
        '-a_nodata', String(g.nodata),
        '-mo', `TIFFTAG_IMAGEDESCRIPTION=${description}`,
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
  return { file, columns: g.columns, rows: g.rows, cell: g.cell, extent };
}
