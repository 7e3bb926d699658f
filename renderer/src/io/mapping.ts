/** The import wizard's field mapping: where it starts, and which layers a source can go into. */
import type { FieldMapping, IoMapping, LayerInfo } from '../../../gis-core/api/contract.js';

/** Each source field: the mapping saved from the last import of this source, else the suggestion, else extra attributes (null). */
export function initialMapping(mapping: IoMapping): FieldMapping {
  return Object.fromEntries(mapping.fields.map((name) => [name, mapping.saved && name in mapping.saved ? mapping.saved[name]! : (mapping.suggested[name] ?? null)]));
}

/** 'MultiLineString' → 'LineString'; 'null' and collections → null. */
function singleType(type: string): string | null {
  const single = type.replace(/^Multi/, '');
  return ['Point', 'LineString', 'Polygon'].includes(single) ? single : null;
}

/** The layers whose geometry type the source's features have (all layers when it is unclear). */
export function compatibleLayers(layers: readonly LayerInfo[], geometryTypes: Readonly<Record<string, number>>): LayerInfo[] {
  const types = new Set(Object.keys(geometryTypes).map(singleType).filter((t): t is string => t !== null));
  if (types.size !== 1) return [...layers];
  const [type] = [...types];
  return layers.filter((l) => l.geometryType === type);
}
