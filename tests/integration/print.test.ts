/**
 * Print layouts end to end on a copy of the demo: templates saved in the project, the preview,
 * `plandesk print` (the built binary) to a vector PDF checked with poppler (pdftotext for the
 * title, legend codes and scale; pdftotext -bbox to MEASURE the scale on paper; pdffonts for
 * embedded fonts; pdftoppm), a PNG at a chosen DPI, and the `print` job inline and in the
 * built server (worker thread, download route).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { JobInfo, PrintJobResult, PrintLayout } from '../../gis-core/api/contract.js';
import { createHttpClient } from '../../gis-core/api/http-client.js';
import { PlanDeskService } from '../../gis-core/api/service.js';
import { defaultLayout } from '../../gis-core/print/layout.js';
import { Project } from '../../gis-core/store/project.js';
import { startServeProcess } from '../helpers/serve-process.js';
import { tempDir } from '../helpers/temp.js';

const bin = fileURLToPath(new URL('../../bin/plandesk.js', import.meta.url));
const demoSource = fileURLToPath(new URL('../../resources/demo/cao-lanh.plandesk.sqlite', import.meta.url));
const dir = tempDir('plandesk-print-');
const demo = join(dir, 'demo.plandesk.sqlite');
copyFileSync(demoSource, demo);

const CENTER = '568770,1156860';
const MM_PER_PT = 25.4 / 72;

function plandesk(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Word {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/** Words of page 1 with their centres in mm from the top-left corner (pdftotext -bbox). */
function pdfWords(pdf: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!,
    x: ((Number(m[1]) + Number(m[3])) / 2) * MM_PER_PT,
    y: ((Number(m[2]) + Number(m[4])) / 2) * MM_PER_PT,
  }));
}

