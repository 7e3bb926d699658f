/**
 * Sync values and attributes as people read them: '—' for none, a geometry by its type and
 * vertex count, code-list values by their label, the attribute by its field's label.
 */
import type { LayerInfo, SyncConflict } from '../../../gis-core/api/contract.js';
import type { FieldDefinition, GeoJSONGeometry } from '../../../layers/types.js';
import type { I18n } from '../i18n/context.js';
import { fieldValueText } from '../i18n/field-value.js';
import { isGeometry } from './conflicts.js';

function vertexCount(geometry: GeoJSONGeometry): number {
  const count = (c: unknown): number => (Array.isArray(c) ? (typeof c[0] === 'number' ? 1 : c.reduce((n: number, x: unknown) => n + count(x), 0)) : 0);
  return count((geometry as { coordinates?: unknown }).coordinates);
}

/** A side's value as people read it ('—' for none; a geometry by its type and vertices). */
export function conflictValueText(value: unknown, field: FieldDefinition | undefined, i18n: I18n): string {
  if (value === null || value === undefined) return '—';
  if (isGeometry(value)) return i18n.t('sync.conflict.geometryValue', { type: value.type, n: vertexCount(value) });
  if (typeof value === 'object') return i18n.t('sync.conflict.featureValue');
  const text = field ? fieldValueText(field, value, i18n) : String(value);
  return text === '' ? '—' : text;
}

/** The label of a conflict's attribute (the field's, 'Hình học', or the whole feature). */
export function attributeLabel(conflict: SyncConflict, layer: LayerInfo | undefined, i18n: I18n): string {
  if (conflict.attribute === null) return i18n.t(conflict.kind === 'edit-vs-delete' ? 'sync.conflict.editVsDelete' : 'sync.conflict.deleteVsEdit');
  if (conflict.attribute === 'geometry') return i18n.t('sync.conflict.geometry');
  const field = layer?.fields.find((f) => f.key === conflict.attribute);
  return field ? i18n.l(field.label) : conflict.attribute;
}

