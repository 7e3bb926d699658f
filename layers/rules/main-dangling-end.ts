/**
 * MAIN_DANGLING_END: a water main with an end that joins nothing: no other main, valve or
 * hydrant within 5 cm. Mains are broken where they meet and closed with a valve (a washout at a
 * dead end), so a loose end is a main drawn short or past the one it should join.
 */
import type { LayerRule, RuleContext } from '../types.js';
import { boxAround, distance, distanceToLine, type P } from './planar.js';
import { NETWORK_SNAP_M, at, endsOf, finding, lineOf, pointOf } from './support.js';

function joined(ctx: RuleContext, self: string, p: P): boolean {
  const box = boxAround(p, NETWORK_SNAP_M);
  for (const main of ctx.featuresIn('water_mains', box)) {
    const coords = lineOf(main.geometry);
    if (main.uuid !== self && coords && distanceToLine(p, coords) <= NETWORK_SNAP_M) return true;
  }
  for (const layer of ['water_valves', 'water_hydrants'] as const) {
    for (const node of ctx.featuresIn(layer, box)) {
      const q = pointOf(node.geometry);
      if (q && distance(p, q) <= NETWORK_SNAP_M) return true;
    }
  }
  return false;
}

export const mainDanglingEnd: LayerRule = {
  code: 'MAIN_DANGLING_END',
  severity: 'warning',
  title: { vi: 'Ống cấp nước có đầu hở (không nối)', en: 'Water main with a dangling end' },
  reads: ['water_valves', 'water_hydrants'],
  check(main, ctx) {
    const coords = lineOf(main.geometry);
    if (!coords || coords.length < 2) return [];
    return endsOf(coords)
      .filter((e) => !joined(ctx, main.uuid, e.p))
      .map((e) =>
        finding(
          {
            vi: `${e.end === 'start' ? 'Đầu' : 'Cuối'} ống tại ${at(e.p).vi} không nối với ống, van hay trụ nào`,
            en: `The ${e.end} at ${at(e.p).en} joins no main, valve or hydrant`,
          },
          { end: e.end, x: e.p[0] as number, y: e.p[1] as number },
        ),
      );
  },
};
