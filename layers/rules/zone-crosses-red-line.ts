/**
 * ZONE_CROSSES_RED_LINE: a zone whose boundary crosses a red line: it reaches into a road's
 * right of way (zones end at the red lines). Water and traffic zones are left out: bridges and
 * roads cross them by design.
 */
import type { LayerRule, RuleFeature } from '../types.js';
import { crossedRedLines, isBuildableZone, roadNames } from './lookups.js';
import { finding } from './support.js';

export const zoneCrossesRedLine: LayerRule = {
  code: 'ZONE_CROSSES_RED_LINE',
  severity: 'error',
  title: { vi: 'Ô đất quy hoạch cắt qua chỉ giới đường đỏ', en: 'Zone crosses a red line' },
  reads: ['red_lines'],
  check(zone, ctx) {
    if (!isBuildableZone(zone)) return [];
    const lines = crossedRedLines(ctx, zone);
    if (lines.length === 0) return [];
    const roads = roadNames(lines);
    return [
      finding(
        {
          vi: `Ranh giới ô đất cắt qua chỉ giới đường đỏ${roads ? ` đường ${roads}` : ''}`,
          en: `Zone boundary crosses the red line${roads ? ` of ${roads}` : ''}`,
        },
        { red_line_uuid: (lines[0] as RuleFeature).uuid, red_lines: lines.length, ...(roads ? { road: roads } : {}) },
      ),
    ];
  },
};
