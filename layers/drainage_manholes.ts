import { DRAINAGE_SYSTEMS } from './codelists/drainage-systems.js';
import { MANHOLE_KINDS } from './codelists/manhole-kinds.js';
import { TEXT_SHORT, codeField, statusField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';
import { manholeInvertAboveRim } from './rules/manhole-invert-above-rim.js';

/** Manholes, storm inlets and outfalls (hố ga, hố thu, cửa xả). */
export const drainageManholes: LayerDefinition = {
  id: 'drainage_manholes',
  label: { vi: 'Hố ga, cửa xả', en: 'Manholes and outfalls' },
  group: 'drainage',
  geometryType: 'Point',
  fields: [
    codeField({ vi: 'Mã hố', en: 'Structure code' }),
    {
      key: 'kind',
      label: { vi: 'Loại hố', en: 'Structure kind' },
      type: 'text',
      required: true,
      codeList: MANHOLE_KINDS,
      maxLength: TEXT_SHORT,
    },
    {
      key: 'system',
      label: { vi: 'Hệ thống thoát nước', en: 'Drainage system' },
      type: 'text',
      codeList: DRAINAGE_SYSTEMS,
      maxLength: TEXT_SHORT,
    },
    {
      key: 'rim_level_m',
      label: { vi: 'Cao độ nắp', en: 'Rim (cover) level' },
      type: 'real',
      unit: 'm (cao độ)',
      required: true,
    },
    {
      key: 'invert_level_m',
      label: { vi: 'Cao độ đáy', en: 'Invert level' },
      type: 'real',
      unit: 'm (cao độ)',
      required: true,
    },
    {
      key: 'depth_m',
      label: { vi: 'Chiều sâu', en: 'Depth' },
      type: 'real',
      unit: 'm',
      derived: true,
      description: { vi: 'Cao độ nắp trừ cao độ đáy.', en: 'Rim level minus invert level.' },
    },
    statusField(false),
  ],
  style: {
    kind: 'categorized',
    field: 'kind',
    base: { point: { shape: 'circle', size: 7, fill: { color: '#6b4423' }, stroke: { color: '#ffffff', width: 1 } } },
    fallback: { point: { shape: 'circle', size: 6, fill: { color: '#9e9e9e' }, stroke: { color: '#ffffff', width: 1 } } },
    label: label('code', 0.3, { size: 10, color: '#5a3a1e' }),
  },
  rules: [manholeInvertAboveRim, duplicateGeometry('drainage_manholes')],
};
