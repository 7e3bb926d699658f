/** VALVE_NOT_ON_MAIN: a valve standing off every water main (more than 5 cm away): it closes nothing. */
import type { LayerRule } from '../types.js';
import { boxAround, distanceToLine } from './planar.js';
import { NETWORK_SNAP_M, en, finding, lineOf, pointOf, vi } from './support.js';

/** How far to look for the nearest main, to say how far off the valve is. */
const LOOK_M = 50;

export const valveNotOnMain: LayerRule = {
  code: 'VALVE_NOT_ON_MAIN',
  severity: 'error',
  title: { vi: 'Van không nằm trên ống cấp nước', en: 'Valve not on a water main' },
  reads: ['water_mains'],
  check(valve, ctx) {
    const p = pointOf(valve.geometry);
    if (!p) return [];
    let nearest = Infinity;
    for (const main of ctx.featuresIn('water_mains', boxAround(p, LOOK_M))) {
      const coords = lineOf(main.geometry);
      if (coords) nearest = Math.min(nearest, distanceToLine(p, coords));
      if (nearest <= NETWORK_SNAP_M) return [];
    }
    const far = Number.isFinite(nearest);
    return [
      finding(
        far
          ? { vi: `Van cách ống cấp nước gần nhất ${vi(nearest, 2)} m`, en: `Valve is ${en(nearest, 2)} m off the nearest main` }
          : { vi: `Không có ống cấp nước nào trong vòng ${LOOK_M} m quanh van`, en: `No main within ${LOOK_M} m of the valve` },
        far ? { distance_m: Number(nearest.toFixed(3)) } : { distance_m: `>${LOOK_M}` },
      ),
    ];
  },
};
