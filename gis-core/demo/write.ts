/**
 * writeDemoProject: generates the demo district and writes it as a PlanDesk project, with the
 * terrain GeoTIFF beside it. Layers are streamed straight from the generators into the store.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { LayerId } from '../../layers/types.js';
import { PlanDeskError } from '../errors.js';
import { Project } from '../store/project.js';
import type { BBox } from '../store/types.js';
import { writeTerrainGeoTiff } from './dem.js';
import { DEMO_LAYER_ORDER, generateDemo } from './generate.js';
import { DEMO_CRS_EPSG, DEMO_PROJECT_NAME, DEMO_PROVINCE } from './origin.js';
import type { DemoScale } from './scale.js';
import type { PlantedViolation } from './violations.js';

export interface WriteDemoOptions {
  readonly scale?: DemoScale;
  readonly seed?: number;
  /** Where the terrain goes; `<name>.dem.tif` beside the project by default. */
  readonly terrainFile?: string;
  /** Replace existing files instead of refusing (FILE_EXISTS). */
  readonly force?: boolean;
  /** Called while a layer is written, with the features written so far. */
  readonly onProgress?: (layer: LayerId, written: number) => void;
  readonly progressEvery?: number;
  /** Called when a layer is complete. */
  readonly onLayer?: (layer: LayerId, count: number, seconds: number) => void;
}

export interface WriteDemoResult {
  readonly file: string;
  readonly terrainFile: string;
  readonly seed: number;
  readonly scale: DemoScale;
  readonly counts: Readonly<Record<LayerId, number>>;
  readonly total: number;
  readonly bounds: BBox;
  readonly manifest: readonly PlantedViolation[];
  readonly seconds: { readonly generate: number; readonly layers: number; readonly terrain: number };
}

export const DEFAULT_DEMO_SEED = 2025;

/** `cao-lanh.plandesk.sqlite` → `cao-lanh.dem.tif`, in the same folder. */
export function defaultTerrainFile(projectFile: string): string {
  const name = basename(projectFile).replace(/\.plandesk\.sqlite$/i, '').replace(/\.[^.]*$/, '');
  return join(dirname(projectFile), `${name}.dem.tif`);
}

function removeProjectFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function writeDemoProject(file: string, options: WriteDemoOptions = {}): WriteDemoResult {
  const scale = options.scale ?? 'small';
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const terrainFile = options.terrainFile ?? defaultTerrainFile(file);
  for (const f of [file, terrainFile]) {
    if (existsSync(f) && !options.force) {
      throw new PlanDeskError('FILE_EXISTS', `${f} already exists (use --force to replace it)`);
    }
  }
  if (options.force) {
    removeProjectFiles(file);
    rmSync(terrainFile, { force: true });
  }
  mkdirSync(dirname(file), { recursive: true });
  mkdirSync(dirname(terrainFile), { recursive: true });
  const t0 = process.hrtime.bigint();
  const demo = generateDemo({ scale, seed });
  const generate = seconds(t0);
  const project = Project.create(file, { name: DEMO_PROJECT_NAME, province: DEMO_PROVINCE, crsEpsg: DEMO_CRS_EPSG });
  const counts = {} as Record<LayerId, number>;
  let total = 0;
  const t1 = process.hrtime.bigint();
  let terrainSeconds = 0;
  try {
    for (const layer of DEMO_LAYER_ORDER) {
      const start = process.hrtime.bigint();
      const count = project.bulkInsert(layer, demo.layers[layer](), {
        author: 'plandesk demo',
        progressEvery: options.progressEvery ?? 50_000,
        ...(options.onProgress ? { onProgress: (n: number) => options.onProgress?.(layer, n) } : {}),
      });
      counts[layer] = count;
      total += count;
      options.onLayer?.(layer, count, seconds(start));
    }
    const t2 = process.hrtime.bigint();
    writeTerrainGeoTiff(demo.terrain, terrainFile, `PlanDesk demo terrain, Cao Lãnh, seed ${demo.seed}, scale ${String(scale)}`);
    terrainSeconds = seconds(t2);
    project.setMetadata('terrain', relative(dirname(file), terrainFile).split('\\').join('/'));
    project.setMetadata('demo_seed', String(demo.seed));
    project.setMetadata('demo_scale', String(scale));
    project.setMetadata('demo_manifest', JSON.stringify(demo.manifest));
    project.setMetadata('demo_bounds', JSON.stringify(demo.bounds));
    // Flood scenarios (gis-core/flood/design-flood.ts): Cao Lãnh is an urban class II city. The
    // design flood levels per return period are ILLUSTRATIVE values for the synthetic terrain
    // (water surface 0.3 m, ground up to ~2.1 m), not hydrology of the real river.
    project.setMetadata('urban_class', 'II');
    project.setMetadata('flood_levels', JSON.stringify({ 2: 0.7, 10: 0.95, 50: 1.1, 100: 1.25 }));
    // The plan the zoning comes from, as the kiosk's planning card and sheet cite it
    // (gis-core/planning/plan-info.ts). Plausible but FICTITIOUS: the demo city is synthetic.
    project.setMetadata('plan_name', 'Quy hoạch phân khu tỷ lệ 1/2000 Khu đô thị mẫu Phường 1, TP. Cao Lãnh');
    project.setMetadata('plan_decision_no', '1234/QĐ-UBND (minh họa)');
    project.setMetadata('plan_decision_date', '15/06/2021');
    project.setMetadata('plan_authority', 'UBND tỉnh Đồng Tháp');
  } catch (error) {
    project.close();
    removeProjectFiles(file);
    rmSync(terrainFile, { force: true });
    throw error;
  }
  project.close();
  return {
    file,
    terrainFile,
    seed: demo.seed,
    scale,
    counts,
    total,
    bounds: demo.bounds,
    manifest: demo.manifest,
    seconds: { generate, layers: seconds(t1) - terrainSeconds, terrain: terrainSeconds },
  };
}
