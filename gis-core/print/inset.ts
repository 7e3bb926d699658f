/** The inset overview: the whole project small (zoning and roads, no labels) with the sheet's map frame outlined in red. */
import type { LayerId } from '../../layers/types.js';
import type { Project } from '../store/project.js';
import type { BBox } from '../store/types.js';
import { renderSvgMapDetailed } from './svg-map.js';

const INSET_LAYERS: readonly LayerId[] = ['zoning', 'roads'];

/** The union of the project's layer extents (null for an empty project). */
export function projectExtent(project: Project): BBox | null {
  let out: BBox | null = null;
  for (const { extent } of project.layers()) {
    if (!extent) continue;
    out = out ? [Math.min(out[0], extent[0]), Math.min(out[1], extent[1]), Math.max(out[2], extent[2]), Math.max(out[3], extent[3])] : [...extent];
  }
  return out;
}

/** The inset, `widthMm × heightMm`, showing the project (padded 5 %) and the sheet's frame. */
export function insetSvg(project: Project, sheetExtent: BBox, widthMm: number, heightMm: number): string {
  const whole = projectExtent(project) ?? sheetExtent;
  // The frame may lie partly outside the project: show both.
  const both: BBox = [
    Math.min(whole[0], sheetExtent[0]),
    Math.min(whole[1], sheetExtent[1]),
    Math.max(whole[2], sheetExtent[2]),
    Math.max(whole[3], sheetExtent[3]),
  ];
  const pad = Math.max(both[2] - both[0], both[3] - both[1]) * 0.05;
  const extent: BBox = [both[0] - pad, both[1] - pad, both[2] + pad, both[3] + pad];
  const map = renderSvgMapDetailed(project, { extent, widthMm, heightMm, layers: INSET_LAYERS, labels: false, idPrefix: 'inset', background: '#fafafa' });
  const [sx0, , , sy1] = map.shownExtent;
  const k = 1 / map.metresPerMm;
  const rect =
    `<rect class="inset-frame" x="${((sheetExtent[0] - sx0) * k).toFixed(2)}" y="${((sy1 - sheetExtent[3]) * k).toFixed(2)}"` +
    ` width="${((sheetExtent[2] - sheetExtent[0]) * k).toFixed(2)}" height="${((sheetExtent[3] - sheetExtent[1]) * k).toFixed(2)}"` +
    ` fill="#d0021b" fill-opacity="0.2" stroke="#d0021b" stroke-width="0.8"/>`;
  // The outline goes inside the map's own <svg>, over its layers.
  return map.svg.replace(/<\/svg>$/, `${rect}<rect x="0" y="0" width="${widthMm}" height="${heightMm}" fill="none" stroke="#000" stroke-width="0.3"/></svg>`);
}
