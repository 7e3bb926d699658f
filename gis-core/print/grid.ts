/**
 * The VN-2000 coordinate grid around the map frame: the frame's border, thin grid lines every
 * `interval` metres, ticks into the surrounding band and their coordinates in metres — eastings
 * along the top and bottom, northings (rotated) along the left and right.
 */
import type { BBox } from '../store/types.js';
import { coordinateText, gridLines, type Rect } from './layout.js';

const TICK_MM = 1.8;
const LABEL_MM = 2.4;

/** An SVG placed at (map.x − band, map.y − band), `band` mm wider on every side than the map. */
export function gridSvg(map: Rect, band: number, extent: BBox, interval: number): string {
  const w = map.width + 2 * band;
  const h = map.height + 2 * band;
  const mPerMm = (extent[2] - extent[0]) / map.width;
  const px = (x: number): number => band + (x - extent[0]) / mPerMm;
  const py = (y: number): number => band + (extent[3] - y) / mPerMm;
  const f = (v: number): string => v.toFixed(2);
  const parts: string[] = [];
  const lines: string[] = [];
  const ticks: string[] = [];
  for (const x of gridLines(extent[0], extent[2], interval)) {
    const sx = f(px(x));
    lines.push(`M${sx} ${f(band)}V${f(band + map.height)}`);
    ticks.push(`M${sx} ${f(band)}v${-TICK_MM}M${sx} ${f(band + map.height)}v${TICK_MM}`);
    parts.push(`<text class="grid-x" x="${sx}" y="${f(band - TICK_MM - 0.6)}" text-anchor="middle">${coordinateText(x)}</text>`);
    parts.push(`<text class="grid-x" x="${sx}" y="${f(band + map.height + TICK_MM + 0.6 + LABEL_MM * 0.8)}" text-anchor="middle">${coordinateText(x)}</text>`);
  }
  for (const y of gridLines(extent[1], extent[3], interval)) {
    const sy = f(py(y));
    lines.push(`M${f(band)} ${sy}H${f(band + map.width)}`);
    ticks.push(`M${f(band)} ${sy}h${-TICK_MM}M${f(band + map.width)} ${sy}h${TICK_MM}`);
    const lx = band - TICK_MM - 0.6;
    const rx = band + map.width + TICK_MM + 0.6;
    parts.push(`<text class="grid-y" x="${f(lx)}" y="${sy}" text-anchor="middle" transform="rotate(-90 ${f(lx)} ${sy})">${coordinateText(y)}</text>`);
    parts.push(`<text class="grid-y" x="${f(rx)}" y="${sy}" text-anchor="middle" transform="rotate(90 ${f(rx)} ${sy})">${coordinateText(y)}</text>`);
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="grid" width="${f(w)}mm" height="${f(h)}mm" viewBox="0 0 ${f(w)} ${f(h)}" data-interval="${interval}">` +
    (lines.length ? `<path d="${lines.join('')}" fill="none" stroke="#1a1a1a" stroke-opacity="0.35" stroke-width="0.1"/>` : '') +
    `<rect x="${f(band)}" y="${f(band)}" width="${f(map.width)}" height="${f(map.height)}" fill="none" stroke="#000" stroke-width="0.35"/>` +
    (ticks.length ? `<path d="${ticks.join('')}" stroke="#000" stroke-width="0.2"/>` : '') +
    `<g font-size="${LABEL_MM}" fill="#000">${parts.join('')}</g></svg>`
  );
}
