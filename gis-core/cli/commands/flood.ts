import type { Command } from 'commander';
import { isLayerId } from '../../../layers/index.js';
import type { LayerId } from '../../../layers/types.js';
import { PlanDeskError } from '../../errors.js';
import { runFloodScenario, type DikeLine, type FloodScenarioResult } from '../../flood/scenario.js';
import { parseSeedPoint, type SeedPoint } from '../../flood/seeds.js';
import { Project } from '../../store/project.js';

function parseNumber(text: string, what: string, example: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new PlanDeskError('INVALID_ARGUMENT', `Invalid ${what} "${text}": ${example}`);
  return n;
}

/** "x,y;x,y;…@crest" → a dike line raised to `crest` m. */
export function parseDike(text: string): DikeLine {
  const [line, crest] = text.split('@');
  if (!line || crest === undefined) throw new PlanDeskError('INVALID_ARGUMENT', `Invalid dike "${text}": use x,y;x,y;…@crest, e.g. 568300,1157000;568400,1157000@2.5`);
  const points = line.split(';').map(parseSeedPoint);
  if (points.length < 2) throw new PlanDeskError('INVALID_ARGUMENT', `Dike "${text}" needs at least two points`);
  return { line: points, crestM: parseNumber(crest, 'dike crest', 'use metres, e.g. 2.5') };
}

export function formatFloodSummary(s: FloodScenarioResult): string {
  const l = s.level;
  const fmt = (v: number) => String(Number(v.toFixed(4)));
  const levelText =
    l.basis === 'project-table'
      ? `${fmt(l.level)} m (${l.returnPeriod}-year design flood ${fmt(l.baseLevel)} m from the project's flood_levels${l.rise ? ` + rise ${fmt(l.rise)} m` : ''})`
      : `${fmt(l.level)} m${l.rise ? ` (${fmt(l.baseLevel)} m + rise ${fmt(l.rise)} m)` : ''}`;
  const lines = [
    `DEM:      ${s.dem} (EPSG:${s.demEpsg}${s.reprojected ? `, reprojected to EPSG:${s.epsg}` : ''})`,
    `level:    ${levelText}`,
  ];
  if (l.urbanClass && l.requiredReturnPeriod) {
    lines.push(
      `QCVN:     urban class ${l.urbanClass}: design flood ${l.requiredReturnPeriod.urban} years for centres, housing and industry` +
        (l.requiredReturnPeriod.green ? `, ${l.requiredReturnPeriod.green} years for parks and sport` : ''),
    );
  }
  lines.push(
    `sources:  ${s.sourceCells.toLocaleString('en-US')} cells, ${s.sourceCellsBelowLevel.toLocaleString('en-US')} below the level`,
    `flooded:  ${s.floodedCells.toLocaleString('en-US')} cells, ${s.areaM2.toLocaleString('en-US', { maximumFractionDigits: 1 })} m²`,
    `depth:    max ${s.maxDepthM.toFixed(3)} m, mean ${s.meanDepthM.toFixed(3)} m`,
  );
  if (s.dikeCells) lines.push(`dikes:    ${s.dikeCells} cells raised`);
  if (s.pondedCells !== undefined) lines.push(`ponding:  ${s.pondedCells.toLocaleString('en-US')} cells in depressions the flood does not reach`);
  lines.push(`written:  ${s.out}`);
  if (s.polygons) lines.push(`polygons: ${s.polygons} (${s.polygonCount} polygons)`);
  if (s.report) {
    const r = s.report;
    const pts = Object.entries(r.counts.points).map(([k, n]) => `${n} ${k}`).join(', ');
    lines.push(
      `report:   ${r.counts.zones} zones, ${r.counts.parcels} parcels, ${r.counts.buildings} buildings flooded; ` +
        `${r.counts.roadLengthM.toFixed(1)} m of road under water; ${pts}; ${r.counts.freeboard} zones below design level + freeboard`,
    );
  }
  if (s.reportCsv) lines.push(`report:   ${s.reportCsv}`);
  for (const seed of s.seeds) {
    if (seed.outcome === 'above-level') lines.push(`note: seed ${seed.x},${seed.y} is at ${seed.elevation?.toFixed(3)} m, not below the level: it floods nothing`);
    if (seed.outcome === 'nodata') lines.push(`note: seed ${seed.x},${seed.y} is on a nodata cell: it floods nothing`);
  }
  if (s.sourceCells > 0 && s.sourceCellsBelowLevel === 0) lines.push('note: no source cell is below the level: nothing floods');
  return lines.join('\n');
}

