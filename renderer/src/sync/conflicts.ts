/**
 * The conflicts as the panel shows them: grouped by feature (one row per feature, its
 * attributes in a table), the geometries to draw (base / mine / theirs for a geometry conflict,
 * the feature's place otherwise), and the text typed for 'Sửa' turned into the field's type.
 * No i18n here (sync-text.ts words them), so a unit test runs it as it is.
 */
import type { SyncConflict } from '../../../gis-core/api/contract.js';
import type { FieldDefinition, GeoJSONGeometry, LayerId } from '../../../layers/types.js';
import type { OverlayItem } from './overlay-styles.js';

export interface ConflictGroup {
  /** `layer:uuid`. */
  readonly key: string;
  readonly layer: LayerId;
  readonly uuid: string;
  readonly conflicts: readonly SyncConflict[];
  readonly open: number;
}

export function conflictGroups(conflicts: readonly SyncConflict[]): ConflictGroup[] {
  const groups = new Map<string, SyncConflict[]>();
  for (const conflict of conflicts) {
    const key = `${conflict.layer}:${conflict.uuid}`;
    groups.set(key, [...(groups.get(key) ?? []), conflict]);
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ key, layer: list[0]!.layer, uuid: list[0]!.uuid, conflicts: list, open: list.filter((c) => c.state === 'open').length }))
    .sort((a, b) => Number(b.open > 0) - Number(a.open > 0));
}

export function isGeometry(value: unknown): value is GeoJSONGeometry {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && 'coordinates' in value;
}

/** What to draw for a feature's conflicts: the three sides of a geometry conflict, else its place. */
export function conflictOverlay(group: ConflictGroup): OverlayItem[] {
  const geometryConflict = group.conflicts.find((c) => c.attribute === 'geometry' && c.state === 'open') ?? group.conflicts.find((c) => c.attribute === 'geometry');
  if (geometryConflict) {
    const sides: OverlayItem[] = [];
    if (isGeometry(geometryConflict.base)) sides.push({ id: group.key, role: 'base', geometry: geometryConflict.base });
    if (isGeometry(geometryConflict.local)) sides.push({ id: group.key, role: 'mine', geometry: geometryConflict.local });
    if (isGeometry(geometryConflict.server)) sides.push({ id: group.key, role: 'theirs', geometry: geometryConflict.server });
    if (sides.length > 0) return sides;
  }
  // A whole-feature conflict may carry the sides as features' geometries too.
  const whole = group.conflicts.find((c) => c.attribute === null);
  if (whole) {
    const sides: OverlayItem[] = [];
    const side = (value: unknown) => (isGeometry(value) ? value : isGeometry((value as { geometry?: unknown } | null)?.geometry) ? (value as { geometry: GeoJSONGeometry }).geometry : null);
    for (const [role, value] of [['base', whole.base], ['mine', whole.local], ['theirs', whole.server]] as const) {
      const geometry = side(value);
      if (geometry) sides.push({ id: group.key, role, geometry });
    }
    if (sides.length > 0) return sides;
  }
  const place = group.conflicts.find((c) => c.geometry)?.geometry;
  return place ? [{ id: group.key, role: 'location', geometry: place }] : [];
}

/** The typed text as the field's value: numbers (comma or point), booleans, text; empty → null. Undefined when it does not fit. */
export function parseEditValue(text: string, field: FieldDefinition | undefined): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!field) return trimmed;
  if (field.type === 'integer' || field.type === 'real') {
    const n = Number(trimmed.replace(',', '.'));
    if (!Number.isFinite(n) || (field.type === 'integer' && !Number.isInteger(n))) return undefined;
    return n;
  }
  if (field.type === 'boolean') {
    const lower = trimmed.toLowerCase();
    if (['true', '1', 'có', 'yes'].includes(lower)) return true;
    if (['false', '0', 'không', 'no'].includes(lower)) return false;
    return undefined;
  }
  if (field.codeList && !field.codeList.entries.some((e) => e.code === trimmed)) return undefined;
  return trimmed;
}
