/**
 * A layer's declarative style (layers/, as GET /api/layers serves it) as an OpenLayers style
 * function: the symbol (single, or per code-list category) and, at resolutions at or below the
 * label style's maxResolution, the label (road names along lines, parcel numbers when zoomed in).
 */
import type { FeatureLike } from 'ol/Feature.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style, { type StyleFunction } from 'ol/style/Style.js';
import Text from 'ol/style/Text.js';
import type { LayerInfo } from '../../../gis-core/api/contract.js';
import type { LabelStyle, Symbol as LayerSymbol } from '../../../layers/types.js';
import { categoryColors, THIN_LINES_ABOVE, thinnerLine } from '../../../layers/symbol-paint.js';
import { parseColor } from './colors.js';
import { categorySymbol, symbolStyle } from './symbols.js';

export const LABEL_FONT_FAMILY = '"Noto Sans", "Noto Sans Display", "DejaVu Sans", sans-serif';

function labelStyle(label: LabelStyle, geometryType: LayerInfo['geometryType']): Style {
  const onLine = label.placement === 'line';
  return new Style({
    text: new Text({
      font: `${onLine ? '600 ' : ''}${label.size}px ${LABEL_FONT_FAMILY}`,
      fill: new Fill({ color: parseColor(label.color) }),
      stroke: new Stroke({ color: parseColor(label.haloColor), width: 3 }),
      placement: onLine ? 'line' : 'point',
      // A line label only where it fits along the line: no names spilling over short segments.
      overflow: false,
      ...(geometryType === 'Point' ? { offsetY: -label.size } : {}),
      ...(onLine ? { maxAngle: Math.PI / 5, repeat: 600 } : {}),
    }),
    zIndex: 1,
  });
}

export interface StyleParts {
  readonly symbols: boolean;
  readonly labels: boolean;
}

export { THIN_LINES_ABOVE };

/** Code → style (a categorized layer) or one style (single), at normal or thin line width. */
function symbolLookup(layer: LayerInfo, thin: boolean): (feature: FeatureLike) => Style {
  const style = layer.style;
  const adjust = (symbol: LayerSymbol): LayerSymbol => (thin && layer.geometryType === 'LineString' ? thinnerLine(symbol) : symbol);
  if (style.kind === 'single') {
    const single = symbolStyle(adjust(style.symbol), layer.geometryType);
    return () => single;
  }
  const fallback = symbolStyle(adjust(style.fallback), layer.geometryType);
  const byCode = new Map<string, Style>();
  for (const [code, color] of categoryColors(layer)) {
    byCode.set(code, symbolStyle(adjust(categorySymbol(style.base, color, layer.geometryType)), layer.geometryType));
  }
  const field = style.field;
  return (feature) => byCode.get(String(feature.get(field))) ?? fallback;
}

/** The layer's style: its symbols, its labels, or both. */
export function layerStyleFunction(layer: LayerInfo, parts: StyleParts = { symbols: true, labels: true }): StyleFunction {
  const normal = symbolLookup(layer, false);
  const thin = layer.geometryType === 'LineString' ? symbolLookup(layer, true) : normal;
  const symbolFor = (feature: FeatureLike, resolution: number): Style => (resolution > THIN_LINES_ABOVE ? thin : normal)(feature);
  const label = parts.labels ? layer.style.label : undefined;
  if (!label) return parts.symbols ? symbolFor : () => undefined;
  const text = labelStyle(label, layer.geometryType);
  return (feature, resolution) => {
    const symbol = parts.symbols ? symbolFor(feature, resolution) : undefined;
    if (resolution > label.maxResolution) return symbol;
    const value = feature.get(label.field) as unknown;
    if (value === null || value === undefined || value === '') return symbol;
    // One shared Text per layer, its text set per feature: OpenLayers reads it synchronously.
    text.getText()?.setText(String(value));
    return symbol ? [symbol, text] : text;
  };
}
