/**
 * The declarative symbols of layers/ (fill, stroke, point) as OpenLayers styles, and the
 * category symbols of a categorized style: the category colour goes into the main paint — the
 * fill of a polygon, the stroke of a line, the fill of a point — keeping the base's alpha
 * (layers/style-helpers.ts).
 */
import CircleStyle from 'ol/style/Circle.js';
import Fill from 'ol/style/Fill.js';
import RegularShape from 'ol/style/RegularShape.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import type { GeometryType, Symbol as LayerSymbol } from '../../../layers/types.js';
import { parseColor } from './colors.js';

type PointSymbol = NonNullable<LayerSymbol['point']>;
type StrokeSymbol = NonNullable<LayerSymbol['stroke']>;

function stroke(symbol: StrokeSymbol | undefined): Stroke | undefined {
  if (!symbol) return undefined;
  return new Stroke({
    color: parseColor(symbol.color),
    width: symbol.width,
    ...(symbol.dash ? { lineDash: [...symbol.dash] } : {}),
  });
}

function pointImage(point: PointSymbol): CircleStyle | RegularShape {
  const radius = point.size / 2;
  const fill = point.fill ? new Fill({ color: parseColor(point.fill.color) }) : undefined;
  const outline = stroke(point.stroke);
  // Symbols are always drawn (a GIS must not hide features); labels keep clear of them.
  const paint = { ...(fill ? { fill } : {}), ...(outline ? { stroke: outline } : {}), declutterMode: 'obstacle' as const };
  switch (point.shape) {
    case 'circle':
      return new CircleStyle({ radius, ...paint });
    case 'square':
      return new RegularShape({ points: 4, radius: radius * Math.SQRT2, angle: Math.PI / 4, ...paint });
    case 'triangle':
      return new RegularShape({ points: 3, radius: radius * 1.2, ...paint });
    case 'diamond':
      return new RegularShape({ points: 4, radius: radius * 1.2, angle: 0, ...paint });
    case 'cross':
      return new RegularShape({
        points: 4,
        radius,
        radius2: 0,
        angle: 0,
        stroke: outline ?? new Stroke({ color: point.fill ? parseColor(point.fill.color) : '#000000', width: 2 }),
        declutterMode: 'obstacle',
      });
  }
}

export function symbolStyle(symbol: LayerSymbol, geometryType: GeometryType): Style {
  if (geometryType === 'Point' && symbol.point) return new Style({ image: pointImage(symbol.point) });
  const fill = symbol.fill ? new Fill({ color: parseColor(symbol.fill.color) }) : undefined;
  const outline = stroke(symbol.stroke);
  return new Style({ ...(fill ? { fill } : {}), ...(outline ? { stroke: outline } : {}) });
}

/** The base symbol with a category colour put into its main paint (shared with the print map). */
export { categorySymbol } from '../../../layers/symbol-paint.js';
