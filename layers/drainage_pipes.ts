import { DRAINAGE_SYSTEMS } from './codelists/drainage-systems.js';
import { DRAINAGE_PIPE_MATERIALS } from './codelists/materials.js';
import { TEXT_SHORT, TEXT_UUID, codeField, diameterField, lengthField, statusField, yearField } from './fields.js';
import { label } from './style-helpers.js';
import type { LayerDefinition } from './types.js';
import { duplicateGeometry } from './rules/duplicate-geometry.js';
import { pipeDangling } from './rules/pipe-dangling.js';
import { pipeDiameterDecreases } from './rules/pipe-diameter-decreases.js';
import { pipeNegativeSlope } from './rules/pipe-negative-slope.js';
import { zeroLengthLine } from './rules/zero-length-line.js';

/** Drainage pipes and culverts (cống thoát nước), drawn from upstream to downstream. */
export const drainagePipes: LayerDefinition = {
  id: 'drainage_pipes',
  label: { vi: 'Cống thoát nước', en: 'Drainage pipes' },
  group: 'drainage',
  geometryType: 'LineString',
  fields: [
    codeField({ vi: 'Mã cống', en: 'Pipe code' }),
    {
      key: 'system',
      label: { vi: 'Hệ thống thoát nước', en: 'Drainage system' },
      type: 'text',
      required: true,
      codeList: DRAINAGE_SYSTEMS,
      maxLength: TEXT_SHORT,
    },
    {
      ...diameterField({ vi: 'Đường kính cống (D)', en: 'Pipe diameter' }, 100, 3000, true),
      description: {
        vi: 'Với cống hộp: bề rộng lòng cống.',
        en: 'For box culverts: the inside width.',
      },
    },
    {
      key: 'material',
      label: { vi: 'Vật liệu', en: 'Material' },
      type: 'text',
      codeList: DRAINAGE_PIPE_MATERIALS,
      maxLength: TEXT_SHORT,
    },
    {
      key: 'upstream_invert_m',
      label: { vi: 'Cao độ đáy cống đầu', en: 'Upstream invert level' },
      type: 'real',
      unit: 'm (cao độ)',
    },
    {
      key: 'downstream_invert_m',
      label: { vi: 'Cao độ đáy cống cuối', en: 'Downstream invert level' },
      type: 'real',
      unit: 'm (cao độ)',
    },
    lengthField,
    {
      key: 'slope_pct',
      label: { vi: 'Độ dốc đáy cống (%)', en: 'Invert slope (%)' },
      type: 'real',
      unit: '%',
      derived: true,
      description: {
        vi: 'Tính theo phần trăm (%), không phải phần nghìn (‰): 0,2 % = 2 ‰. Dương khi đáy cống đi xuống theo chiều vẽ.',
        en: 'In per cent (%), not per mille (‰): 0.2 % = 2 ‰. Positive when the invert falls along the drawing direction.',
      },
    },
    {
      key: 'upstream_manhole',
      label: { vi: 'Hố ga đầu', en: 'Upstream manhole' },
      type: 'text',
      maxLength: TEXT_UUID,
      description: { vi: 'uuid của hố ga (lớp Hố ga, cửa xả).', en: 'uuid of a feature of the manholes layer.' },
    },
    {
      key: 'downstream_manhole',
      label: { vi: 'Hố ga cuối', en: 'Downstream manhole' },
      type: 'text',
      maxLength: TEXT_UUID,
      description: { vi: 'uuid của hố ga (lớp Hố ga, cửa xả).', en: 'uuid of a feature of the manholes layer.' },
    },
    statusField(false),
    yearField('year', { vi: 'Năm xây dựng', en: 'Year built' }),
  ],
  style: {
    kind: 'categorized',
    field: 'system',
    base: { stroke: { color: '#8b5a2b', width: 2 } },
    fallback: { stroke: { color: '#8b5a2b', width: 1.5, dash: [6, 3] } },
    label: label('code', 0.5, { placement: 'line', size: 10, color: '#5a3a1e' }),
  },
  rules: [
    pipeNegativeSlope,
    pipeDiameterDecreases,
    pipeDangling,
    zeroLengthLine,
    duplicateGeometry('drainage_pipes'),
  ],
};
