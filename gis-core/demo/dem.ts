/**
 * Writes the terrain as a Float32 GeoTIFF in EPSG:5897, through the one Float32 GeoTIFF writer
 * (`raster/write-geotiff.ts`: rows streamed to a raw ENVI file, made a tiled DEFLATE GeoTIFF by
 * `gdal_translate`, because geotiff.js 2.1.3 cannot write Float32 correctly).
 */
import { gridExtent, type RasterGrid } from '../raster/grid.js';
import { writeFloat32GeoTiff } from '../raster/write-geotiff.js';
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
  const grid: RasterGrid = {
    columns: g.columns,
    rows: g.rows,
    originX: g.originX,
    originY: g.originY,
    cellX: g.cell,
    cellY: g.cell,
    epsg: DEMO_CRS_EPSG,
  };
  writeFloat32GeoTiff(file, grid, terrain.rows(), { nodata: g.nodata, description });
  return { file, columns: g.columns, rows: g.rows, cell: g.cell, extent: gridExtent(grid) };
}
