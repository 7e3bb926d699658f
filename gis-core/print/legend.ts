/**
 * The sheet's legend from the drawn layers' declarative styles: one heading per layer with
 * features on the sheet, one swatch per category drawn (land-use colours with their codes:
 * "ODT Đất ở tại đô thị"), the single symbol for single-style layers.
 */
import { LAYERS } from '../../layers/index.js';
import { categorySymbol, showsCodes, styleCodeList } from '../../layers/symbol-paint.js';
import type { GeometryType, LayerId, Symbol as LayerSymbol } from '../../layers/types.js';
import { escapeXml, MM_PER_CSS_PX, paint, pointMark, strokeAttributes } from './svg-map.js';

export interface LegendItem {
  /** The category code when the code list shows codes (ODT, CX …). */
  readonly code?: string;
  readonly label: string;
  readonly symbol: LayerSymbol;
}

export interface LegendGroup {
  readonly layer: LayerId;
  readonly label: string;
  readonly geometryType: GeometryType;
  readonly items: readonly LegendItem[];
}

const OTHER = { vi: 'Khác', en: 'Other' } as const;

/** Legend groups for the layers drawn, in draw order from the top (as a layer panel lists them). */
export function legendGroups(codesDrawn: ReadonlyMap<LayerId, ReadonlySet<string>>, lang: 'vi' | 'en'): LegendGroup[] {
  const groups: LegendGroup[] = [];
  for (const layer of [...LAYERS].reverse()) {
    const codes = codesDrawn.get(layer.id);
    if (!codes) continue;
    const style = layer.style;
    if (style.kind === 'single') {
      groups.push({ layer: layer.id, label: layer.label[lang], geometryType: layer.geometryType, items: [{ label: layer.label[lang], symbol: style.symbol }] });
      continue;
    }
    const list = styleCodeList(layer);
    const withCodes = list ? showsCodes(list) : false;
    const items: LegendItem[] = [];
    for (const entry of list?.entries ?? []) {
      if (!codes.has(entry.code)) continue;
      items.push({
        ...(withCodes ? { code: entry.code } : {}),
        label: entry.label[lang],
        symbol: entry.color ? categorySymbol(style.base, entry.color, layer.geometryType) : style.fallback,
      });
    }
    if (codes.has('')) items.push({ label: OTHER[lang], symbol: style.fallback });
    groups.push({ layer: layer.id, label: layer.label[lang], geometryType: layer.geometryType, items });
  }
  return groups;
}

/** A swatch of `width × height` mm: a filled box, a line, or the point mark. */
export function swatchSvg(symbol: LayerSymbol, geometryType: GeometryType, width = 8, height = 4): string {
  let body: string;
  if (geometryType === 'Polygon') {
    body = `<rect x="0.3" y="0.3" width="${width - 0.6}" height="${height - 0.6}" ${paint('fill', symbol.fill?.color)} ${strokeAttributes(symbol.stroke)}/>`;
  } else if (geometryType === 'LineString') {
    // At least 0.4 mm so thin lines still read in the legend.
    const stroke = symbol.stroke ? { ...symbol.stroke, width: Math.max(symbol.stroke.width, 0.4 / MM_PER_CSS_PX) } : undefined;
    body = `<line x1="0.5" y1="${height / 2}" x2="${width - 0.5}" y2="${height / 2}" ${strokeAttributes(stroke)}/>`;
  } else {
    body = symbol.point ? pointMark(symbol.point, width / 2, height / 2) : '';
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}mm" height="${height}mm" viewBox="0 0 ${width} ${height}">${body}</svg>`;
}

/** The legend as HTML (classes styled by compose.ts). */
export function legendHtml(groups: readonly LegendGroup[], lang: 'vi' | 'en', zoom = 1): string {
  const heading = lang === 'vi' ? 'CHÚ GIẢI' : 'LEGEND';
  const body = groups
    .map((group) => {
      const items = group.items
        .map(
          (item) =>
            `<li data-code="${escapeXml(item.code ?? '')}">${swatchSvg(item.symbol, group.geometryType)}` +
            `${item.code ? `<b class="code">${escapeXml(item.code)}</b> ` : ''}<span>${escapeXml(item.label)}</span></li>`,
        )
        .join('');
      const single = group.items.length === 1 && group.items[0]?.label === group.label;
      // A single-symbol layer is its own entry, set like a heading so it does not read as part of the group above.
      return `<div class="legend-group${single ? ' single' : ''}" data-layer="${group.layer}">${single ? '' : `<h4>${escapeXml(group.label)}</h4>`}<ul>${items}</ul></div>`;
    })
    .join('');
  const scaled = zoom < 1 ? ` style="zoom:${zoom.toFixed(2)}"` : '';
  return `<section class="legend"><h3>${heading}</h3><div class="legend-body"${scaled}>${body}</div></section>`;
}
