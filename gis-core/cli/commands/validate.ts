import { CommanderError, type Command } from 'commander';
import type { LayerId } from '../../../layers/types.js';
import type { ValidateOptions, ValidationReport } from '../../api/contract.js';
import { PlanDeskError } from '../../errors.js';
import { Project } from '../../store/project.js';
import type { BBox } from '../../store/types.js';
import { validateProject } from '../../validate/engine.js';
import { formatReport } from '../../validate/report.js';

/** Exit codes: 0 no error-level finding, 1 error-level findings, 2 the check could not run. */
export const VALIDATE_EXIT = { clean: 0, findings: 1, failed: 2 } as const;

/** Repeatable option values, each also a comma-separated list. */
function collect(value: string, all: string[]): string[] {
  return [...all, ...value.split(',').map((v) => v.trim()).filter((v) => v !== '')];
}

function parseBBox(text: string): BBox {
  const parts = text.split(',').map((v) => Number(v.trim()));
  if (parts.length !== 4 || parts.some((v) => !Number.isFinite(v)) || (parts[0] as number) > (parts[2] as number) || (parts[1] as number) > (parts[3] as number)) {
    throw new PlanDeskError('INVALID_ARGUMENT', `Invalid --bbox "${text}": use minx,miny,maxx,maxy in the project CRS`);
  }
  return parts as BBox;
}

function failed(message: string): never {
  process.stderr.write(`plandesk: ${message.split('\n')[0]}\n`);
  throw new CommanderError(VALIDATE_EXIT.failed, 'plandesk.validate.failed', message);
}

function run(file: string, options: { layer: string[]; rule: string[]; bbox?: string }): ValidationReport {
  const validate: ValidateOptions = {
    ...(options.layer.length ? { layers: options.layer as LayerId[] } : {}),
    ...(options.rule.length ? { rules: options.rule } : {}),
    ...(options.bbox ? { bbox: parseBBox(options.bbox) } : {}),
  };
  const project = Project.open(file, { readonly: true });
  try {
    let shown = -1;
    return validateProject(project, validate, (done, total) => {
      // Progress on stderr for big projects only, every 10 %.
      if (total < 200_000) return;
      const tenth = Math.floor((done / total) * 10);
      if (tenth > shown) {
        shown = tenth;
        process.stderr.write(`  ${tenth * 10} % (${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')})\n`);
      }
    });
  } finally {
    project.close();
  }
}

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('kiểm tra dự án theo QCVN 01:2021 và quy tắc kỹ thuật / check a project against QCVN 01:2021 and engineering rules')
    .argument('<file>', 'PlanDesk project file (*.plandesk.sqlite)')
    .option('--json', 'print the report as JSON (the same document as GET /api/validation)')
    .option('--layer <id>', 'only the rules of this layer; repeat or give a comma list', collect, [] as string[])
    .option('--rule <code>', 'only this rule (e.g. ZONING_DENSITY_MAX); repeat or give a comma list', collect, [] as string[])
    .option('--bbox <minx,miny,maxx,maxy>', 'only features whose box meets this one (project CRS)')
    .addHelpText(
      'after',
      '\nExit status: 0 no error-level finding (warnings may remain), 1 error-level findings, 2 the check could not run (file missing, not a project, unknown layer or rule, bad option).',
    )
    // Usage errors exit 2 too, so that 1 always means "the project has errors".
    .exitOverride((error) => {
      throw error.exitCode === 0 ? error : new CommanderError(VALIDATE_EXIT.failed, error.code, error.message);
    })
    .action((file: string, options: { json?: boolean; layer: string[]; rule: string[]; bbox?: string }) => {
      const started = process.hrtime.bigint();
      let report: ValidationReport;
      try {
        report = run(file, options);
      } catch (error) {
        failed(error instanceof Error ? error.message : String(error));
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, seconds)}\n`);
      if (report.counts.error > 0) throw new CommanderError(VALIDATE_EXIT.findings, 'plandesk.validate.findings', `${report.counts.error} error-level findings`);
    });
}
