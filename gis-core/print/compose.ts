/**
 * One print layout → one self-contained HTML page (the drawing pdf.ts prints and the editor
 * previews): `@page` of the paper size, the vector map frame (svg-map.ts) with its coordinate
 * grid, and the panel — north arrow and scale bar, legend, inset, notes, title block.
 */
import { getCrs } from '../crs/registry.js';
import { PlanDeskError } from '../errors.js';
import type { Project } from '../store/project.js';
import type { BBox } from '../store/types.js';
import { gridSvg } from './grid.js';
import { insetSvg, projectExtent } from './inset.js';
import { GRID_BAND_MM, gridInterval, mapExtent, sheetGeometry, type PrintLayout, type Rect } from './layout.js';
import { legendGroups, legendHtml, type LegendGroup } from './legend.js';
import { scaleBarSvg, northArrowSvg } from './sheet-marks.js';
import { escapeXml, PRINT_FONT_FAMILY, renderSvgMapDetailed } from './svg-map.js';
import { titleBlockHtml } from './title-block.js';
import type { LayerId } from '../../layers/types.js';

export interface ComposedSheet {
  /** The whole page, for Chromium. */
  readonly html: string;
  /** The sheet alone (a `<div class="pd-sheet">` with its `<style>`), for an in-app preview. */
  readonly sheet: string;
  readonly paperMm: readonly [number, number];
  readonly scale: number;
  /** The map frame's ground extent (project CRS). */
  readonly extent: BBox;
  readonly gridInterval: number;
  readonly truncated: readonly LayerId[];
  readonly featuresDrawn: number;
}

export interface ComposeOptions {
  /** The print date (YYYY-MM-DD), default today. */
  readonly printedOn?: string;
}

const at = (r: Rect): string => `left:${r.x.toFixed(2)}mm;top:${r.y.toFixed(2)}mm;width:${r.width.toFixed(2)}mm;height:${r.height.toFixed(2)}mm`;

function sheetCss(paper: readonly [number, number], side: 'right' | 'bottom', legendColumns: number): string {
  const [w, h] = paper;
  return `
.pd-sheet{position:relative;width:${w}mm;height:${h}mm;overflow:hidden;background:#fff;color:#000;font-family:${PRINT_FONT_FAMILY};font-size:2.6mm;line-height:1.25}
.pd-sheet *{box-sizing:border-box}
.pd-sheet .abs{position:absolute}
.pd-sheet .sheet-border{position:absolute;left:5mm;top:5mm;right:5mm;bottom:5mm;border:0.5mm solid #000}
.pd-sheet .panel{display:flex;gap:3mm;overflow:hidden;flex-direction:${side === 'right' ? 'column' : 'row'}}
.pd-sheet .panel>section{border:0.25mm solid #000;padding:2mm;overflow:hidden}
.pd-sheet .marks{display:flex;align-items:flex-end;justify-content:space-between;flex:none}
.pd-sheet .legend{flex:1 1 0;min-height:20mm;min-width:0}
.pd-sheet .legend h3,.pd-sheet .notes h3{margin:0 0 1.5mm;font-size:3.2mm;text-align:center}
.pd-sheet .legend-body{column-count:${legendColumns};column-gap:3mm}
.pd-sheet .side-column{display:flex;flex-direction:column;gap:3mm;flex:none;min-height:0}
.pd-sheet .side-column>section{border:0.25mm solid #000;padding:2mm;overflow:hidden}
.pd-sheet .legend-group{break-inside:avoid-column}
.pd-sheet .legend h4{margin:1mm 0 0.5mm;font-size:2.6mm}
.pd-sheet .legend ul{list-style:none;margin:0;padding:0}
.pd-sheet .legend li{display:flex;align-items:center;gap:1.2mm;margin:0.4mm 0;font-size:2.3mm;break-inside:avoid}
.pd-sheet .legend li svg{flex:none}
.pd-sheet .legend .code{font-weight:700;min-width:7mm}
.pd-sheet .legend .single li{font-size:2.6mm;font-weight:700;margin:1mm 0 0.5mm}
.pd-sheet .inset{flex:none;padding:1mm}
.pd-sheet .notes{flex:none;white-space:pre-wrap;font-size:2.4mm}
.pd-sheet .title-block{flex:none;text-align:center}
.pd-sheet .title-block .authority{font-weight:700;font-size:3mm;text-transform:uppercase}
.pd-sheet .title-block .plan-name{font-weight:700;font-size:4.2mm;margin:1.5mm 0;text-transform:uppercase}
.pd-sheet .title-block table{width:100%;border-collapse:collapse;font-size:2.4mm;text-align:left}
.pd-sheet .title-block th,.pd-sheet .title-block td{border:0.2mm solid #000;padding:0.6mm 1mm;vertical-align:top}
.pd-sheet .title-block th{font-weight:600;white-space:nowrap}
.pd-sheet .cap-note{position:absolute;color:#b00020;font-weight:700}
`;
}

/**
 * How much the legend is shrunk (0.55 … 1) so a long one fits its box: the height its rows need
 * (CSS columns balance them) against the room left in the panel. Past 0.55 it is cut at the box.
 */
