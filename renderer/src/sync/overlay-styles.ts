/**
 * How sync draws on the map: the preview's changes in one colour per kind (insert green,
 * update orange, delete red dashed) and a conflict's three geometries side by side (base grey
 * dashed, mine blue, the server's magenta). The panel's legends use the same colours.
 */
import CircleStyle from 'ol/style/Circle.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import type { GeoJSONGeometry } from '../../../layers/types.js';

export type OverlayRole = 'insert' | 'update' | 'delete' | 'base' | 'mine' | 'theirs' | 'location';

/** One thing drawn: an id (the list item it belongs to), its role (its style), its geometry (project CRS). */
export interface OverlayItem {
  readonly id: string;
  readonly role: OverlayRole;
  readonly geometry: GeoJSONGeometry;
}

export const ROLE_COLORS: Readonly<Record<OverlayRole, string>> = {
  insert: '#2e7d32',
  update: '#ef6c00',
  delete: '#c62828',
  base: '#616161',
  mine: '#1565c0',
  theirs: '#c2185b',
  location: '#6a1b9a',
};

const ROLE_DASH: Partial<Record<OverlayRole, number[]>> = { delete: [8, 6], base: [6, 5] };
/** Drawn under the others, so a base under an unchanged side stays visible as its dashes. */
const ROLE_WIDTH: Readonly<Record<OverlayRole, number>> = { insert: 3, update: 3, delete: 3, base: 5, mine: 3, theirs: 3, location: 3 };

function fillOf(color: string, alpha: number): string {
  const n = Number.parseInt(color.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

const cache = new Map<string, Style[]>();

export function overlayStyle(role: OverlayRole, selected: boolean): Style[] {
  const key = `${role}:${selected}`;
  const known = cache.get(key);
  if (known) return known;
  const color = ROLE_COLORS[role];
  const width = ROLE_WIDTH[role] + (selected ? 2 : 0);
  const dash = ROLE_DASH[role];
  const styles = [
    // A light halo so the colour reads over any layer.
    new Style({ stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.85)', width: width + 3 }) }),
    new Style({
      stroke: new Stroke({ color, width, ...(dash ? { lineDash: dash } : {}) }),
      fill: new Fill({ color: fillOf(color, selected ? 0.3 : role === 'base' ? 0.06 : 0.16) }),
      image: new CircleStyle({
        radius: selected ? 10 : 7,
        stroke: new Stroke({ color, width: 3, ...(dash ? { lineDash: [3, 3] } : {}) }),
        fill: new Fill({ color: fillOf(color, 0.35) }),
      }),
    }),
  ];
  cache.set(key, styles);
  return styles;
}
