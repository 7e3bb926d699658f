/**
 * ZONE_OVERLAP: two zones sharing more than 0.1 m² of ground. Reported once per pair, on the
 * newer zone (the greater uuid: uuids are time-ordered, so the one drawn over the other),
 * naming the older one.
 */
import type { LayerRule, RuleContext, RuleFeature } from '../types.js';
import { bboxOf, polygonOverlapArea } from './planar.js';
import { EDGE_TOLERANCE_M, boxOf, en, finding, outerRing, textOf, vi } from './support.js';

/** Overlaps smaller than this (m²) are digitising noise. */
export const MIN_OVERLAP_M2 = 0.1;

/** Area two zones share (m², memoised per pair); 0 when they only touch. */
export function zoneOverlapArea(ctx: RuleContext, a: RuleFeature, b: RuleFeature): number {
  const [first, second] = a.uuid < b.uuid ? [a, b] : [b, a];
  const known = ctx.memo('zone-overlaps', first, () => new Map<string, number>());
  let area = known.get(second.uuid);
  if (area === undefined) {
    area = overlapArea(first, second);
    known.set(second.uuid, area);
  }
  return area;
}

function overlapArea(first: RuleFeature, second: RuleFeature): number {
  const ra = outerRing(first.geometry);
  const rb = outerRing(second.geometry);
  if (!ra || !rb) return 0;
  // Boxes that do not overlap by more than the tolerance: the zones at most touch.
  const a = bboxOf(ra);
  const b = bboxOf(rb);
  if (Math.min(a[2], b[2]) - Math.max(a[0], b[0]) <= EDGE_TOLERANCE_M || Math.min(a[3], b[3]) - Math.max(a[1], b[1]) <= EDGE_TOLERANCE_M) return 0;
  return polygonOverlapArea(ra, rb, EDGE_TOLERANCE_M);
}

/** Zones older than `zone` (smaller uuid) whose box meets its box. */
export function olderZonesNear(ctx: RuleContext, zone: RuleFeature, grow = 0): RuleFeature[] {
  const b = boxOf(zone.geometry);
  const out: RuleFeature[] = [];
  for (const other of ctx.featuresIn('zoning', [b[0] - grow, b[1] - grow, b[2] + grow, b[3] + grow])) {
    if (other.uuid < zone.uuid) out.push(other);
  }
  return out.sort((x, y) => (x.uuid < y.uuid ? -1 : 1));
}

export const zoneOverlap: LayerRule = {
  code: 'ZONE_OVERLAP',
  severity: 'error',
  title: { vi: 'Các ô đất quy hoạch chồng lấn nhau', en: 'Zones overlap' },
  check(zone, ctx) {
    const out = [];
    for (const other of olderZonesNear(ctx, zone)) {
      const area = zoneOverlapArea(ctx, zone, other);
      if (area <= MIN_OVERLAP_M2) continue;
      const name = textOf(other, 'zone_code') ?? other.uuid;
      out.push(
        finding(
          { vi: `Chồng lấn ${vi(area)} m² với ô đất ${name}`, en: `Overlaps zone ${name} by ${en(area)} m²` },
          { overlap_m2: Number(area.toFixed(2)), other_uuid: other.uuid, ...(textOf(other, 'zone_code') ? { other_zone: name } : {}) },
        ),
      );
    }
    return out;
  },
};
