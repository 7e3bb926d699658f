/**
 * HTML → vector PDF (and PDF → PNG) for print layouts and the kiosk's planning sheet.
 *
 * Chromium prints the page (`--headless --print-to-pdf`): text stays text with its fonts
 * embedded (Vietnamese included), SVG stays vector, and the paper size comes from the page's
 * CSS `@page { size: … }`. PNG at a chosen DPI is the PDF rasterised by poppler's `pdftoppm`,
 * so both outputs are the same drawing. The HTML must be self-contained (inline styles, inline
 * SVG, data: URLs): it is loaded from a temporary file with the network off.
 */
import { copyFileSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PlanDeskError } from '../errors.js';
import { runTool } from '../io/ogr.js';
import { findBrowser } from '../server/app-window.js';

export interface PdfOptions {
  /** ms before Chromium is stopped (default 120 000). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

function browser(): string {
  const found = process.env.PLANDESK_CHROMIUM ?? findBrowser();
  if (!found) throw new PlanDeskError('EXTERNAL_TOOL', 'printing needs Chromium (apt install chromium): none was found');
  return found;
}

function withTimeout(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/** Prints self-contained HTML to a PDF file at `out`. */
export async function htmlToPdf(html: string, out: string, options: PdfOptions = {}): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-print-'));
  try {
    const page = join(dir, 'page.html');
    writeFileSync(page, html);
    const pdf = join(dir, 'page.pdf');
    await runTool(
      browser(),
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--no-default-browser-check',
        `--user-data-dir=${join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        '--run-all-compositor-stages-before-draw',
        `--print-to-pdf=${pdf}`,
        pathToFileURL(page).href,
      ],
      { signal: withTimeout(options.signal, options.timeoutMs ?? 120_000) },
    );
    let size = 0;
    try {
      size = statSync(pdf).size;
    } catch {
      size = 0;
    }
    if (size === 0) throw new PlanDeskError('EXTERNAL_TOOL', 'Chromium wrote no PDF');
    renameOrCopy(pdf, out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function renameOrCopy(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // Another file system (tmp vs. the output folder).
    copyFileSync(from, to);
  }
}

/** Rasterises the PDF's first page (or `page`) at `dpi` into a PNG file at `out` (poppler's pdftoppm). */
export async function pdfToPng(pdf: string, out: string, dpi: number, page = 1): Promise<void> {
  if (!Number.isFinite(dpi) || dpi < 36 || dpi > 1200) throw new PlanDeskError('INVALID_ARGUMENT', `DPI must be 36 … 1200, got ${dpi}`);
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-png-'));
  try {
    await runTool('pdftoppm', ['-png', '-r', String(Math.round(dpi)), '-f', String(page), '-l', String(page), '-singlefile', pdf, join(dir, 'page')], {
      signal: withTimeout(undefined, 300_000),
    });
    const made = readdirSync(dir).find((f) => f.endsWith('.png'));
    if (!made) throw new PlanDeskError('EXTERNAL_TOOL', 'pdftoppm wrote no PNG');
    renameOrCopy(join(dir, made), out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
