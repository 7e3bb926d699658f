/** The Vietnamese title block ("khung tên"): authority, plan name, approving decision, scale, CRS, drawn / checked by. */
import type { Label } from '../../layers/types.js';
import { escapeXml } from './svg-map.js';
import { scaleText, type TitleBlock } from './layout.js';

const CAPTIONS = {
  decision: { vi: 'Quyết định phê duyệt', en: 'Approval decision' },
  number: { vi: 'Số', en: 'No.' },
  dated: { vi: 'ngày', en: 'of' },
  scale: { vi: 'Tỷ lệ', en: 'Scale' },
  crs: { vi: 'Hệ tọa độ', en: 'Coordinate system' },
  drawnBy: { vi: 'Người vẽ', en: 'Drawn by' },
  checkedBy: { vi: 'Người kiểm tra', en: 'Checked by' },
  printed: { vi: 'Ngày in', en: 'Printed' },
} satisfies Record<string, Label>;

/** YYYY-MM-DD → DD/MM/YYYY (the Vietnamese form); other text as written. */
export function vnDate(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? `${m[3]}/${m[2]}/${m[1]}` : text;
}

export interface TitleBlockContext {
  readonly scale: number;
  readonly crsLabel: string;
  /** Date printed, YYYY-MM-DD. */
  readonly printedOn: string;
  readonly lang: 'vi' | 'en';
}

export function titleBlockHtml(title: TitleBlock, context: TitleBlockContext): string {
  const c = (key: keyof typeof CAPTIONS): string => CAPTIONS[key][context.lang];
  const e = escapeXml;
  const decision = [title.decisionNo && `${c('number')} ${e(title.decisionNo)}`, title.decisionDate && `${c('dated')} ${e(vnDate(title.decisionDate))}`]
    .filter(Boolean)
    .join(' ');
  return (
    `<section class="title-block">` +
    `<div class="authority">${e(title.authority)}</div>` +
    `<div class="plan-name">${e(title.planName)}</div>` +
    `<table>` +
    `<tr><th>${c('decision')}</th><td colspan="3" class="decision">${decision}</td></tr>` +
    `<tr><th>${c('scale')}</th><td class="scale-cell">${scaleText(context.scale)}</td><th>${c('printed')}</th><td>${vnDate(context.printedOn)}</td></tr>` +
    `<tr><th>${c('crs')}</th><td colspan="3">${e(context.crsLabel)}</td></tr>` +
    `<tr><th>${c('drawnBy')}</th><td>${e(title.drawnBy)}</td><th>${c('checkedBy')}</th><td>${e(title.checkedBy)}</td></tr>` +
    `</table></section>`
  );
}
