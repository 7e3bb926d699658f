/**
 * SETBACK_TOO_SMALL: a zone's setback (setback_m) smaller than QCVN 01:2021 Table 2.7 asks for
 * its maximum height on the narrowest street around or inside it (the strict reading: every
 * building of the zone may face that street). The streets are the red lines running along the
 * zone's edge (within 0.5 m) or inside it, with their right-of-way width.
 */
import { requiredSetback } from '../standards/qcvn01.js';
import type { LayerRule, RuleContext, RuleFeature } from '../types.js';
import { isBuildableZone } from './lookups.js';
import { growBox, insideOrOn } from './planar.js';
import { boxOf, en, finding, lineOf, numberOf, outerRing, textOf, vi } from './support.js';

/** A red line this close to a zone's edge runs along it (red lines across the street are a road width away). */
const ALONG_M = 0.5;

/** The narrowest red line (width, road name) along or inside a zone; undefined when none. */
export function narrowestStreet(ctx: RuleContext, zone: RuleFeature): { width: number; road: string } | undefined {
  const ring = outerRing(zone.geometry);
  if (!ring) return undefined;
  let best: { width: number; road: string } | undefined;
  for (const line of ctx.featuresIn('red_lines', growBox(boxOf(zone.geometry), ALONG_M))) {
    if (textOf(line, 'line_type') !== 'red_line') continue;
    const width = numberOf(line, 'red_line_width_m');
    const coords = lineOf(line.geometry);
    if (width === undefined || !coords || (best && width >= best.width)) continue;
    if (coords.every((p) => insideOrOn(p, ring, ALONG_M))) best = { width, road: textOf(line, 'road_name') ?? '' };
  }
  return best;
}

export const setbackTooSmall: LayerRule = {
  code: 'SETBACK_TOO_SMALL',
  severity: 'error',
  title: { vi: 'Khoảng lùi nhỏ hơn QCVN 01:2021 Bảng 2.7', en: 'Setback below QCVN 01:2021 Table 2.7' },
  reads: ['red_lines'],
  check(zone, ctx) {
    const setback = numberOf(zone, 'setback_m');
    const height = numberOf(zone, 'max_height_m');
    if (setback === undefined || height === undefined || !isBuildableZone(zone)) return [];
    const street = narrowestStreet(ctx, zone);
    if (!street) return [];
    const required = requiredSetback(street.width, height);
    if (setback >= required - 1e-9) return [];
    const road = street.road ? ` ${street.road}` : '';
    return [
      finding(
        {
          vi: `Khoảng lùi ${vi(setback)} m nhỏ hơn ${vi(required)} m theo QCVN 01:2021 Bảng 2.7 (công trình cao ${vi(height)} m, đường${road} lộ giới ${vi(street.width)} m)`,
          en: `Setback ${en(setback)} m is below the ${en(required)} m QCVN 01:2021 Table 2.7 requires (${en(height)} m buildings, street${road} ${en(street.width)} m wide)`,
        },
        { setback_m: setback, required_m: required, max_height_m: height, road_width_m: street.width, ...(street.road ? { road: street.road } : {}) },
      ),
    ];
  },
};
