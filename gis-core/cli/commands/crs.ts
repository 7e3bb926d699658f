/**
 * `plandesk crs list` and `plandesk crs transform`: the CRS registry and point transforms
 * from the command line (hệ tọa độ VN-2000).
 */
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { PlanDeskError, isPlanDeskError } from '../../errors.js';
import type { CrsDefinition } from '../../crs/registry.js';
import { formatMeridian, getCrs, listCrs } from '../../crs/registry.js';
import { transformPoint } from '../../crs/transform.js';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Text table: code, name, central meridian, provinces. */
export function formatCrsTable(crsList: readonly CrsDefinition[]): string {
  const rows = crsList.map((crs) => [
    crs.code,
    crs.name,
    crs.centralMeridian === undefined ? '-' : formatMeridian(crs.centralMeridian),
    crs.provinces.join(', '),
  ]);
  const header = ['CODE', 'NAME', 'CENTRAL MERIDIAN', 'PROVINCES (pre-2025)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  return [header, ...rows]
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

/**
 * One input line → one output line: 'x y [z]' transformed, z passed through, numbers in
 * shortest round-trip form. Blank lines pass through. `lineNumber` is 1-based, for messages.
 */
export function transformLine(line: string, from: CrsDefinition, to: CrsDefinition, lineNumber: number): string {
  const text = line.trim();
  if (text === '') return '';
  const fields = text.split(/\s+/);
  if (fields.length < 2 || fields.length > 3 || !fields.every((f) => NUMBER.test(f))) {
    throw new PlanDeskError('INVALID_ARGUMENT', `line ${lineNumber}: expected "x y" or "x y z" numbers, got "${text}"`);
  }
  try {
    return transformPoint(fields.map(Number), from, to).map((n) => String(n)).join(' ');
  } catch (error) {
    if (isPlanDeskError(error)) throw new PlanDeskError(error.code, `line ${lineNumber}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Streams `input` lines to `output`, transformed; throws on the first bad line. */
export async function transformStream(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  from: CrsDefinition,
  to: CrsDefinition,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let pending: string[] = [];
  for await (const line of lines) {
    lineNumber += 1;
    pending.push(transformLine(line, from, to, lineNumber));
    if (pending.length >= 1000) {
      output.write(`${pending.join('\n')}\n`);
      pending = [];
    }
  }
  if (pending.length > 0) output.write(`${pending.join('\n')}\n`);
}

export function registerCrsCommands(program: Command): void {
  const crs = program
    .command('crs')
    .description('coordinate reference systems (hệ tọa độ): VN-2000 TM-3/UTM zones, WGS 84, Web Mercator');

  crs
    .command('list')
    .summary('list supported CRSs (danh sách hệ tọa độ)')
    .description('list supported CRSs with their central meridian (kinh tuyến trục) and the provinces using each zone')
    .option('--json', 'print the registry entries as JSON')
    .action((options: { json?: boolean }) => {
      const list = listCrs();
      process.stdout.write(options.json ? `${JSON.stringify(list, null, 2)}\n` : `${formatCrsTable(list)}\n`);
    });

  crs
    .command('transform')
    .summary('transform "x y [z]" lines from stdin to stdout (chuyển đổi tọa độ)')
    .description(
      'transform points read from stdin, one "x y [z]" per line; writes "x y [z]" per line. ' +
        'Geographic CRSs are lon/lat order; z is passed through unchanged; blank lines are kept. ' +
        'VN-2000 ↔ WGS 84 uses EPSG:6960 (Decision 05/2007/QĐ-BTNMT).',
    )
    .requiredOption('--from <crs>', 'source CRS, e.g. EPSG:4326 or 5897')
    .requiredOption('--to <crs>', 'target CRS, e.g. EPSG:9210 (VN-2000 / TM-3 kinh tuyến trục 105°45′)')
    .action(async (options: { from: string; to: string }) => {
      await transformStream(process.stdin, process.stdout, getCrs(options.from), getCrs(options.to));
    });
}
