/**
 * The print layout model (types the renderer imports too) and its pure arithmetic: paper sizes,
 * the sheet's regions, the map scale and extent, grid and scale-bar intervals. No I/O here.
 */
import type { LayerId } from '../../layers/types.js';
import type { BBox } from '../store/types.js';

/** ISO 216 sizes, portrait (width × height) in millimetres. */
export const PAPER_SIZES_MM = {
  A4: [210, 297],
  A3: [297, 420],
  A2: [420, 594],
  A1: [594, 841],
  A0: [841, 1189],
} as const satisfies Record<string, readonly [number, number]>;

export type PaperSize = keyof typeof PAPER_SIZES_MM;
export const PAPER_NAMES = Object.keys(PAPER_SIZES_MM) as PaperSize[];
export type Orientation = 'portrait' | 'landscape';

/** Scales offered in the editor; any positive integer is accepted. */
export const STANDARD_SCALES = [200, 500, 1000, 2000, 5000, 10000, 25000] as const;

/** The Vietnamese title block ("khung tên") of a planning drawing. */
export interface TitleBlock {
  /** Cơ quan ban hành, e.g. "UBND THÀNH PHỐ CAO LÃNH". */
  readonly authority: string;
  /** Tên đồ án / bản vẽ. */
  readonly planName: string;
  /** Số quyết định phê duyệt, e.g. "1234/QĐ-UBND". */
  readonly decisionNo: string;
  /** Ngày quyết định, YYYY-MM-DD or free text. */
  readonly decisionDate: string;
  readonly drawnBy: string;
  readonly checkedBy: string;
}

export interface PrintLayout {
  readonly paper: PaperSize;
  readonly orientation: Orientation;
  /** The map scale denominator (1000 = 1:1000), or 'fit': the smallest standard-ish scale showing `extent`. */
  readonly scale: number | 'fit';
  /** Centre of the map frame, project CRS (metres). Absent: the middle of `extent`, or of the project. */
  readonly center?: readonly [number, number];
  /** With scale 'fit': the ground extent to fit. Absent: the project's extent. */
  readonly extent?: BBox;
  readonly title: TitleBlock;
  readonly notes: string;
  /** Layers drawn (and listed in the legend); absent: all. */
  readonly layers?: readonly LayerId[];
  /** Coordinate grid interval in metres; 'auto' picks one; 0 turns the grid off. */
  readonly gridInterval: number | 'auto';
  readonly inset: boolean;
  readonly legend: boolean;
  /** Language of the sheet's fixed texts (the title block's captions, legend heading). */
  readonly lang: 'vi' | 'en';
}

/** A layout saved in the project under a name. */
export interface PrintTemplate {
  readonly name: string;
  readonly layout: PrintLayout;
}

export const EMPTY_TITLE: TitleBlock = { authority: '', planName: '', decisionNo: '', decisionDate: '', drawnBy: '', checkedBy: '' };

export function defaultLayout(): PrintLayout {
  return {
    paper: 'A3',
    orientation: 'landscape',
    scale: 1000,
    title: EMPTY_TITLE,
    notes: '',
    gridInterval: 'auto',
    inset: true,
    legend: true,
    lang: 'vi',
  };
}

