/**
 * Pure colour and symbol arithmetic shared by every renderer of the declarative styles: the
 * OpenLayers map (renderer/src/map/), its legend, and the vector print map
 * (gis-core/print/svg-map.ts). No drawing library here, only data in and data out.
 */
import type { CodeList, GeometryType, LayerDefinition, LayerStyle, Symbol as LayerSymbol } from './types.js';

/** `#rrggbb` / `#rrggbbaa` → [r, g, b, a] (a in 0…1), the form OpenLayers colour arrays take. */
export type Rgba = [number, number, number, number];

export function parseColor(hex: string): Rgba {
  const h = hex.replace('#', '');
  const channel = (i: number): number => parseInt(h.slice(i, i + 2), 16);
  const alpha = h.length >= 8 ? channel(6) / 255 : 1;
  return [channel(0), channel(2), channel(4), Math.round(alpha * 1000) / 1000];
}

/** The colour `hex` with the alpha of `alphaFrom` (a categorized style keeps the base's alpha). */
export function withAlphaOf(hex: string, alphaFrom: string): Rgba {
  const [r, g, b] = parseColor(hex);
  return [r, g, b, parseColor(alphaFrom)[3]];
}

export function toCss([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${a})`;
}

function toHex(rgba: readonly number[]): string {
  return `#${rgba
    .slice(0, 3)
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}${Math.round((rgba[3] ?? 1) * 255)
    .toString(16)
    .padStart(2, '0')}`;
}

/**
 * The base symbol with `color` put into its main paint for this geometry type: the fill of a
 * polygon, the stroke of a line, the fill of a point — keeping the base colour's alpha.
 */
export function categorySymbol(base: LayerSymbol, color: string, geometryType: GeometryType): LayerSymbol {
  if (geometryType === 'Point' && base.point) {
    const fillFrom = base.point.fill?.color ?? '#ffffff';
    return { ...base, point: { ...base.point, fill: { color: toHex(withAlphaOf(color, fillFrom)) } } };
  }
  if (geometryType === 'Polygon') {
    const fillFrom = base.fill?.color ?? '#ffffff';
    return { ...base, fill: { color: toHex(withAlphaOf(color, fillFrom)) } };
  }
  const strokeBase = base.stroke ?? { color: '#000000', width: 1 };
  return { ...base, stroke: { ...strokeBase, color: toHex(withAlphaOf(color, strokeBase.color)) } };
}

/** The code list a categorized style colours by (undefined for a single style). */
export function styleCodeList(layer: Pick<LayerDefinition, 'style' | 'fields'>): CodeList | undefined {
  const style: LayerStyle = layer.style;
  if (style.kind !== 'categorized') return undefined;
  return layer.fields.find((f) => f.key === style.field)?.codeList;
}

/** The category colours of a categorized layer: code → colour (from the field's code list). */
export function categoryColors(layer: Pick<LayerDefinition, 'style' | 'fields'>): Map<string, string> {
  const colors = new Map<string, string>();
  for (const entry of styleCodeList(layer)?.entries ?? []) if (entry.color) colors.set(entry.code, entry.color);
  return colors;
}

/** Code lists whose codes are short upper-case codes (ODT, CX …) are shown with their codes. */
export function showsCodes(list: CodeList): boolean {
  return list.entries.every((entry) => /^[A-Z0-9]{1,6}$/.test(entry.code));
}

/** Above this resolution (ground metres per CSS pixel, a city-wide view) lines are drawn at half width, so they do not bury the zoning. */
export const THIN_LINES_ABOVE = 5;

/** The symbol with its stroke at half width (at least 1 px), for small-scale views. */
export function thinnerLine(symbol: LayerSymbol): LayerSymbol {
  return symbol.stroke ? { ...symbol, stroke: { ...symbol.stroke, width: Math.max(1, symbol.stroke.width / 2) } } : symbol;
}
