/**
 * PIPE_NEGATIVE_SLOPE: a drainage pipe whose downstream invert is not below its upstream one:
 * water cannot flow by gravity the way the pipe is drawn (pipes are drawn upstream →
 * downstream). The inverts are the pipe's own, or its manholes' where the pipe has none.
 */
import type { LayerRule, RuleContext, RuleFeature } from '../types.js';
import { lineLength } from './planar.js';
import { en, finding, lineOf, numberOf, textOf, vi } from './support.js';

/** A pipe's invert at one end: its own attribute, or the invert of the manhole it names there. */
function invert(ctx: RuleContext, pipe: RuleFeature, end: 'upstream' | 'downstream'): number | undefined {
  const own = numberOf(pipe, `${end}_invert_m`);
  if (own !== undefined) return own;
  const manhole = textOf(pipe, `${end}_manhole`);
  const node = manhole ? ctx.feature('drainage_manholes', manhole) : undefined;
  return node ? numberOf(node, 'invert_level_m') : undefined;
}

/** Upstream and downstream inverts when both are known and the downstream one is not lower. */
export function risingInverts(ctx: RuleContext, pipe: RuleFeature): { up: number; down: number } | undefined {
  const up = invert(ctx, pipe, 'upstream');
  const down = invert(ctx, pipe, 'downstream');
  return up !== undefined && down !== undefined && down >= up ? { up, down } : undefined;
}

export const pipeNegativeSlope: LayerRule = {
  code: 'PIPE_NEGATIVE_SLOPE',
  severity: 'error',
  title: { vi: 'Cống dốc ngược (đáy cống cuối không thấp hơn đáy cống đầu)', en: 'Pipe slope negative (downstream invert not below upstream)' },
  reads: ['drainage_manholes'],
  check(pipe, ctx) {
    const rising = risingInverts(ctx, pipe);
    if (!rising) return [];
    const coords = lineOf(pipe.geometry);
    const length = coords ? lineLength(coords) : 0;
    const slope = length > 0 ? ((rising.up - rising.down) / length) * 100 : 0;
    return [
      finding(
        {
          vi: `Đáy cống đi lên từ ${vi(rising.up, 3)} m đến ${vi(rising.down, 3)} m trên ${vi(length, 1)} m (độ dốc ${vi(slope, 2)} %)`,
          en: `Invert rises from ${en(rising.up, 3)} m to ${en(rising.down, 3)} m over ${en(length, 1)} m (slope ${en(slope, 2)} %)`,
        },
        { upstream_invert_m: rising.up, downstream_invert_m: rising.down, slope_pct: Number(slope.toFixed(3)) },
      ),
    ];
  },
};
