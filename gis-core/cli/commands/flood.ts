import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { PlanDeskError } from '../../errors.js';
import { runFlood, type FloodSummary } from '../../flood/run.js';
import { parseSeedPoint, type SeedPoint } from '../../flood/seeds.js';
import { Project } from '../../store/project.js';

function parseLevel(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new PlanDeskError('INVALID_ARGUMENT', `Invalid water level "${text}": use metres, e.g. 1.2`);
  return n;
}

/** The project's terrain (metadata key `terrain`, relative to the project file). */
function projectTerrain(file: string): string {
  const project = Project.open(file, { readonly: true });
  try {
    const terrain = project.getMetadata('terrain');
    if (!terrain) throw new PlanDeskError('INVALID_ARGUMENT', `${file} has no terrain model: give one with --dem DEM.tif`);
    return resolve(dirname(file), terrain);
  } finally {
    project.close();
  }
}

export function formatFloodSummary(s: FloodSummary): string {
  const lines = [
    `DEM:      ${s.dem} (EPSG:${s.epsg})`,
    `level:    ${s.level} m`,
    `flooded:  ${s.floodedCells.toLocaleString('en-US')} cells, ${s.areaM2.toLocaleString('en-US', { maximumFractionDigits: 1 })} m²`,
    `depth:    max ${s.maxDepthM.toFixed(3)} m, mean ${s.meanDepthM.toFixed(3)} m`,
    `written:  ${s.out}`,
  ];
  for (const seed of s.seeds) {
    if (seed.outcome === 'above-level') lines.push(`note: seed ${seed.x},${seed.y} is at ${seed.elevation?.toFixed(3)} m, not below the level: it floods nothing`);
    if (seed.outcome === 'nodata') lines.push(`note: seed ${seed.x},${seed.y} is on a nodata cell: it floods nothing`);
  }
  return lines.join('\n');
}

export function registerFloodCommand(program: Command): void {
  program
    .command('flood')
    .description('connected inundation at a water level from seed points (8-neighbour, like GRASS r.lake): writes a depth GeoTIFF')
    .argument('<file>', 'PlanDesk project file (*.plandesk.sqlite); its terrain is the DEM unless --dem is given')
    .option('--dem <dem>', 'DEM GeoTIFF (default: the project\'s terrain)')
    .requiredOption('--level <metres>', 'water level, m above the DEM\'s height datum')
    .option('--seed <x,y>', 'seed point in the DEM\'s CRS; repeat for several', (v: string, all: SeedPoint[]) => [...all, parseSeedPoint(v)], [] as SeedPoint[])
    .requiredOption('--out <depth.tif>', 'depth GeoTIFF to write (Float32, nodata where dry)')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, options: { dem?: string; level: string; seed: SeedPoint[]; out: string; json?: boolean }) => {
      if (options.seed.length === 0) throw new PlanDeskError('INVALID_ARGUMENT', 'Give at least one --seed x,y (where the water enters)');
      const level = parseLevel(options.level);
      const dem = options.dem ?? projectTerrain(file);
      const summary = await runFlood({ dem, level, seeds: options.seed, out: options.out });
      process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatFloodSummary(summary)}\n`);
    });
}
