/**
 * The edit batches the UI sends, one builder per action, each with the line the history shows
 * ("Vẽ Quy hoạch sử dụng đất «OM-12»"). Pure: the core does the work (topology, derived
 * values, splits and merges); the renderer only says what the person did.
 */
import type { EditBatch, EditOperation, EditPosition, LayerInfo } from '../../../gis-core/api/contract.js';
import type { GeoJSONGeometry } from '../../../layers/types.js';
import type { I18n } from '../i18n/context.js';

/** Fields that name a feature, in the order tried, for history lines. */
const NAME_FIELDS = ['zone_code', 'code', 'name', 'parcel_no'];

/** A short name of a feature for a history line: its code or name (a parcel: sheet and number), else null. */
export function featureName(info: LayerInfo, properties: Readonly<Record<string, unknown>> | undefined, i18n?: I18n): string | null {
  if (!properties) return null;
  const sheet = properties.sheet_no;
  const parcel = properties.parcel_no;
  if (i18n && sheet !== null && sheet !== undefined && parcel !== null && parcel !== undefined) {
    return i18n.t('edit.parcelName', { sheet: String(sheet), parcel: String(parcel) });
  }
  const keys = [...NAME_FIELDS, ...(info.style.label ? [info.style.label.field] : [])];
  for (const key of keys) {
    if (!info.fields.some((f) => f.key === key)) continue;
    const value = properties[key];
    if (value !== null && value !== undefined && value !== '') return String(value);
  }
  return null;
}

function what(info: LayerInfo, i18n: I18n, count: number, name: string | null): string {
  const layer = i18n.l(info.label);
  if (count === 1) return name ? `${layer} «${name}»` : layer;
  return i18n.t('edit.msg.many', { count, layer });
}

function batch(operations: EditOperation[], message: string): EditBatch {
  return { operations, message, source: 'ui' };
}

export function insertBatch(
  info: LayerInfo,
  i18n: I18n,
  feature: { uuid: string; properties: Record<string, unknown>; geometry: GeoJSONGeometry },
): EditBatch {
  return batch(
    [{ op: 'insert', layer: info.id, uuid: feature.uuid, properties: feature.properties, geometry: feature.geometry }],
    i18n.t('edit.msg.draw', { what: what(info, i18n, 1, featureName(info, feature.properties, i18n)) }),
  );
}

/** The same attribute values on one or more features (a form, a bulk edit). */
export function attributesBatch(
  info: LayerInfo,
  i18n: I18n,
  uuids: readonly string[],
  properties: Record<string, unknown>,
  name: string | null,
): EditBatch {
  return batch(
    uuids.map((uuid) => ({ op: 'update', layer: info.id, uuid, properties })),
    i18n.t('edit.msg.attributes', { what: what(info, i18n, uuids.length, name) }),
  );
}

/** New geometries (a move or a reshape); the core moves what is connected. */
export function geometryBatch(
  info: LayerInfo,
  i18n: I18n,
  kind: 'move' | 'reshape',
  updates: readonly { uuid: string; geometry: GeoJSONGeometry; name: string | null }[],
): EditBatch {
  const name = updates.length === 1 ? (updates[0]?.name ?? null) : null;
  return batch(
    updates.map(({ uuid, geometry }) => ({ op: 'update', layer: info.id, uuid, geometry })),
    i18n.t(kind === 'move' ? 'edit.msg.move' : 'edit.msg.reshape', { what: what(info, i18n, updates.length, name) }),
  );
}

export function deleteBatch(info: LayerInfo, i18n: I18n, uuids: readonly string[], name: string | null): EditBatch {
  return batch(
    uuids.map((uuid) => ({ op: 'delete', layer: info.id, uuid })),
    i18n.t('edit.msg.delete', { what: what(info, i18n, uuids.length, name) }),
  );
}

export function splitLineBatch(info: LayerInfo, i18n: I18n, uuid: string, at: EditPosition, newUuid: string, name: string | null): EditBatch {
  return batch([{ op: 'splitLine', layer: info.id, uuid, at, newUuid }], i18n.t('edit.msg.splitLine', { what: what(info, i18n, 1, name) }));
}

export function splitPolygonBatch(
  info: LayerInfo,
  i18n: I18n,
  uuid: string,
  line: readonly EditPosition[],
  newUuid: string,
  name: string | null,
): EditBatch {
  return batch(
    [{ op: 'splitPolygon', layer: info.id, uuid, line, newUuid }],
    i18n.t('edit.msg.splitPolygon', { what: what(info, i18n, 1, name) }),
  );
}

export function mergeBatch(info: LayerInfo, i18n: I18n, uuids: readonly string[]): EditBatch {
  return batch([{ op: 'mergePolygons', layer: info.id, uuids }], i18n.t('edit.msg.merge', { what: what(info, i18n, uuids.length, null) }));
}

/** A source feature's attributes (the chosen keys) onto the targets. */
export function copyAttributesBatch(
  info: LayerInfo,
  i18n: I18n,
  source: { properties: Readonly<Record<string, unknown>>; name: string | null },
  targets: readonly string[],
  keys: readonly string[],
): EditBatch {
  const properties: Record<string, unknown> = {};
  for (const key of keys) properties[key] = source.properties[key] ?? null;
  return batch(
    targets.map((uuid) => ({ op: 'update', layer: info.id, uuid, properties })),
    i18n.t('edit.msg.copy', { from: source.name ?? i18n.l(info.label), what: what(info, i18n, targets.length, null) }),
  );
}
