/**
 * BUILDING_CROSSES_RED_LINE: a building whose outline crosses a red line (chỉ giới đường đỏ):
 * it stands partly in the road's right of way. A wall built on the red line touches it and is
 * fine.
 */
import type { LayerRule, RuleFeature } from '../types.js';
import { crossedRedLines, roadNames } from './lookups.js';
import { finding } from './support.js';

export const buildingCrossesRedLine: LayerRule = {
  code: 'BUILDING_CROSSES_RED_LINE',
  severity: 'error',
  title: { vi: 'Công trình vượt chỉ giới đường đỏ', en: 'Building crosses the red line' },
  reads: ['red_lines'],
  check(building, ctx) {
    const lines = crossedRedLines(ctx, building);
    if (lines.length === 0) return [];
    const roads = roadNames(lines);
    return [
      finding(
        {
          vi: `Công trình lấn qua chỉ giới đường đỏ${roads ? ` đường ${roads}` : ''}`,
          en: `Building reaches across the red line${roads ? ` of ${roads}` : ''}`,
        },
        { red_line_uuid: (lines[0] as RuleFeature).uuid, ...(roads ? { road: roads } : {}) },
      ),
    ];
  },
};