/** Easting labels along the top edge: the topmost occurrence of each grid coordinate, by value. */
function topEastings(words: readonly Word[]): Map<number, number> {
  const out = new Map<number, { x: number; y: number }>();
  for (const w of words) {
    if (!/^5\d{5}$/.test(w.text)) continue;
    const value = Number(w.text);
    const seen = out.get(value);
    if (!seen || w.y < seen.y) out.set(value, { x: w.x, y: w.y });
  }
  return new Map([...out].map(([v, p]) => [v, p.x]));
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const TITLE = ['--title', 'Quy hoạch chi tiết khu đô thị mẫu', '--authority', 'UBND thành phố Cao Lãnh', '--decision-no', '1234/QĐ-UBND', '--decision-date', '2026-03-15', '--drawn-by', 'Nguyễn Văn An', '--checked-by', 'Trần Thị Bình'];

describe('plandesk print → vector PDF', () => {
  const pdf = join(dir, 'plan.pdf');

  it('prints an A3 landscape sheet at 1:1000 with the title block, legend codes and scale', () => {
    const run = plandesk(['print', demo, '--paper', 'A3', '--orientation', 'landscape', '--scale', '1000', '--center', CENTER, ...TITLE, '--notes', 'Số liệu minh họa.', '--out', pdf, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as PrintJobResult;
    expect(result).toMatchObject({ format: 'pdf', pages: 1, paper: 'A3', orientation: 'landscape', scale: 1000, truncated: [] });

    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\b/);
    // A3 landscape: 420 × 297 mm = 1190.55 × 841.89 pt.
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    expect(Number(w) * MM_PER_PT).toBeCloseTo(420, 0);
    expect(Number(h) * MM_PER_PT).toBeCloseTo(297, 0);

    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const expected of ['QUY HOẠCH CHI TIẾT KHU ĐÔ THỊ MẪU', 'UBND THÀNH PHỐ CAO LÃNH', '1234/QĐ-UBND', '15/03/2026', 'Nguyễn Văn An', 'Trần Thị Bình', 'CHÚ GIẢI', 'Tỷ lệ 1:1000', 'VN-2000', 'Số liệu minh họa.']) {
      expect(text).toContain(expected);
    }
    // Land-use categories on this sheet, with their codes and Vietnamese names (text, not pixels).
    expect(text).toMatch(/TMDV\s+Đất thương mại, dịch vụ/);
    expect(text).toMatch(/HH\s+Đất hỗn hợp/);
    // Labels drawn on the map at this scale: manhole codes, and zone codes beside the parcel numbers.
    expect(text).toMatch(/HG-\d{4}/);
    for (const zone of ['TG-01', 'TMDV-01', 'CQ-01', 'HH-01']) expect(text).toContain(zone);
  }, 60_000);

  it('is true to scale on paper: grid labels 50 m apart are 50 mm apart at 1:1000, 25 mm at 1:2000', () => {
    const at1000 = topEastings(pdfWords(pdf));
    expect(at1000.size).toBeGreaterThanOrEqual(4);
    const values = [...at1000.keys()].sort((a, b) => a - b);
    for (let i = 1; i < values.length; i++) {
      const metres = values[i]! - values[i - 1]!;
      const mm = at1000.get(values[i]!)! - at1000.get(values[i - 1]!)!;
      expect(metres).toBe(50);
      expect(mm).toBeCloseTo(50, 0);
    }
    const pdf2000 = join(dir, 'plan-2000.pdf');
    const run = plandesk(['print', demo, '--scale', '2000', '--grid', '50', '--center', CENTER, '--title', 'Tỷ lệ hai nghìn', '--out', pdf2000]);
    expect(run.code).toBe(0);
    expect(execFileSync('pdftotext', [pdf2000, '-'], { encoding: 'utf8' })).toContain('1:2000');
    const at2000 = topEastings(pdfWords(pdf2000));
    const v = [...at2000.keys()].sort((a, b) => a - b);
    expect(v.length).toBeGreaterThanOrEqual(6);
    expect(at2000.get(v[3]!)! - at2000.get(v[1]!)!).toBeCloseTo(((v[3]! - v[1]!) * 1000) / 2000, 0);
  }, 60_000);

  it('embeds its fonts and renders with pdftoppm', () => {
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.some((l) => l.includes('NotoSans'))).toBe(true);
    // Column "emb" is yes for every font.
    for (const line of fonts) expect(line).toMatch(/\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
    const png = join(dir, 'plan-render');
    execFileSync('pdftoppm', ['-png', '-r', '50', '-singlefile', pdf, png]);
    // 420 mm at 50 dpi = 826.8 px (Chromium rounds the page to whole points, pdftoppm rounds up).
    expect(Math.abs(pngSize(`${png}.png`).width - (420 / 25.4) * 50)).toBeLessThan(1.5);
  }, 60_000);

  it('prints a PNG at the DPI asked for', () => {
    const png = join(dir, 'plan.png');
    const run = plandesk(['print', demo, '--paper', 'A4', '--orientation', 'portrait', '--scale', 'fit', '--title', 'Toàn khu', '--out', png, '--dpi', '100', '--json']);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as PrintJobResult;
    expect(result).toMatchObject({ format: 'png', dpi: 100, paper: 'A4', orientation: 'portrait' });
    // A4 portrait at 100 dpi: 210 × 297 mm → 826.8 × 1169.3 px, rounded up.
    const size = pngSize(png);
    expect(Math.abs(size.width - (210 / 25.4) * 100)).toBeLessThan(1.5);
    expect(Math.abs(size.height - (297 / 25.4) * 100)).toBeLessThan(1.5);
    // 'fit' shows the whole demo (about 1.04 × 1.02 km) at a standard scale.
    expect([5000, 10000]).toContain(result.scale);
  }, 60_000);

  it('refuses a bad request with a clear message', () => {
    const run = plandesk(['print', demo, '--paper', 'B4', '--out', join(dir, 'x.pdf')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/paper must be one of A4, A3, A2, A1, A0/);
    const exists = plandesk(['print', demo, '--center', CENTER, '--out', pdf]);
    expect(exists.stderr).toMatch(/exists: use --overwrite/);
    const format = plandesk(['print', demo, '--out', join(dir, 'x.svg')]);
    expect(format.stderr).toMatch(/must end in \.pdf or \.png/);
  });
});

describe('templates, preview and the print job through the API', () => {
  const project = Project.open(demo);
  const api = new PlanDeskService(project);
  afterAll(() => project.close());
  const layout: PrintLayout = {
    ...defaultLayout(),
    scale: 2000,
    center: [568770, 1156860],
    title: { authority: 'UBND thành phố Cao Lãnh', planName: 'Bản đồ sử dụng đất', decisionNo: '55/QĐ-UBND', decisionDate: '2026-01-05', drawnBy: 'An', checkedBy: 'Bình' },
    layers: ['zoning', 'roads'],
  };

  it('saves, lists, replaces and deletes templates in the project file', async () => {
    expect(await api.printTemplates()).toEqual([]);
    await api.printTemplateSave({ name: 'A3 1:2000', layout });
    const list = await api.printTemplateSave({ name: 'A1 toàn khu', layout: { ...layout, paper: 'A1', scale: 'fit' } });
    expect(list.map((t) => t.name)).toEqual(['A1 toàn khu', 'A3 1:2000']);
    await api.printTemplateSave({ name: 'A3 1:2000', layout: { ...layout, notes: 'Bản sửa' } });
    expect((await api.printTemplates()).find((t) => t.name === 'A3 1:2000')?.layout.notes).toBe('Bản sửa');
    // Another connection (another process) sees them: they are in the file.
    const again = Project.open(demo, { readonly: true });
    try {
      expect(JSON.parse(again.getMetadata('print_templates') ?? '[]')).toHaveLength(2);
    } finally {
      again.close();
    }
    expect((await api.printTemplateDelete('A1 toàn khu')).map((t) => t.name)).toEqual(['A3 1:2000']);
    await expect(api.printTemplateDelete('không có')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api.printTemplateSave({ name: '', layout })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api.printTemplateSave({ name: 'x', layout: { ...layout, paper: 'B4' as never } })).rejects.toThrow(/paper/);
  });

  it('previews the same sheet it prints', async () => {
    const preview = await api.printPreview(layout);
    expect(preview).toMatchObject({ paperMm: [420, 297], scale: 2000, truncated: [] });
    expect(preview.extent[2] - preview.extent[0]).toBeGreaterThan(400);
    expect(preview.sheet).toContain('Bản đồ sử dụng đất');
    expect(preview.sheet).toContain('data-layer="zoning"');
    expect(preview.sheet).not.toContain('data-layer="parcels"');
  });

  it('runs the print job from a template, and refuses an unknown one at once', async () => {
    const out = join(dir, 'job.pdf');
    const started = await api.jobStart({ kind: 'print', args: { template: 'A3 1:2000', format: 'pdf', out } });
    let done: JobInfo = started;
    await vi.waitFor(
      async () => {
        done = await api.job(started.id);
        expect(done.state).not.toBe('running');
      },
      { timeout: 60_000, interval: 100 },
    );
    expect(done.error).toBeUndefined();
    expect(done.result).toMatchObject({ out, format: 'pdf', pages: 1, scale: 2000 });
    expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toContain('Bản sửa');
    await expect(api.jobStart({ kind: 'print', args: { template: 'không có', format: 'pdf' } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api.jobStart({ kind: 'print', args: { layout, format: 'png', dpi: 5 } })).rejects.toThrow(/dpi/);
  }, 60_000);
});

describe('the print job in the built server', () => {
  it('prints in a worker into the job folder and serves the file for download', async () => {
    const { url, child } = await startServeProcess(demo);
    try {
      const client = createHttpClient({ baseUrl: url });
      expect((await client.printTemplates()).map((t) => t.name)).toContain('A3 1:2000');
      const started = await client.jobStart({ kind: 'print', args: { template: 'A3 1:2000', format: 'png', dpi: 60 } });
      let done: JobInfo = started;
      await vi.waitFor(
        async () => {
          done = await client.job(started.id);
          expect(done.state).not.toBe('running');
        },
        { timeout: 90_000, interval: 200 },
      );
      expect(done.error).toBeUndefined();
      expect(existsSync((done.result as PrintJobResult).out)).toBe(true);
      const response = await fetch(`${url}api/jobs/${started.id}/download`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.length).toBe(statSync((done.result as PrintJobResult).out).size);
      // A3 landscape at 60 dpi: 420 mm → 992.1 px, rounded up.
      expect(Math.abs(bytes.readUInt32BE(16) - (420 / 25.4) * 60)).toBeLessThan(1.5);
    } finally {
      child.kill();
    }
  }, 120_000);
});
