/**
 * The planning information sheet (phiếu thông tin quy hoạch) of a parcel: one A4 page with the
 * map excerpt around the parcel (print/svg-map.ts, vector), the parcel, every zone it falls in
 * with its indicators, the red line distance, the plan, the date and the disclaimer at the
 * bottom — printed to a vector PDF by print/pdf.ts (headless Chromium, fonts embedded).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Label, LayerId } from '../../layers/types.js';
import { htmlToPdf } from '../print/pdf.js';
import { escapeXml, PRINT_FONT_FAMILY, renderSvgMapDetailed } from '../print/svg-map.js';
import type { Project } from '../store/project.js';
import { planningCard } from './card.js';
import type { PlanningCard, PlanningSheet } from './types.js';

type Lang = 'vi' | 'en';

const MAP_LAYERS: readonly LayerId[] = ['zoning', 'parcels', 'buildings', 'roads', 'red_lines'];
const MAP_WIDTH_MM = 182;
const MAP_HEIGHT_MM = 100;
/** Ground margin around the parcel on the excerpt: at least this, or the parcel's own size (m). */
const MAP_MARGIN_M = 40;

const TEXT = {
  title: { vi: 'PHIẾU THÔNG TIN QUY HOẠCH', en: 'PLANNING INFORMATION SHEET' },
  parcel: { vi: 'Thửa đất', en: 'Parcel' },
  sheetParcel: { vi: 'Tờ bản đồ số {sheet}, thửa đất số {parcel}', en: 'Map sheet {sheet}, parcel {parcel}' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  area: { vi: 'Diện tích (đo trên bản đồ)', en: 'Area (measured on the map)' },
  legalArea: { vi: 'Diện tích pháp lý', en: 'Legal area' },
  landUse: { vi: 'Loại đất hiện trạng', en: 'Current land category' },
  zones: { vi: 'Chỉ tiêu quy hoạch theo ô đất', en: 'Planning indicators by plot' },
  zone: { vi: 'Ô đất', en: 'Plot' },
  function: { vi: 'Chức năng', en: 'Function' },
  share: { vi: 'Diện tích trong ô (tỷ lệ)', en: 'Area in plot (share)' },
  density: { vi: 'Mật độ XD tối đa', en: 'Max. coverage' },
  far: { vi: 'Hệ số SDĐ tối đa', en: 'Max. FAR' },
  floors: { vi: 'Tầng cao', en: 'Floors' },
  height: { vi: 'Chiều cao tối đa', en: 'Max. height' },
  setback: { vi: 'Khoảng lùi', en: 'Setback' },
  noZone: { vi: 'Thửa đất không thuộc ô đất quy hoạch nào.', en: 'The parcel lies in no planning plot.' },
  unzoned: { vi: 'Phần không thuộc ô đất quy hoạch', en: 'Part in no planning plot' },
  overlap: {
    vi: 'Các ô đất quy hoạch chồng lấn nhau tại thửa đất này; đề nghị liên hệ cơ quan quản lý quy hoạch để được xác nhận.',
    en: 'The planning plots overlap on this parcel; please ask the planning authority to confirm.',
  },
  redLine: { vi: 'Khoảng cách đến chỉ giới đường đỏ', en: 'Distance to the red line' },
  noRedLine: { vi: 'không có chỉ giới đường đỏ trong phạm vi 500 m', en: 'no red line within 500 m' },
  plan: { vi: 'Đồ án quy hoạch', en: 'Plan' },
  decision: { vi: 'Quyết định phê duyệt', en: 'Approval decision' },
  authority: { vi: 'Cơ quan phê duyệt', en: 'Approved by' },
  printed: { vi: 'Ngày in', en: 'Printed on' },
  scale: { vi: 'Tỷ lệ', en: 'Scale' },
  disclaimer: { vi: 'Lưu ý', en: 'Note' },
} satisfies Record<string, Label>;

const NUMBER = { vi: 'vi-VN', en: 'en-GB' } as const;

function fmt(value: number | null, lang: Lang, digits = 2, unit = ''): string {
  if (value === null) return '—';
  return `${value.toLocaleString(NUMBER[lang], { maximumFractionDigits: digits })}${unit}`;
}

function floors(min: number | null, max: number | null, lang: Lang): string {
  if (min === null && max === null) return '—';
  if (min === null) return `≤ ${fmt(max, lang, 0)}`;
  if (max === null) return `≥ ${fmt(min, lang, 0)}`;
  return min === max ? fmt(min, lang, 0) : `${fmt(min, lang, 0)} – ${fmt(max, lang, 0)}`;
}

function e(text: string): string {
  return escapeXml(text);
}

function mapExtent(card: PlanningCard): [number, number, number, number] {
  const [minx, miny, maxx, maxy] = card.parcel.bbox;
  const margin = Math.max(MAP_MARGIN_M, maxx - minx, maxy - miny);
  return [minx - margin, miny - margin, maxx + margin, maxy + margin];
}

export function sheetHtml(project: Project, card: PlanningCard, lang: Lang, printedAt: Date): string {
  const t = (key: keyof typeof TEXT) => TEXT[key][lang];
  const map = renderSvgMapDetailed(project, {
    extent: mapExtent(card),
    widthMm: MAP_WIDTH_MM,
    heightMm: MAP_HEIGHT_MM,
    layers: MAP_LAYERS,
    highlight: [{ layer: 'parcels', uuid: card.parcel.uuid }],
    lang,
  });
  const p = card.parcel;
  const heading = t('sheetParcel').replace('{sheet}', String(p.sheetNo ?? '—')).replace('{parcel}', String(p.parcelNo ?? '—'));
  const zoneRows = card.zones
    .map(
      (z) => `<tr><td><b>${e(z.zoneCode)}</b>${z.name ? `<br><small>${e(z.name)}</small>` : ''}</td>
<td>${e(z.functionLabel?.[lang] ?? '—')}${z.landLawCode ? ` <small>(${e(z.landLawCode)})</small>` : ''}</td>
<td class="n">${fmt(z.areaM2, lang)} m² (${fmt(z.share * 100, lang, 2)} %)</td>
<td class="n">${fmt(z.maxDensityPct, lang, 1, ' %')}</td><td class="n">${fmt(z.maxFar, lang, 2)}</td>
<td class="n">${floors(z.minFloors, z.maxFloors, lang)}</td><td class="n">${fmt(z.maxHeightM, lang, 1, ' m')}</td>
<td class="n">${fmt(z.setbackM, lang, 1, ' m')}</td></tr>`,
    )
    .join('\n');
  const redLine = card.redLineDistanceM === null ? t('noRedLine') : `${fmt(card.redLineDistanceM, lang)} m${card.redLineRoad ? ` (${e(card.redLineRoad)})` : ''}`;
  const date = printedAt.toLocaleDateString(NUMBER[lang], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${e(t('title'))}</title><style>
@page { size: A4 portrait; margin: 12mm 14mm; }
body { font-family: ${PRINT_FONT_FAMILY}; font-size: 9.5pt; color: #1b1b1b; margin: 0; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 1mm; letter-spacing: .5pt; }
h2 { font-size: 11pt; margin: 3mm 0 1.5mm; }
.sub { text-align: center; margin: 0 0 3mm; font-size: 11pt; }
.map { border: .3mm solid #444; width: ${MAP_WIDTH_MM}mm; height: ${MAP_HEIGHT_MM}mm; }
.map svg { display: block; width: ${MAP_WIDTH_MM}mm; height: ${MAP_HEIGHT_MM}mm; }
.scale { font-size: 8pt; color: #444; margin: .8mm 0 0; }
table { border-collapse: collapse; width: 100%; }
td, th { border: .2mm solid #999; padding: 1mm 1.4mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: 600; font-size: 8.5pt; }
td.n { text-align: right; white-space: nowrap; }
dl { display: grid; grid-template-columns: 52mm 1fr; gap: .6mm 3mm; margin: 0; }
dt { color: #555; } dd { margin: 0; }
.disclaimer { margin-top: 4mm; padding: 2mm 3mm; border: .3mm solid #b00000; color: #5a0000; font-size: 8.5pt; }
</style></head><body>
<h1>${e(t('title'))}</h1>
<p class="sub">${e(heading)}</p>
<div class="map">${map.svg}</div>
<p class="scale">${e(t('scale'))} 1 : ${fmt(Math.round(map.scale), lang, 0)} — ${e(card.crs)}</p>
<h2>${e(t('parcel'))}</h2>
<dl>
<dt>${e(t('address'))}</dt><dd>${e(p.address ?? p.ward ?? '—')}</dd>
<dt>${e(t('area'))}</dt><dd>${fmt(p.areaM2, lang)} m²</dd>
<dt>${e(t('legalArea'))}</dt><dd>${p.legalAreaM2 === null ? '—' : `${fmt(p.legalAreaM2, lang)} m²`}</dd>
<dt>${e(t('landUse'))}</dt><dd>${e(p.landLawLabel?.[lang] ?? '—')}${p.landLawCode ? ` (${e(p.landLawCode)})` : ''}</dd>
<dt>${e(t('redLine'))}</dt><dd>${redLine}</dd>
</dl>
<h2>${e(t('zones'))}</h2>
${
  card.zones.length === 0
    ? `<p>${e(t('noZone'))}</p>`
    : `<table><thead><tr><th>${e(t('zone'))}</th><th>${e(t('function'))}</th><th>${e(t('share'))}</th><th>${e(t('density'))}</th><th>${e(t('far'))}</th><th>${e(t('floors'))}</th><th>${e(t('height'))}</th><th>${e(t('setback'))}</th></tr></thead>
<tbody>${zoneRows}</tbody></table>${card.unzonedAreaM2 > 0 ? `<p>${e(t('unzoned'))}: ${fmt(card.unzonedAreaM2, lang)} m²</p>` : ''}${card.zonesOverlap ? `<p>${e(t('overlap'))}</p>` : ''}`
}
<h2>${e(t('plan'))}</h2>
<dl>
<dt>${e(t('plan'))}</dt><dd>${e(card.plan.name)}</dd>
<dt>${e(t('decision'))}</dt><dd>${e(card.plan.decisionNo)}, ${e(card.plan.decisionDate)}</dd>
<dt>${e(t('authority'))}</dt><dd>${e(card.plan.authority)}</dd>
<dt>${e(t('printed'))}</dt><dd>${e(date)}</dd>
</dl>
<div class="disclaimer"><b>${e(t('disclaimer'))}:</b> ${e(card.disclaimer[lang])}</div>
</body></html>`;
}

/** Makes the sheet PDF of a parcel. */
export async function planningSheet(project: Project, parcelUuid: string, lang: Lang = 'vi', now = new Date()): Promise<PlanningSheet> {
  const card = planningCard(project, parcelUuid);
  const html = sheetHtml(project, card, lang, now);
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-sheet-'));
  try {
    const out = join(dir, 'sheet.pdf');
    await htmlToPdf(html, out, { timeoutMs: 60_000 });
    const name = `phieu-quy-hoach-to-${card.parcel.sheetNo ?? 'x'}-thua-${card.parcel.parcelNo ?? 'x'}.pdf`;
    return { fileName: name, contentType: 'application/pdf', base64: readFileSync(out).toString('base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
