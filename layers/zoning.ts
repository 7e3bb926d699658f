import { LAND_LAW_CODES } from './codelists/land-law-codes.js';
import { PLANNING_FUNCTIONS } from './codelists/planning-functions.js';
import { TEXT_SHORT, nameField, noteField, planCodeField, statusField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';
import { invalidPolygon } from './rules/invalid-polygon.js';
import { setbackTooSmall } from './rules/setback-too-small.js';
import { zoneCrossesRedLine } from './rules/zone-crosses-red-line.js';
import { zoneGap } from './rules/zone-gap.js';
import { zoneOverlap } from './rules/zone-overlap.js';
import { zoningDensityMax } from './rules/zoning-density-max.js';
import { zoningFarMax } from './rules/zoning-far-max.js';
import { zoningIndicatorsMissing } from './rules/zoning-indicators-missing.js';

/** Planning land-use zones (ô đất quy hoạch) with their planning controls (chỉ tiêu quy hoạch). */
export const zoning: LayerDefinition = {
  id: 'zoning',
  label: { vi: 'Quy hoạch sử dụng đất', en: 'Planning land-use zones' },
  group: 'planning',
  geometryType: 'Polygon',
  fields: [
    {
      key: 'zone_code',
      label: { vi: 'Ký hiệu ô đất', en: 'Plot code' },
      type: 'text',
      required: true,
      maxLength: TEXT_SHORT,
      description: {
        vi: 'Ký hiệu chức năng và số thứ tự ô đất, ví dụ OM-01.',
        en: 'Function symbol and plot number, e.g. OM-01.',
      },
    },
    nameField({ vi: 'Tên ô đất', en: 'Plot name' }),
    {
      key: 'function_code',
      label: { vi: 'Chức năng sử dụng đất', en: 'Land-use function' },
      type: 'text',
      required: true,
      codeList: PLANNING_FUNCTIONS,
      maxLength: TEXT_SHORT,
    },
    {
      key: 'land_law_code',
      label: { vi: 'Loại đất (mã Luật Đất đai)', en: 'Land category (Land Law code)' },
      type: 'text',
      required: true,
      codeList: LAND_LAW_CODES,
      maxLength: TEXT_SHORT,
    },
    statusField(true),
    {
      key: 'area_m2',
      label: { vi: 'Diện tích', en: 'Area' },
      type: 'real',
      unit: 'm²',
      min: 0,
      derived: true,
    },
    {
      key: 'max_density_pct',
      label: { vi: 'Mật độ xây dựng tối đa', en: 'Maximum building coverage' },
      type: 'real',
      unit: '%',
      min: 0,
      max: 100,
    },
    {
      key: 'max_far',
      label: { vi: 'Hệ số sử dụng đất tối đa', en: 'Maximum floor area ratio (FAR)' },
      type: 'real',
      unit: 'lần',
      min: 0,
      max: 20,
    },
    {
      key: 'min_floors',
      label: { vi: 'Tầng cao tối thiểu', en: 'Minimum number of floors' },
      type: 'integer',
      unit: 'tầng',
      min: 0,
      max: 200,
    },
    {
      key: 'max_floors',
      label: { vi: 'Tầng cao tối đa', en: 'Maximum number of floors' },
      type: 'integer',
      unit: 'tầng',
      min: 0,
      max: 200,
    },
    {
      key: 'max_height_m',
      label: { vi: 'Chiều cao công trình tối đa', en: 'Maximum building height' },
      type: 'real',
      unit: 'm',
      min: 0,
      max: 1000,
    },
    {
      key: 'setback_m',
      label: { vi: 'Khoảng lùi xây dựng tối thiểu', en: 'Minimum setback' },
      type: 'real',
      unit: 'm',
      min: 0,
      max: 200,
      description: {
        vi: 'Khoảng cách từ chỉ giới đường đỏ đến chỉ giới xây dựng.',
        en: 'Distance from the red line to the building line.',
      },
    },
    planCodeField,
    noteField,
  ],
  style: {
    kind: 'categorized',
    field: 'function_code',
    base: { fill: { color: '#ffffffa6' }, stroke: { color: '#555555', width: 0.8 } },
    fallback: { fill: { color: '#eeeeeea6' }, stroke: { color: '#555555', width: 0.8, dash: [4, 3] } },
    label: label('zone_code', 2, { size: 12 }),
  },
  rules: [
    zoningDensityMax,
    zoningFarMax,
    setbackTooSmall,
    zoningIndicatorsMissing,
    zoneOverlap,
    zoneGap,
    zoneCrossesRedLine,
    invalidPolygon,
    duplicateGeometry('zoning'),
  ],
};
