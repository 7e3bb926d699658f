/**
 * PIPE_DANGLING: a drainage pipe with an end on no manhole, inlet or outfall (within 5 cm):
 * water reaching it has nowhere to go, or it collects nothing.
 */
import type { LayerRule, RuleContext } from '../types.js';
import { boxAround, distance, type P } from './planar.js';
import { NETWORK_SNAP_M, at, endsOf, finding, lineOf, pointOf } from './support.js';

function onManhole(ctx: RuleContext, p: P): boolean {
  for (const m of ctx.featuresIn('drainage_manholes', boxAround(p, NETWORK_SNAP_M))) {
    const q = pointOf(m.geometry);
    if (q && distance(p, q) <= NETWORK_SNAP_M) return true;
  }
  return false;
}

export const pipeDangling: LayerRule = {
  code: 'PIPE_DANGLING',
  severity: 'warning',
  title: { vi: 'Cống có đầu không nối vào hố ga', en: 'Pipe end on no manhole' },
  reads: ['drainage_manholes'],
  check(pipe, ctx) {
    const coords = lineOf(pipe.geometry);
    if (!coords || coords.length < 2) return [];
    return endsOf(coords)
      .filter((e) => !onManhole(ctx, e.p))
      .map((e) =>
        finding(
          {
            vi: `${e.end === 'start' ? 'Đầu' : 'Cuối'} cống tại ${at(e.p).vi} không nối vào hố ga nào`,
            en: `The ${e.end === 'start' ? 'upstream' : 'downstream'} end at ${at(e.p).en} is on no manhole`,
          },
          { end: e.end, x: e.p[0] as number, y: e.p[1] as number },
        ),
      );
  },
};
