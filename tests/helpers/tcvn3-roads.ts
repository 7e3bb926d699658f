/**
 * A roads shapefile as old Vietnamese software wrote it: names in TCVN3 (ABC) bytes (made by
 * glibc iconv, not by the code under test), no .cpg, a VN-2000 .prj written by GDAL. Used by
 * the upload/import HTTP test and the import wizard e2e.
 */
import { readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { bytesAsLatin1, iconv, shapefileWithBytes } from './gdal-fixtures.js';

export const TCVN3_ROAD_NAMES = ['Đường Nguyễn Huệ', 'Đường Lê Lợi', 'Hẻm Trần Hưng Đạo'] as const;

/**
 * Writes `<name>.shp/.shx/.dbf/.prj` in `dir`: three 120 m east-west roads from `origin`
 * (EPSG:5897 metres), 40 m apart, with TEN_DUONG (TCVN3), CAP_DUONG (a road-class code) and
 * LO_GIOI (right-of-way, m). Returns the paths of all its files, the .shp first.
 */
export function tcvn3RoadsShapefile(dir: string, name: string, origin: readonly [number, number]): string[] {
  const [x, y] = origin;
  const shp = shapefileWithBytes(
    dir,
    name,
    TCVN3_ROAD_NAMES.map((road, i) => ({
      properties: { TEN_DUONG: bytesAsLatin1(iconv(road, 'TCVN5712-1')), CAP_DUONG: i === 2 ? 'alley' : 'local', LO_GIOI: 12 + i },
      geometry: { type: 'LineString', coordinates: [[x, y + 40 * i], [x + 120, y + 40 * i]] },
    })),
    'EPSG:5897',
  );
  const stem = basename(shp, '.shp');
  const parts = readdirSync(dir)
    .filter((f) => basename(f, extname(f)) === stem && ['.shx', '.dbf', '.prj', '.cpg'].includes(extname(f).toLowerCase()))
    .map((f) => join(dir, f));
  return [shp, ...parts];
}