/** Paper width × height in mm for the orientation. */
export function paperMm(paper: PaperSize, orientation: Orientation): [number, number] {
  const [w, h] = PAPER_SIZES_MM[paper];
  return orientation === 'landscape' ? [h, w] : [w, h];
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where things go on the sheet, in mm from the top-left corner. */
export interface SheetGeometry {
  readonly paper: readonly [number, number];
  /** The map itself (inside the coordinate band). */
  readonly map: Rect;
  /** The side panel (landscape: right; portrait: bottom) with title block, legend, inset … */
  readonly panel: Rect;
  readonly panelSide: 'right' | 'bottom';
}

/** Outer margin, the band around the map for grid labels, and the gap to the panel (mm). */
export const SHEET_MARGIN_MM = 10;
export const GRID_BAND_MM = 7;
const PANEL_GAP_MM = 5;

export function sheetGeometry(paper: PaperSize, orientation: Orientation): SheetGeometry {
  const [pw, ph] = paperMm(paper, orientation);
  const m = SHEET_MARGIN_MM;
  const band = GRID_BAND_MM;
  if (orientation === 'landscape') {
    const panelWidth = Math.min(180, Math.max(80, pw * 0.24));
    const panel = { x: pw - m - panelWidth, y: m, width: panelWidth, height: ph - 2 * m };
    const map = { x: m + band, y: m + band, width: panel.x - PANEL_GAP_MM - band - (m + band), height: ph - 2 * m - 2 * band };
    return { paper: [pw, ph], map, panel, panelSide: 'right' };
  }
  const panelHeight = Math.min(260, Math.max(90, ph * 0.3));
  const panel = { x: m, y: ph - m - panelHeight, width: pw - 2 * m, height: panelHeight };
  const map = { x: m + band, y: m + band, width: pw - 2 * m - 2 * band, height: panel.y - PANEL_GAP_MM - band - (m + band) };
  return { paper: [pw, ph], map, panel, panelSide: 'bottom' };
}

/** 1, 2, 2.5, 5 × 10ⁿ at or above `value`: the "nice" numbers of scales, grids and scale bars. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value * (1 - 1e-9)) return step * power;
  return 10 * power;
}

/** 1, 2, 5 × 10ⁿ at or below `value`. */
export function niceFloor(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [5, 2, 1]) if (step * power <= value * (1 + 1e-9)) return step * power;
  return power;
}

/** The map frame's ground extent and scale for a layout: `scale` at `center`, or 'fit' rounded up to a nice scale. */
export function mapExtent(layout: Pick<PrintLayout, 'scale' | 'center' | 'extent'>, map: Rect, projectExtent: BBox): { extent: BBox; scale: number } {
  const fitTo = layout.extent ?? projectExtent;
  const center = layout.center ?? [(fitTo[0] + fitTo[2]) / 2, (fitTo[1] + fitTo[3]) / 2];
  let scale: number;
  if (layout.scale === 'fit') {
    const metresPerMm = Math.max((fitTo[2] - fitTo[0]) / map.width, (fitTo[3] - fitTo[1]) / map.height);
    scale = niceCeil(metresPerMm * 1000);
  } else {
    scale = layout.scale;
  }
  // 1 mm of paper is scale/1000 m of ground.
  const hw = (map.width * scale) / 1000 / 2;
  const hh = (map.height * scale) / 1000 / 2;
  const [cx, cy] = center;
  return { extent: [cx - hw, cy - hh, cx + hw, cy + hh], scale };
}

/** The grid interval (m): the layout's, or about 5–10 lines across the frame's width. */
export function gridInterval(layout: Pick<PrintLayout, 'gridInterval'>, extent: BBox): number {
  if (layout.gridInterval !== 'auto') return layout.gridInterval;
  return niceCeil((extent[2] - extent[0]) / 8);
}

/** Grid line positions: multiples of `interval` strictly inside [min, max]. */
export function gridLines(min: number, max: number, interval: number): number[] {
  if (!(interval > 0)) return [];
  const out: number[] = [];
  for (let v = Math.ceil(min / interval) * interval; v < max; v += interval) if (v > min) out.push(Math.round(v * 1000) / 1000);
  return out;
}

/** A scale bar's ground length (m) and its segments: the nicest length not longer than `maxMm` on paper. */
export function scaleBar(scale: number, maxMm: number): { metres: number; mm: number; segments: number } {
  const metres = niceFloor((maxMm * scale) / 1000);
  const mm = (metres * 1000) / scale;
  const lead = metres / 10 ** Math.floor(Math.log10(metres));
  return { metres, mm, segments: lead === 2 ? 4 : lead === 5 ? 5 : 4 };
}

/** "1:1000" with no thousands separator, as Vietnamese drawings print it ("Tỷ lệ 1/1000" is the other form). */
export function scaleText(scale: number): string {
  return `1:${Math.round(scale)}`;
}

/** A coordinate in metres as grid labels print it: whole metres, no separators ("1156900"), as survey drawings do. */
export function coordinateText(value: number): string {
  return String(Math.round(value));
}

/** A file name from the plan's name (the print job's and the desktop save dialog's suggestion): "Quy hoạch 1/500" → "quy-hoach-1-500.pdf". */
export function printFileName(layout: PrintLayout, format: 'pdf' | 'png'): string {
  const slug = layout.title.planName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${slug || 'ban-ve'}.${format}`;
}
