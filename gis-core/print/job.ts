/**
 * The `print` job: a layout (or a template saved in the project) to a PDF or PNG file, off the
 * request thread with progress and cancel. Without `out` (always in serve mode) the file goes
 * into the job's own folder, served by GET /api/jobs/{id}/download.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlanDeskError } from '../errors.js';
import type { JobDefinition } from '../jobs/definition.js';
import type { PrintJobArgs } from './job-types.js';
import { printFileName, type PrintLayout } from './layout.js';
import { checkLayout, checkTemplateName } from './layout-check.js';
import { DEFAULT_PNG_DPI, printLayout } from './print.js';
import { getTemplate } from './templates.js';
import type { Project } from '../store/project.js';

function invalid(message: string): never {
  throw new PlanDeskError('INVALID_ARGUMENT', `print: ${message}`);
}

/** The layout a job prints: its own, or the template's with the job's centre / extent put in. */
export function resolveLayout(project: Project, args: PrintJobArgs): PrintLayout {
  const base = args.layout ?? getTemplate(project, args.template ?? '').layout;
  const { center: _c, extent: _e, ...rest } = base;
  // A centre or extent given with the job replaces both of the template's (they name one place).
  if (args.center || args.extent) return checkLayout({ ...rest, ...(args.center ? { center: args.center } : {}), ...(args.extent ? { extent: args.extent } : {}) });
  return base;
}

export const printJob: JobDefinition<'print'> = {
  writes: false,
  check(args, project) {
    if (typeof args !== 'object' || args === null) invalid('arguments must be an object');
    const a = args as Record<string, unknown>;
    if (a.format !== 'pdf' && a.format !== 'png') invalid(`format must be pdf or png, got ${JSON.stringify(a.format)}`);
    if ((a.layout === undefined) === (a.template === undefined)) invalid('give a layout or a template name (one of them)');
    const layout = a.layout !== undefined ? checkLayout(a.layout) : undefined;
    const template = a.template !== undefined ? checkTemplateName(a.template) : undefined;
    if (template !== undefined) getTemplate(project, template);
    let dpi: number | undefined;
    if (a.dpi !== undefined) {
      if (typeof a.dpi !== 'number' || !Number.isInteger(a.dpi) || a.dpi < 36 || a.dpi > 1200) invalid(`dpi must be a whole number 36 … 1200, got ${JSON.stringify(a.dpi)}`);
      dpi = a.dpi;
    }
    if (a.out !== undefined && (typeof a.out !== 'string' || a.out === '')) invalid('out must be a file path');
    // center / extent are checked as part of the resolved layout.
    const checked: PrintJobArgs = {
      format: a.format,
      ...(layout ? { layout } : {}),
      ...(template !== undefined ? { template } : {}),
      ...(a.center !== undefined ? { center: a.center as [number, number] } : {}),
      ...(a.extent !== undefined ? { extent: a.extent as [number, number, number, number] } : {}),
      ...(dpi !== undefined ? { dpi } : {}),
      ...(typeof a.out === 'string' ? { out: a.out } : {}),
    };
    resolveLayout(project, checked);
    return checked;
  },
  paths: (args) => ({ read: [], write: args.out !== undefined ? [args.out] : [] }),
  async run(args, context) {
    context.progress(0, { vi: 'Đang dựng bản vẽ', en: 'Composing the sheet' });
    const layout = resolveLayout(context.project, args);
    const dir = args.out === undefined ? (context.ensureWorkDir?.() ?? mkdtempSync(join(tmpdir(), 'plandesk-print-job-'))) : '';
    const out = args.out ?? join(dir, printFileName(layout, args.format));
    return printLayout(context.project, layout, {
      format: args.format,
      dpi: args.dpi ?? DEFAULT_PNG_DPI,
      out,
      signal: context.signal,
      progress: (fraction, step) =>
        context.progress(
          fraction,
          step === 'compose' ? { vi: 'Đang dựng bản vẽ', en: 'Composing the sheet' } : step === 'pdf' ? { vi: 'Đang in PDF', en: 'Printing the PDF' } : { vi: 'Đang tạo ảnh PNG', en: 'Rendering the PNG' },
        ),
    });
  },
};