export function legendZoom(groups: readonly LegendGroup[], columns: number, roomMm: number): number {
  // A row is a 4 mm swatch and its margins (4.8 mm); a heading about the same; a single-symbol layer's row has a wider margin.
  const rows = groups.reduce((n, g) => n + g.items.length * 4.8 + (g.items.length === 1 && g.items[0]?.label === g.label ? 0.7 : 4.8), 0);
  const body = rows / Math.max(1, columns);
  // The heading (CHÚ GIẢI) and the box's padding do not shrink.
  return Math.max(0.55, Math.min(1, (roomMm - 10) / body));
}

/** Lays out and draws the sheet. */
export function composeSheet(project: Project, layout: PrintLayout, options: ComposeOptions = {}): ComposedSheet {
  const geometry = sheetGeometry(layout.paper, layout.orientation);
  const whole = projectExtent(project);
  if (!whole && !layout.center && !layout.extent) throw new PlanDeskError('INVALID_ARGUMENT', 'the project has no features: give the map centre or extent');
  const { extent, scale } = mapExtent(layout, geometry.map, whole ?? layout.extent ?? [0, 0, 1, 1]);
  const map = renderSvgMapDetailed(project, {
    extent,
    widthMm: geometry.map.width,
    heightMm: geometry.map.height,
    ...(layout.layers ? { layers: layout.layers } : {}),
    idPrefix: 'sheet',
    lang: layout.lang,
  });
  const interval = gridInterval(layout, map.shownExtent);
  const band = GRID_BAND_MM;
  const gridRect = { x: geometry.map.x - band, y: geometry.map.y - band, width: geometry.map.width + 2 * band, height: geometry.map.height + 2 * band };
  const panel = geometry.panel;
  const vertical = geometry.panelSide === 'right';
  // Portrait: legend | inset | (scale, notes, title block) side by side under the map.
  const sideColumn = Math.min(panel.width * 0.42, 150);
  const insetWidth = vertical ? panel.width - 2 : Math.min(panel.width * 0.25, panel.height) - 2;
  const insetHeight = vertical ? insetWidth * 0.62 : panel.height - 4;
  const legendColumns = vertical ? 2 : Math.max(1, Math.floor((panel.width - sideColumn - insetWidth - 10) / 55));
  const printedOn = options.printedOn ?? new Date().toISOString().slice(0, 10);
  const lang = layout.lang;
  let crsLabel: string;
  try {
    crsLabel = getCrs(project.info().crsEpsg).label[lang];
  } catch {
    crsLabel = `EPSG:${project.info().crsEpsg}`;
  }

  const marks = `<section class="marks">${northArrowSvg(lang)}${scaleBarSvg(scale, Math.min(70, panel.width - 30), lang)}</section>`;
  const groups = legendGroups(map.codesDrawn, lang);
  const notesLines = layout.notes.trim() ? Math.ceil(layout.notes.trim().length / ((vertical ? panel.width : sideColumn) / 1.4)) + layout.notes.trim().split('\n').length : 0;
  const legendRoom = vertical
    ? panel.height - 22 - (layout.inset ? insetHeight + 8 : 0) - (notesLines ? 10 + notesLines * 3.2 : 0) - 50 - 12
    : panel.height - 6;
  const legend = layout.legend ? legendHtml(groups, lang, legendZoom(groups, legendColumns, legendRoom)) : '';
  const inset = layout.inset ? `<section class="inset">${insetSvg(project, map.shownExtent, insetWidth, insetHeight)}</section>` : '';
  const notes = layout.notes.trim() ? `<section class="notes"><h3>${lang === 'vi' ? 'GHI CHÚ' : 'NOTES'}</h3>${escapeXml(layout.notes.trim())}</section>` : '';
  const title = titleBlockHtml(layout.title, { scale, crsLabel, printedOn, lang });
  const panelBody = vertical
    ? `${marks}${legend}${inset}${notes}${title}`
    : `${legend}${inset}<div class="side-column" style="width:${sideColumn.toFixed(2)}mm">${marks}${notes}${title}</div>`;

  const sheet =
    `<div class="pd-sheet" data-scale="${scale}" data-paper="${layout.paper}" data-orientation="${layout.orientation}">` +
    `<style>${sheetCss(geometry.paper, geometry.panelSide, legendColumns)}</style>` +
    `<div class="sheet-border"></div>` +
    `<div class="abs map-frame" style="${at(geometry.map)}">${map.svg}</div>` +
    `<div class="abs grid-frame" style="${at(gridRect)}">${gridSvg(geometry.map, band, map.shownExtent, interval)}</div>` +
    `<div class="abs panel" style="${at(panel)}">${panelBody}</div>` +
    `</div>`;
  const [w, h] = geometry.paper;
  const html =
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeXml(layout.title.planName || 'PlanDesk')}</title>` +
    `<style>@page{size:${w}mm ${h}mm;margin:0}html,body{margin:0;padding:0}body{-webkit-print-color-adjust:exact;print-color-adjust:exact}</style>` +
    `</head><body>${sheet}</body></html>`;
  return {
    html,
    sheet,
    paperMm: geometry.paper,
    scale,
    extent: map.shownExtent,
    gridInterval: interval,
    truncated: map.truncated,
    featuresDrawn: map.featuresDrawn,
  };
}
