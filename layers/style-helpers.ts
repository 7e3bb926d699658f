import type { LabelStyle } from './types.js';

/*
 * Small helpers for default styles.
 *
 * Categorized styles: the renderer puts the category colour into the symbol's main paint — the
 * fill of a polygon, the stroke of a line, the point fill of a point — and keeps the alpha of the
 * base colour (so a base fill of `#ffffffa6` gives a ~65 % opaque category fill). Strokes of
 * polygons and points stay as written in the base.
 */

export const HALO = '#ffffff';

export function label(
  field: string,
  maxResolution: number,
  options: { placement?: LabelStyle['placement']; size?: number; color?: string } = {},
): LabelStyle {
  return {
    field,
    maxResolution,
    color: options.color ?? '#222222',
    haloColor: HALO,
    size: options.size ?? 12,
    placement: options.placement ?? 'point',
  };
}