interface FloodOptions {
  dem?: string;
  level?: string;
  returnPeriod?: string;
  rise?: string;
  sources: string[];
  seed: SeedPoint[];
  edge?: boolean;
  dike: DikeLine[];
  fill?: boolean;
  out: string;
  report?: string;
  polygons?: string;
  json?: boolean;
}

export function registerFloodCommand(program: Command): void {
  program
    .command('flood')
    .description('connected inundation (8-neighbour, like GRASS r.lake) at a water level or a design flood: depth GeoTIFF, polygons, overlay report')
    .argument('<file>', 'PlanDesk project file (*.plandesk.sqlite); its terrain is the DEM unless --dem is given')
    .option('--dem <dem>', "DEM GeoTIFF (default: the project's terrain); reprojected to the project CRS when its EPSG differs")
    .option('--level <metres>', 'water level, m above the height datum')
    .option('--return-period <years>', "design flood of this return period: its level from the project's metadata flood_levels")
    .option('--rise <metres>', 'added to the level (sea-level rise, subsidence)')
    .option('--sources <layer>', "where the water enters: 'water' (river and canal zones) or a layer id; repeatable", (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--seed <x,y>', 'a point where the water enters (project CRS); repeatable', (v: string, all: SeedPoint[]) => [...all, parseSeedPoint(v)], [] as SeedPoint[])
    .option('--edge', "water enters along the DEM's border")
    .option('--dike <x,y;x,y@crest>', 'a temporary dike line raised to a crest elevation (m); repeatable', (v: string, all: DikeLine[]) => [...all, parseDike(v)], [] as DikeLine[])
    .option('--fill', 'also fill depressions (Priority-Flood) and show their ponding')
    .requiredOption('--out <depth.tif>', 'depth GeoTIFF to write (Float32, nodata where dry)')
    .option('--report <report.csv>', 'overlay report CSV (parcels, zones, buildings, roads, network points, freeboard)')
    .option('--polygons <flood.geojson>', 'inundation polygons GeoJSON')
    .option('--json', 'print the summary (and the report) as JSON')
    .action(async (file: string, options: FloodOptions) => {
      const level = options.level !== undefined ? parseNumber(options.level, 'water level', 'use metres, e.g. 1.2') : undefined;
      const returnPeriod = options.returnPeriod !== undefined ? parseNumber(options.returnPeriod, 'return period', 'use years, e.g. 100') : undefined;
      const rise = options.rise !== undefined ? parseNumber(options.rise, 'rise', 'use metres, e.g. 0.3') : undefined;
      if (level === undefined && returnPeriod === undefined) throw new PlanDeskError('INVALID_ARGUMENT', 'Give --level METRES or --return-period YEARS');
      const layers: LayerId[] = [];
      let water = false;
      for (const s of options.sources) {
        if (s === 'water') water = true;
        else if (isLayerId(s)) layers.push(s);
        else throw new PlanDeskError('UNKNOWN_LAYER', `Unknown source layer "${s}": use 'water' (river and canal zones) or a layer id`);
      }
      if (!water && !layers.length && !options.seed.length && !options.edge) {
        throw new PlanDeskError('INVALID_ARGUMENT', 'Say where the water enters: --sources water|LAYER, --seed x,y or --edge');
      }
      const project = Project.open(file, { readonly: true });
      try {
        const result = await runFloodScenario(project, {
          ...(level !== undefined ? { level } : {}),
          ...(returnPeriod !== undefined ? { returnPeriod } : {}),
          ...(rise !== undefined ? { rise } : {}),
          ...(options.dem ? { dem: options.dem } : {}),
          sources: { water, layers, points: options.seed, edge: options.edge === true },
          dikes: options.dike,
          fill: options.fill === true,
          out: options.out,
          ...(options.report ? { reportCsv: options.report } : {}),
          ...(options.polygons ? { polygons: options.polygons } : {}),
        });
        process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatFloodSummary(result)}\n`);
      } finally {
        project.close();
      }
    });
}
