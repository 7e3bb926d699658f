/**
 * The web map's search index, built while the layers are written (one pass over each layer):
 * parcels by số tờ + số thửa with their addresses, and the names people search for — wards,
 * road names, zone plot codes and names, planning information codes. A name carried
 * by many features (a road of many segments, a ward) is one entry with every feature's id and
 * their common extent. The viewer folds accents itself at load (site-search.ts).
 */
import type { LayerId } from '../../layers/types.js';
import { geometryBBox, unionBBox } from '../api/geometry-bbox.js';
import type { BBox, StoredFeature } from '../store/types.js';
import { roundCoordinate } from './layer-data.js';
import type { SiteNameEntry, SiteNameKind, SiteParcelRow, SiteSearchIndex } from './site-format.js';

interface NameSource {
  readonly field: string;
  readonly kind: SiteNameKind;
  /** A field shown as the entry's second line. */
  readonly detailField?: string;
}

/** Which fields of which layers are searched by name. */
const NAME_SOURCES: Partial<Record<LayerId, readonly NameSource[]>> = {
  parcels: [{ field: 'ward', kind: 'ward' }],
  roads: [{ field: 'name', kind: 'road' }],
  zoning: [
    { field: 'zone_code', kind: 'zone', detailField: 'name' },
    { field: 'name', kind: 'zone', detailField: 'zone_code' },
    { field: 'plan_code', kind: 'plan' },
  ],
  red_lines: [{ field: 'plan_code', kind: 'plan' }],
};

function roundBBox(b: BBox): BBox {
  return [roundCoordinate(b[0]), roundCoordinate(b[1]), roundCoordinate(b[2]), roundCoordinate(b[3])];
}

function nonEmptyText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

interface MutableEntry {
  kind: SiteNameKind;
  layer: LayerId;
  text: string;
  details: Set<string>;
  ids: string[];
  bbox: BBox;
}

export class SearchIndexBuilder {
  private readonly parcels: SiteParcelRow[] = [];
  private readonly names = new Map<string, MutableEntry>();

  /** Adds one feature of `layerId` (a layer without searchable fields adds nothing). */
  add(layerId: LayerId, feature: StoredFeature): void {
    const sources = NAME_SOURCES[layerId];
    const isParcel = layerId === 'parcels';
    if (!sources && !isParcel) return;
    const bbox = geometryBBox(feature.geometry);
    const p = feature.properties;
    if (isParcel && typeof p.sheet_no === 'number' && typeof p.parcel_no === 'number') {
      const address = nonEmptyText(p.address);
      this.parcels.push(address ? [p.sheet_no, p.parcel_no, feature.uuid, roundBBox(bbox), address] : [p.sheet_no, p.parcel_no, feature.uuid, roundBBox(bbox)]);
    }
    for (const source of sources ?? []) {
      const text = nonEmptyText(p[source.field]);
      if (text === undefined) continue;
      const key = `${layerId}\u0000${source.kind}\u0000${text}`;
      const entry = this.names.get(key);
      const detail = source.detailField ? nonEmptyText(p[source.detailField]) : undefined;
      if (entry) {
        entry.ids.push(feature.uuid);
        entry.bbox = unionBBox(entry.bbox, bbox);
        if (detail) entry.details.add(detail);
      } else {
        this.names.set(key, { kind: source.kind, layer: layerId, text, details: new Set(detail ? [detail] : []), ids: [feature.uuid], bbox });
      }
    }
  }

  build(): SiteSearchIndex {
    const parcels = [...this.parcels].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const names: SiteNameEntry[] = [...this.names.values()].map((e) => ({
      kind: e.kind,
      layer: e.layer,
      text: e.text,
      // A detail only when every feature of the name agrees on it.
      ...(e.details.size === 1 ? { detail: [...e.details][0] as string } : {}),
      ids: e.ids,
      bbox: roundBBox(e.bbox),
    }));
    return { version: 1, parcels, names };
  }
}
