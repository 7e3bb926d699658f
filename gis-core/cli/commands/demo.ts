import type { Command } from 'commander';
import type { LayerId } from '../../../layers/types.js';
import { PlanDeskError } from '../../errors.js';
import { parseScale, targetCount, type DemoScale } from '../../demo/scale.js';
import { DEFAULT_DEMO_SEED, writeDemoProject } from '../../demo/write.js';

function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n > 0xffffffff) {
    throw new PlanDeskError('INVALID_ARGUMENT', `Invalid seed "${text}": use a whole number from 0 to 4294967295`);
  }
  return n;
}

function format(n: number): string {
  return n.toLocaleString('en-US');
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate the demo city (a district of Cao Lãnh, Đồng Tháp, EPSG:5897): a project and its terrain GeoTIFF')
    .requiredOption('--out <file>', 'project file to write (*.plandesk.sqlite); the terrain goes beside it as <name>.dem.tif')
    .option('--scale <scale>', 'small (about 1 km², the bundled demo), medium (~100 000 features), large (~1 000 000) or a feature count', 'small')
    .option('--seed <seed>', 'seed: the same seed gives the same city', String(DEFAULT_DEMO_SEED))
    .option('--force', 'replace the project and terrain files if they exist')
    .action((options: { out: string; scale: string; seed: string; force?: boolean }) => {
      const scale: DemoScale = parseScale(options.scale);
      const seed = parseSeed(options.seed);
      const big = (targetCount(scale) ?? 0) >= 50_000;
      const started = process.hrtime.bigint();
      if (big) process.stderr.write(`generating the ${String(scale)} demo (seed ${seed})…\n`);
      const result = writeDemoProject(options.out, {
        scale,
        seed,
        force: options.force ?? false,
        ...(big
          ? {
              onProgress: (layer: LayerId, n: number) => process.stderr.write(`  ${layer}: ${format(n)} features…\n`),
              onLayer: (layer: LayerId, n: number, s: number) => process.stderr.write(`  ${layer}: ${format(n)} written in ${s.toFixed(1)} s\n`),
            }
          : {}),
      });
      const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      const lines = [
        `project: ${result.file}`,
        `terrain: ${result.terrainFile}`,
        `seed ${result.seed}, scale ${String(result.scale)}, ${result.manifest.length} planted violations (metadata key demo_manifest)`,
        '',
        ...Object.entries(result.counts).map(([layer, n]) => `  ${layer.padEnd(20)}${format(n).padStart(11)}`),
        `  ${'total'.padEnd(20)}${format(result.total).padStart(11)}`,
        '',
        `done in ${elapsed.toFixed(1)} s (generate ${result.seconds.generate.toFixed(1)} s, layers ${result.seconds.layers.toFixed(1)} s, terrain ${result.seconds.terrain.toFixed(1)} s)`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
