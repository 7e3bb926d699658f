/**
 * Reads a single-band DEM GeoTIFF with geotiff.js (Float32/Float64/Int16/UInt16/Int32, tiled or
 * striped, any compression geotiff.js decodes) into a Float32Array with NaN where nodata, plus
 * its north-up grid and EPSG code from the GeoKeys. Failures are PlanDeskErrors naming the file.
 */
import { existsSync } from 'node:fs';
import { fromFile } from 'geotiff';
import { PlanDeskError } from '../errors.js';
import type { Dem, RasterGrid } from './grid.js';

/** GeoKey values meaning "user-defined" or absent. */
const USER_DEFINED = 32767;

function epsgOf(file: string, keys: Record<string, unknown> | null): number {
  const projected = Number(keys?.ProjectedCSTypeGeoKey);
  const geographic = Number(keys?.GeographicTypeGeoKey);
  const epsg = keys?.GTModelTypeGeoKey === 2 ? geographic : Number.isFinite(projected) && projected > 0 ? projected : geographic;
  if (!Number.isInteger(epsg) || epsg <= 0 || epsg === USER_DEFINED) {
    throw new PlanDeskError('UNKNOWN_CRS', `${file} has no EPSG coordinate system in its GeoKeys: assign one (gdal_edit.py -a_srs EPSG:…) and retry`);
  }
  return epsg;
}

export async function readDem(file: string): Promise<Dem> {
  if (!existsSync(file)) throw new PlanDeskError('FILE_NOT_FOUND', `DEM not found: ${file}`);
  let image;
  try {
    const tiff = await fromFile(file);
    image = await tiff.getImage();
  } catch (error) {
    throw new PlanDeskError('FILE_CORRUPT', `${file} is not a readable GeoTIFF: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const columns = image.getWidth();
  const rows = image.getHeight();
  if (columns * rows < 2) throw new PlanDeskError('INVALID_ARGUMENT', `${file} is a ${columns}×${rows} raster: a DEM needs at least 2 cells`);
  if (image.getSamplesPerPixel() !== 1) {
    throw new PlanDeskError('INVALID_ARGUMENT', `${file} has ${image.getSamplesPerPixel()} bands: a DEM has one`);
  }
  const directory = image.getFileDirectory() as { ModelTransformation?: unknown };
  let origin: number[];
  let resolution: number[];
  try {
    if (directory.ModelTransformation) throw new Error('rotated (ModelTransformation) rasters are not supported');
    origin = image.getOrigin();
    resolution = image.getResolution();
  } catch (error) {
    throw new PlanDeskError('INVALID_ARGUMENT', `${file} has no usable georeferencing: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const [originX, originY] = origin as [number, number];
  const [resX, resY] = resolution as [number, number];
  if (!(resX > 0 && resY < 0)) throw new PlanDeskError('INVALID_ARGUMENT', `${file} is not north-up (resolution ${resX}, ${resY})`);
  const epsg = epsgOf(file, image.getGeoKeys() as Record<string, unknown> | null);
  const grid: RasterGrid = { columns, rows, originX, originY, cellX: resX, cellY: -resY, epsg };

  let raw: ArrayLike<number>;
  try {
    const bands = await image.readRasters({ samples: [0] });
    raw = bands[0] as ArrayLike<number>;
  } catch (error) {
    throw new PlanDeskError('FILE_CORRUPT', `Cannot decode the cells of ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const nodata = image.getGDALNoData();
  const values = new Float32Array(columns * rows);
  const noFloat = nodata === null ? NaN : Math.fround(nodata);
  let valid = 0;
  for (let i = 0; i < values.length; i++) {
    const v = raw[i] as number;
    // Compare in the file's precision: a Float32 nodata of -3.4e38 is not exactly the double.
    if (v === nodata || Math.fround(v) === noFloat || Number.isNaN(v)) values[i] = NaN;
    else {
      values[i] = v;
      valid++;
    }
  }
  if (valid === 0) throw new PlanDeskError('INVALID_ARGUMENT', `${file} holds no data: every cell is nodata`);
  return { file, grid, values, nodata };
}
