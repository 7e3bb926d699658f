/**
 * `plandesk print FILE (--template NAME | --paper A3 --orientation landscape --scale 1000 …)
 * (--extent minx,miny,maxx,maxy | --center x,y) --out plan.pdf|plan.png [--dpi 300] [--json]`:
 * one print layout to a vector PDF or a PNG (gis-core/print/, docs/PRINT.md).
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { isLayerId } from '../../../layers/index.js';
import { PlanDeskError } from '../../errors.js';
import { resolveLayout } from '../../print/job.js';
import { defaultLayout, scaleText, type PrintLayout } from '../../print/layout.js';
import { checkLayout } from '../../print/layout-check.js';
import { DEFAULT_PNG_DPI, printLayout } from '../../print/print.js';
import { Project } from '../../store/project.js';

interface PrintOptions {
  template?: string;
  paper?: string;
  orientation?: string;
  scale?: string;
  title?: string;
  authority?: string;
  decisionNo?: string;
  decisionDate?: string;
  drawnBy?: string;
  checkedBy?: string;
  notes?: string;
  layers?: string;
  grid?: string;
  inset: boolean;
  legend: boolean;
  lang?: string;
  extent?: string;
  center?: string;
  out: string;
  dpi?: string;
  overwrite?: boolean;
  json?: boolean;
}

function numbers(text: string, count: number, what: string, example: string): number[] {
  const values = text.split(',').map((v) => Number(v.trim()));
  if (values.length !== count || values.some((v) => !Number.isFinite(v))) throw new PlanDeskError('INVALID_ARGUMENT', `Invalid ${what} "${text}": use ${example}`);
  return values;
}

function wholeNumber(text: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new PlanDeskError('INVALID_ARGUMENT', `Invalid ${what} "${text}": use a whole number`);
  return n;
}

/** The layout from the template (or the defaults) with every option given on the command line put in. */
export function layoutFromOptions(base: PrintLayout, o: PrintOptions): PrintLayout {
  const title = {
    ...base.title,
    ...(o.title !== undefined ? { planName: o.title } : {}),
    ...(o.authority !== undefined ? { authority: o.authority } : {}),
    ...(o.decisionNo !== undefined ? { decisionNo: o.decisionNo } : {}),
    ...(o.decisionDate !== undefined ? { decisionDate: o.decisionDate } : {}),
    ...(o.drawnBy !== undefined ? { drawnBy: o.drawnBy } : {}),
    ...(o.checkedBy !== undefined ? { checkedBy: o.checkedBy } : {}),
  };
  const layers = o.layers?.split(',').map((l) => l.trim());
  for (const id of layers ?? []) if (!isLayerId(id)) throw new PlanDeskError('UNKNOWN_LAYER', `Unknown layer "${id}" in --layers`);
  const { center: _center, extent: _extent, ...rest } = base;
  const place = o.extent || o.center ? {} : { ...(base.center ? { center: base.center } : {}), ...(base.extent ? { extent: base.extent } : {}) };
  return checkLayout({
    ...rest,
    ...place,
    ...(o.paper !== undefined ? { paper: o.paper.toUpperCase() } : {}),
    ...(o.orientation !== undefined ? { orientation: o.orientation } : {}),
    ...(o.scale !== undefined ? { scale: o.scale === 'fit' ? 'fit' : wholeNumber(o.scale.replace(/^1[:/]/, ''), 'scale') } : {}),
    title,
    ...(o.notes !== undefined ? { notes: o.notes } : {}),
    ...(layers ? { layers } : {}),
    ...(o.grid !== undefined ? { gridInterval: o.grid === 'auto' ? 'auto' : Number(o.grid) } : {}),
    ...(o.inset ? {} : { inset: false }),
    ...(o.legend ? {} : { legend: false }),
    ...(o.lang !== undefined ? { lang: o.lang } : {}),
    ...(o.extent ? { extent: numbers(o.extent, 4, '--extent', 'minx,miny,maxx,maxy in the project CRS') } : {}),
    ...(o.center ? { center: numbers(o.center, 2, '--center', 'x,y in the project CRS') } : {}),
  });
}

