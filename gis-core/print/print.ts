/** Prints a layout to a PDF or PNG file: compose the sheet (compose.ts), Chromium → PDF, pdftoppm → PNG (pdf.ts). */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Project } from '../store/project.js';
import { composeSheet } from './compose.js';
import type { PrintLayout } from './layout.js';
import { htmlToPdf, pdfToPng } from './pdf.js';
import type { PrintFormat, PrintJobResult } from './job-types.js';

export interface PrintOptions {
  readonly format: PrintFormat;
  /** PNG resolution (default 150). */
  readonly dpi?: number;
  readonly out: string;
  readonly signal?: AbortSignal;
  /** Called between steps (0 … 1). */
  readonly progress?: (fraction: number, step: 'compose' | 'pdf' | 'png') => void;
}

export const DEFAULT_PNG_DPI = 150;

export async function printLayout(project: Project, layout: PrintLayout, options: PrintOptions): Promise<PrintJobResult> {
  options.progress?.(0.05, 'compose');
  const sheet = composeSheet(project, layout);
  options.signal?.throwIfAborted();
  options.progress?.(0.3, 'pdf');
  const base = { format: options.format, pages: 1, paper: layout.paper, orientation: layout.orientation, paperMm: sheet.paperMm, scale: sheet.scale, extent: sheet.extent, truncated: sheet.truncated };
  if (options.format === 'pdf') {
    await htmlToPdf(sheet.html, options.out, options.signal ? { signal: options.signal } : {});
    return { ...base, out: options.out, bytes: statSync(options.out).size };
  }
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-print-png-'));
  try {
    const pdf = join(dir, 'sheet.pdf');
    await htmlToPdf(sheet.html, pdf, options.signal ? { signal: options.signal } : {});
    options.signal?.throwIfAborted();
    options.progress?.(0.7, 'png');
    const dpi = options.dpi ?? DEFAULT_PNG_DPI;
    await pdfToPng(pdf, options.out, dpi);
    return { ...base, out: options.out, dpi, bytes: statSync(options.out).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
