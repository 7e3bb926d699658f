import { VALVE_STATES } from './codelists/valve-states.js';
import { VALVE_TYPES } from './codelists/valve-types.js';
import { TEXT_SHORT, codeField, diameterField, statusField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';
import { valveNotOnMain } from './rules/valve-not-on-main.js';

/** Valves on the water network (van). */
export const waterValves: LayerDefinition = {
  id: 'water_valves',
  label: { vi: 'Van cấp nước', en: 'Water valves' },
  group: 'water',
  geometryType: 'Point',
  fields: [
    codeField({ vi: 'Mã van', en: 'Valve code' }),
    {
      key: 'valve_type',
      label: { vi: 'Loại van', en: 'Valve type' },
      type: 'text',
      codeList: VALVE_TYPES,
      maxLength: TEXT_SHORT,
    },
    diameterField({ vi: 'Cỡ van (DN)', en: 'Valve size (DN)' }, 15, 2000),
    {
      key: 'normal_state',
      label: { vi: 'Trạng thái vận hành thường xuyên', en: 'Normal operating state' },
      type: 'text',
      codeList: VALVE_STATES,
      maxLength: TEXT_SHORT,
    },
    statusField(false),
  ],
  style: {
    kind: 'categorized',
    field: 'normal_state',
    base: { point: { shape: 'diamond', size: 8, fill: { color: '#1565c0' }, stroke: { color: '#ffffff', width: 1 } } },
    fallback: { point: { shape: 'diamond', size: 8, fill: { color: '#78909c' }, stroke: { color: '#ffffff', width: 1 } } },
    label: label('code', 0.3, { size: 10, color: '#0d47a1' }),
  },
  rules: [valveNotOnMain, duplicateGeometry('water_valves')],
};