export function registerPrintCommand(program: Command): void {
  program
    .command('print')
    .description('print a layout (map frame, legend, scale bar, VN-2000 grid, inset, title block) to a vector PDF or a PNG')
    .argument('<file>', 'PlanDesk project file (*.plandesk.sqlite)')
    .option('--template <name>', 'a print template saved in the project (options below override its fields)')
    .option('--paper <A4|A3|A2|A1|A0>', 'paper size (default A3)')
    .option('--orientation <landscape|portrait>', 'default landscape')
    .option('--scale <n|fit>', "map scale denominator, 1000 = 1:1000 (default 1000); 'fit' fits --extent (or the project)")
    .option('--title <text>', 'plan name (tên đồ án)')
    .option('--authority <text>', 'issuing authority (cơ quan ban hành)')
    .option('--decision-no <text>', 'approval decision number (số quyết định)')
    .option('--decision-date <YYYY-MM-DD>', 'approval decision date')
    .option('--drawn-by <name>', 'drawn by (người vẽ)')
    .option('--checked-by <name>', 'checked by (người kiểm tra)')
    .option('--notes <text>', 'notes printed on the sheet')
    .option('--layers <ids>', 'comma-separated layer ids to draw (default: all)')
    .option('--grid <metres|auto|0>', 'coordinate grid interval (default auto; 0: none)')
    .option('--no-inset', 'leave out the overview inset')
    .option('--no-legend', 'leave out the legend')
    .option('--lang <vi|en>', 'language of the sheet captions (default vi)')
    .option('--extent <minx,miny,maxx,maxy>', 'ground extent (project CRS): its centre, or with --scale fit the area to fit')
    .option('--center <x,y>', 'centre of the map frame (project CRS)')
    .requiredOption('--out <file.pdf|file.png>', 'output file; the format comes from the extension')
    .option('--dpi <n>', `PNG resolution (default ${DEFAULT_PNG_DPI})`)
    .option('--overwrite', 'replace the output file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: PrintOptions) => {
      const ext = extname(options.out).toLowerCase();
      if (ext !== '.pdf' && ext !== '.png') throw new PlanDeskError('INVALID_ARGUMENT', `--out must end in .pdf or .png, got "${options.out}"`);
      if (existsSync(options.out) && !options.overwrite) throw new PlanDeskError('FILE_EXISTS', `${options.out} exists: use --overwrite to replace it`);
      const dpi = options.dpi !== undefined ? wholeNumber(options.dpi, '--dpi') : undefined;
      const project = Project.open(file, { readonly: true });
      try {
        const base = options.template ? resolveLayout(project, { template: options.template, format: 'pdf' }) : defaultLayout();
        const layout = layoutFromOptions(base, options);
        const result = await printLayout(project, layout, { format: ext === '.pdf' ? 'pdf' : 'png', out: options.out, ...(dpi !== undefined ? { dpi } : {}) });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        } else {
          const lines = [
            `written:  ${result.out} (${result.format.toUpperCase()}, ${result.bytes.toLocaleString('en-US')} bytes${result.dpi ? `, ${result.dpi} dpi` : ''})`,
            `sheet:    ${result.paper} ${result.orientation} (${result.paperMm[0]} × ${result.paperMm[1]} mm), scale ${scaleText(result.scale)}`,
            `extent:   ${result.extent.map((v) => v.toFixed(1)).join(',')}`,
          ];
          if (result.truncated.length) lines.push(`warning:  not every feature drawn (feature cap) in: ${result.truncated.join(', ')}`);
          process.stdout.write(`${lines.join('\n')}\n`);
        }
      } finally {
        project.close();
      }
    });
}
