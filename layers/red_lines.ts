import { RED_LINE_TYPES } from './codelists/red-line-types.js';
import { TEXT_NAME, TEXT_SHORT, planCodeField, statusField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';
import { zeroLengthLine } from './rules/zero-length-line.js';

/** Red lines (chỉ giới đường đỏ) and building lines (chỉ giới xây dựng) of approved plans. */
export const redLines: LayerDefinition = {
  id: 'red_lines',
  label: { vi: 'Chỉ giới đường đỏ, chỉ giới xây dựng', en: 'Red lines and building lines' },
  group: 'transport',
  geometryType: 'LineString',
  fields: [
    {
      key: 'line_type',
      label: { vi: 'Loại chỉ giới', en: 'Line type' },
      type: 'text',
      required: true,
      codeList: RED_LINE_TYPES,
      maxLength: TEXT_SHORT,
    },
    { key: 'road_name', label: { vi: 'Tên đường', en: 'Road name' }, type: 'text', maxLength: TEXT_NAME },
    {
      key: 'red_line_width_m',
      label: { vi: 'Lộ giới', en: 'Right-of-way width' },
      type: 'real',
      unit: 'm',
      min: 1,
      max: 200,
    },
    planCodeField,
    statusField(false),
  ],
  style: {
    kind: 'categorized',
    field: 'line_type',
    base: { stroke: { color: '#e00000', width: 1.5, dash: [10, 4] } },
    fallback: { stroke: { color: '#e00000', width: 1, dash: [2, 3] } },
    label: label('road_name', 1, { placement: 'line', size: 10, color: '#b00000' }),
  },
  rules: [zeroLengthLine, duplicateGeometry('red_lines')],
};
