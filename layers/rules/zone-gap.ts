/**
 * ZONE_GAP: two zones that nearly meet, leaving a sliver no street or path fits in: a vertex of
 * one lies outside the other but within 1 m of its edge (farther than the 1 cm that counts as
 * touching). Reported once per pair, on the newer zone; pairs that overlap are ZONE_OVERLAP's.
 */
import type { LayerRule } from '../types.js';
import { distanceToLine, pointInRing, type P } from './planar.js';
import { EDGE_TOLERANCE_M, en, finding, outerRing, textOf, vi } from './support.js';
import { MIN_OVERLAP_M2, olderZonesNear, zoneOverlapArea } from './zone-overlap.js';

/** Narrower than any street or alley (QCVN's narrowest paths are wider): a gap this narrow is a drawing slip. */
export const MAX_GAP_M = 1;

/** The narrowest gap between two rings: the least distance of a vertex outside the other ring, within (tolerance, MAX_GAP_M]. */
function narrowestGap(a: readonly P[], b: readonly P[]): number | undefined {
  let best: number | undefined;
  for (const [from, to] of [[a, b], [b, a]] as const) {
    for (const p of from) {
      const d = distanceToLine(p, to);
      if (d <= EDGE_TOLERANCE_M || d > MAX_GAP_M || pointInRing(p, to)) continue;
      if (best === undefined || d < best) best = d;
    }
  }
  return best;
}

export const zoneGap: LayerRule = {
  code: 'ZONE_GAP',
  severity: 'warning',
  title: { vi: 'Khe hở hẹp giữa các ô đất quy hoạch', en: 'Sliver gap between zones' },
  check(zone, ctx) {
    const ring = outerRing(zone.geometry);
    if (!ring) return [];
    const out = [];
    for (const other of olderZonesNear(ctx, zone, MAX_GAP_M)) {
      const oring = outerRing(other.geometry);
      if (!oring) continue;
      const gap = narrowestGap(ring, oring);
      if (gap === undefined || zoneOverlapArea(ctx, zone, other) > MIN_OVERLAP_M2) continue;
      const name = textOf(other, 'zone_code') ?? other.uuid;
      out.push(
        finding(
          { vi: `Khe hở ${vi(gap, 2)} m với ô đất ${name}: ranh giới hai ô đất gần như trùng nhưng không khớp`, en: `A ${en(gap, 2)} m gap to zone ${name}: the two boundaries nearly meet but do not` },
          { gap_m: Number(gap.toFixed(3)), other_uuid: other.uuid, ...(textOf(other, 'zone_code') ? { other_zone: name } : {}) },
        ),
      );
    }
    return out;
  },
};
