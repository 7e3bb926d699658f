/**
 * PIPE_DIAMETER_DECREASES: a drainage pipe narrower than a pipe flowing into its upstream
 * manhole: gravity sewers do not narrow downstream. Inflows are the pipes whose downstream
 * manhole is this pipe's upstream one (by uuid, or by their end point where uuids are not
 * kept). Pipes drawn against the flow (PIPE_NEGATIVE_SLOPE) say nothing about the direction
 * and are left out on both sides.
 */
import type { LayerRule, RuleContext, RuleFeature } from '../types.js';
import { boxAround, distance, type P } from './planar.js';
import { NETWORK_SNAP_M, finding, lineOf, numberOf, textOf } from './support.js';
import { risingInverts } from './pipe-negative-slope.js';

function inflows(ctx: RuleContext, pipe: RuleFeature): RuleFeature[] {
  const manhole = textOf(pipe, 'upstream_manhole');
  if (manhole) return ctx.featuresWhere('drainage_pipes', { downstream_manhole: manhole }).filter((p) => p.uuid !== pipe.uuid);
  const start = lineOf(pipe.geometry)?.[0];
  if (!start) return [];
  const out: RuleFeature[] = [];
  for (const other of ctx.featuresIn('drainage_pipes', boxAround(start, NETWORK_SNAP_M))) {
    const coords = lineOf(other.geometry);
    if (other.uuid !== pipe.uuid && coords && distance(coords[coords.length - 1] as P, start) <= NETWORK_SNAP_M) out.push(other);
  }
  return out;
}

export const pipeDiameterDecreases: LayerRule = {
  code: 'PIPE_DIAMETER_DECREASES',
  severity: 'warning',
  title: { vi: 'Đường kính cống giảm về phía hạ lưu', en: 'Pipe diameter decreases downstream' },
  reads: ['drainage_manholes'],
  check(pipe, ctx) {
    const diameter = numberOf(pipe, 'diameter_mm');
    if (diameter === undefined || risingInverts(ctx, pipe)) return [];
    let widest: RuleFeature | undefined;
    for (const q of inflows(ctx, pipe)) {
      const d = numberOf(q, 'diameter_mm');
      if (d === undefined || d <= diameter || risingInverts(ctx, q)) continue;
      if (!widest || d > (numberOf(widest, 'diameter_mm') as number)) widest = q;
    }
    if (!widest) return [];
    const upstream = numberOf(widest, 'diameter_mm') as number;
    const code = textOf(widest, 'code');
    return [
      finding(
        {
          vi: `Cống D${diameter} nằm sau cống D${upstream}${code ? ` (${code})` : ''}: đường kính giảm về phía hạ lưu`,
          en: `D${diameter} pipe downstream of a D${upstream} pipe${code ? ` (${code})` : ''}: the diameter decreases downstream`,
        },
        { diameter_mm: diameter, upstream_diameter_mm: upstream, upstream_pipe_uuid: widest.uuid },
      ),
    ];
  },
};
