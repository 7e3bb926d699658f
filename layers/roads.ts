import { ROAD_CLASSES } from './codelists/road-classes.js';
import { ROAD_SURFACES } from './codelists/road-surfaces.js';
import { TEXT_SHORT, lengthField, nameField, statusField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';
import { zeroLengthLine } from './rules/zero-length-line.js';

/** Road centre lines with their planned right-of-way (lộ giới). */
export const roads: LayerDefinition = {
  id: 'roads',
  label: { vi: 'Đường giao thông', en: 'Roads' },
  group: 'transport',
  geometryType: 'LineString',
  fields: [
    nameField({ vi: 'Tên đường', en: 'Road name' }, true),
    {
      key: 'road_class',
      label: { vi: 'Cấp đường', en: 'Road class' },
      type: 'text',
      required: true,
      codeList: ROAD_CLASSES,
      maxLength: TEXT_SHORT,
    },
    {
      key: 'red_line_width_m',
      label: { vi: 'Lộ giới', en: 'Right-of-way width' },
      type: 'real',
      unit: 'm',
      required: true,
      min: 1,
      max: 200,
      description: {
        vi: 'Khoảng cách giữa hai chỉ giới đường đỏ.',
        en: 'Distance between the two red lines.',
      },
    },
    {
      key: 'carriageway_width_m',
      label: { vi: 'Bề rộng lòng đường', en: 'Carriageway width' },
      type: 'real',
      unit: 'm',
      min: 0,
      max: 150,
    },
    { key: 'lanes', label: { vi: 'Số làn xe', en: 'Number of lanes' }, type: 'integer', min: 1, max: 20 },
    {
      key: 'surface',
      label: { vi: 'Kết cấu mặt đường', en: 'Pavement surface' },
      type: 'text',
      codeList: ROAD_SURFACES,
      maxLength: TEXT_SHORT,
    },
    statusField(false),
    lengthField,
  ],
  style: {
    kind: 'categorized',
    field: 'road_class',
    base: { stroke: { color: '#000000', width: 3 } },
    fallback: { stroke: { color: '#9e9e9e', width: 2 } },
    label: label('name', 5, { placement: 'line', size: 11 }),
  },
  rules: [zeroLengthLine, duplicateGeometry('roads')],
};
