/**
 * GRASS GIS as the reference for the flood tests: a throwaway location (`grass -c EPSG:… -e`),
 * rasters imported with r.in.gdal, `r.lake` run from a coordinate seed, the lake exported with
 * r.out.gdal as Float32. Needs `grass` (grass-core, installed by scripts/setup.sh).
 *
 * r.lake never lets water into or out of the region's last column (its 3×3 window drops column
 * cols−1: `cols -= 1` then `col + j > cols - 1`). PlanDesk does not copy that bug, so `lake()`
 * runs r.lake on a region one nodata column wider than the DEM and exports the DEM's own region:
 * with the extra column null, r.lake's answer on the DEM's columns is the plain 8-neighbour fill.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function grassVersion(): string {
  const result = spawnSync('grass', ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error('GRASS GIS (`grass`) is not installed: run scripts/setup.sh (it installs grass-core) to run the flood tests against r.lake');
  }
  return (result.stdout || result.stderr).split('\n')[0] ?? 'GRASS';
}

export interface GrassRun {
  readonly status: number | null;
  readonly output: string;
}

export class GrassLocation {
  private readonly mapset: string;
  private imported = 0;

  constructor(
    dir: string,
    readonly epsg: number,
  ) {
    const location = join(dir, 'grass-loc');
    const made = spawnSync('grass', ['-c', `EPSG:${epsg}`, location, '-e'], { encoding: 'utf8' });
    if (made.error || made.status !== 0) throw new Error(`grass -c EPSG:${epsg} failed: ${made.stderr || made.error?.message}`);
    this.mapset = join(location, 'PERMANENT');
  }

  exec(module: string, ...args: string[]): GrassRun {
    const result = spawnSync('grass', [this.mapset, '--exec', module, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  }

  private must(module: string, ...args: string[]): string {
    const run = this.exec(module, ...args);
    if (run.status !== 0) throw new Error(`${module} ${args.join(' ')} failed:\n${run.output}`);
    return run.output;
  }

  /** Imports a GeoTIFF; returns the raster's name. */
  importRaster(file: string): string {
    const name = `dem${++this.imported}`;
    this.must('r.in.gdal', `input=${file}`, `output=${name}`, '--quiet');
    return name;
  }

  /**
   * r.lake from one coordinate seed; writes the lake depth GeoTIFF (Float32, nodata -9999 where
   * dry) to `out` on the DEM's own region. Returns false when r.lake refuses the seed because
   * it is not below the level ("Given water level at seed point is below earth surface").
   */
  lake(dem: string, level: number, x: number, y: number, out: string, options: { padEast?: boolean } = {}): boolean {
    const info = this.must('r.info', '-g', dem);
    const east = Number(/^east=(.*)$/m.exec(info)?.[1]);
    const ewres = Number(/^ewres=(.*)$/m.exec(info)?.[1]);
    const pad = options.padEast ?? true;
    this.must('g.region', `raster=${dem}`, ...(pad ? [`e=${east + ewres}`] : []));
    const lake = `${dem}_lake`;
    const run = this.exec('r.lake', `elevation=${dem}`, `water_level=${level}`, `coordinates=${x},${y}`, `lake=${lake}`, '--overwrite');
    if (run.status !== 0) {
      if (/below earth surface/.test(run.output)) return false;
      throw new Error(`r.lake failed:\n${run.output}`);
    }
    this.must('g.region', `raster=${dem}`);
    this.must('r.out.gdal', `input=${lake}`, `output=${out}`, 'format=GTiff', 'type=Float32', 'nodata=-9999', '--overwrite', '--quiet');
    return true;
  }
}
