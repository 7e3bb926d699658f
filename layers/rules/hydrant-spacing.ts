/**
 * HYDRANT_SPACING: two fire hydrants more than 150 m apart along the main that carries them
 * (QCVN 01:2021 §2.10.5): from each hydrant the walk goes both ways along its main and on
 * through meeting points into the main that continues it straightest (a street's main), to the
 * next hydrant. Reported once per pair, on the older hydrant (smaller uuid), naming the next.
 * A main's stretch before its first hydrant or after its last is not a gap between two.
 */
import { HYDRANT_MAX_SPACING_M } from '../standards/qcvn01.js';
import type { LayerRule, RuleContext, RuleFeature } from '../types.js';
import { projectOnLine } from './planar.js';
import { NETWORK_SNAP_M, en, finding, lineOf, pointOf, textOf, vi } from './support.js';
import { continuation, hydrantsOn, mainLength, mainsNear, type End } from './water-network.js';

/** Walks give up after this many metres (a street longer than any district). */
const MAX_WALK_M = 20_000;

/** The next hydrant from station `from` on `main`, walking towards its end `towards`; its distance along the network. */
function nextHydrant(ctx: RuleContext, start: RuleFeature, main: RuleFeature, from: number, towards: End): { hydrant: RuleFeature; distance: number } | undefined {
  let current = main;
  let station = from;
  let dir = towards;
  let walked = 0;
  const seen = new Set<string>();
  for (;;) {
    seen.add(current.uuid);
    const length = mainLength(ctx, current);
    const on = hydrantsOn(ctx, current);
    if (dir === 1) {
      for (const h of on) if (h.station > station && h.hydrant.uuid !== start.uuid) return { hydrant: h.hydrant, distance: walked + h.station - station };
      walked += length - station;
    } else {
      for (let k = on.length - 1; k >= 0; k--) {
        const h = on[k] as (typeof on)[number];
        if (h.station < station && h.hydrant.uuid !== start.uuid) return { hydrant: h.hydrant, distance: walked + station - h.station };
      }
      walked += station;
    }
    if (walked > MAX_WALK_M) return undefined;
    const next = continuation(ctx, current, dir);
    if (!next || seen.has(next.main.uuid)) return undefined;
    current = next.main;
    // Entering at its first vertex, walk towards its last, and the other way round.
    dir = next.end === 0 ? 1 : 0;
    station = next.end === 0 ? 0 : mainLength(ctx, current);
  }
}

export const hydrantSpacing: LayerRule = {
  code: 'HYDRANT_SPACING',
  severity: 'error',
  title: { vi: 'Khoảng cách giữa hai trụ cứu hỏa vượt 150 m', en: 'Fire hydrants more than 150 m apart' },
  reads: ['water_mains'],
  check(hydrant, ctx) {
    const p = pointOf(hydrant.geometry);
    if (!p) return [];
    const main = mainsNear(ctx, p, NETWORK_SNAP_M)[0];
    const coords = main ? lineOf(main.geometry) : undefined;
    if (!main || !coords) return [];
    const station = projectOnLine(p, coords).station;
    const out = [];
    const reported = new Set<string>();
    for (const towards of [1, 0] as const) {
      const next = nextHydrant(ctx, hydrant, main, station, towards);
      if (!next || next.distance <= HYDRANT_MAX_SPACING_M + 1e-6 || next.hydrant.uuid < hydrant.uuid || reported.has(next.hydrant.uuid)) continue;
      reported.add(next.hydrant.uuid);
      const code = textOf(next.hydrant, 'code') ?? next.hydrant.uuid;
      out.push(
        finding(
          {
            vi: `Trụ cứu hỏa kế tiếp (${code}) cách ${vi(next.distance)} m theo tuyến ống, vượt tối đa ${HYDRANT_MAX_SPACING_M} m (QCVN 01:2021)`,
            en: `The next hydrant (${code}) is ${en(next.distance)} m away along the main, more than the ${HYDRANT_MAX_SPACING_M} m maximum (QCVN 01:2021)`,
          },
          { spacing_m: Number(next.distance.toFixed(1)), max_m: HYDRANT_MAX_SPACING_M, next_uuid: next.hydrant.uuid },
        ),
      );
    }
    return out;
  },
};
