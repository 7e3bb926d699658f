import { BUILDING_USES } from './codelists/building-uses.js';
import { TEXT_SHORT, addressField, nameField, statusField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { buildingCoverageMax } from './rules/building-coverage-max.js';
import { buildingCrossesRedLine } from './rules/building-crosses-red-line.js';
import { buildingFloorsMax } from './rules/building-floors-max.js';
import { buildingOutsideParcel } from './rules/building-outside-parcel.js';
import { buildingSetbackTooSmall } from './rules/building-setback-too-small.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';
import { invalidPolygon } from './rules/invalid-polygon.js';

/** Building footprints (công trình xây dựng). */
export const buildings: LayerDefinition = {
  id: 'buildings',
  label: { vi: 'Công trình xây dựng', en: 'Buildings' },
  group: 'cadastre',
  geometryType: 'Polygon',
  fields: [
    nameField({ vi: 'Tên công trình', en: 'Building name' }),
    {
      key: 'use_code',
      label: { vi: 'Công năng', en: 'Building use' },
      type: 'text',
      required: true,
      codeList: BUILDING_USES,
      maxLength: TEXT_SHORT,
    },
    {
      key: 'floors',
      label: { vi: 'Số tầng', en: 'Number of floors' },
      type: 'integer',
      unit: 'tầng',
      required: true,
      min: 1,
      max: 100,
    },
    { key: 'height_m', label: { vi: 'Chiều cao', en: 'Height' }, type: 'real', unit: 'm', min: 0, max: 1000 },
    statusField(true),
    addressField,
  ],
  style: {
    kind: 'single',
    symbol: { fill: { color: '#c8b49acc' }, stroke: { color: '#6e5a44', width: 0.8 } },
    label: label('name', 0.5, { size: 11 }),
  },
  rules: [
    buildingCrossesRedLine,
    buildingSetbackTooSmall,
    buildingOutsideParcel,
    buildingCoverageMax,
    buildingFloorsMax,
    invalidPolygon,
    duplicateGeometry('buildings'),
  ],
};
