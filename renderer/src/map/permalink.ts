/**
 * The view in the page address (`#c=566202.5,1151202.5&r=2.5`: centre in the project CRS and
 * resolution in m/pixel), so a view can be bookmarked, shared in serve mode, or opened by a
 * benchmark. Replaced, not pushed: moving the map does not fill the history.
 */
import type { Coordinate } from 'ol/coordinate.js';

export interface Permalink {
  readonly center: Coordinate;
  readonly resolution: number;
}

export function readPermalink(hash: string = window.location.hash): Permalink | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const center = (params.get('c') ?? '').split(',').map(Number);
  const resolution = Number(params.get('r'));
  if (center.length !== 2 || !center.every(Number.isFinite) || !(resolution > 0)) return null;
  return { center, resolution };
}

export function writePermalink({ center, resolution }: Permalink): void {
  const hash = `#c=${center.map((v) => v.toFixed(2)).join(',')}&r=${Number(resolution.toPrecision(6))}`;
  if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
}
