/**
 * Search over a project: parcels by sheet/parcel number through the (sheet_no, parcel_no) index,
 * and names (roads, zoning plots) accent-insensitively. Names are matched in JS against the
 * layer's distinct names (a road of many segments is one name), read once through the name
 * index and kept until the project changes.
 */
import type { LayerId } from '../../../layers/types.js';
import type { Project } from '../../store/project.js';
import type { BBox, FieldCondition, StoredFeature } from '../../store/types.js';
import type { SearchHit, SearchHitKind, SearchResult } from '../contract.js';
import { geometryBBox, unionBBox } from '../geometry-bbox.js';
import { foldVietnamese } from './fold.js';
import { parseSearch, type ParsedSearch } from './parse.js';
import { meaningfulWords, rankName } from './rank.js';

interface NameTarget {
  readonly layerId: LayerId;
  readonly field: string;
  readonly kind: SearchHitKind;
}

/** Layers searched by name, in result order. */
const NAME_TARGETS: readonly NameTarget[] = [
  { layerId: 'roads', field: 'name', kind: 'road' },
  { layerId: 'zoning', field: 'name', kind: 'named' },
];

/** Segments read per road name to find its extent. */
const SEGMENTS_PER_NAME = 2000;

interface NameEntry {
  readonly value: string;
  readonly folded: string;
  readonly count: number;
}

/** Per-project memory of distinct names and sheet numbers, dropped when the project's updated_at changes. */
export class SearchCache {
  private stamp: string | undefined;
  private readonly names = new Map<string, NameEntry[]>();
  private sheets: number[] | undefined;

  constructor(private readonly project: Project) {}

  private fresh(): void {
    const stamp = this.project.getMetadata('updated_at');
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      this.names.clear();
      this.sheets = undefined;
    }
  }

  namesOf(layerId: LayerId, field: string): NameEntry[] {
    this.fresh();
    const key = `${layerId}.${field}`;
    let entries = this.names.get(key);
    if (!entries) {
      entries = this.project
        .distinctValues(layerId, field)
        .map((r) => ({ value: String(r.value), folded: foldVietnamese(String(r.value)), count: r.count }));
      this.names.set(key, entries);
    }
    return entries;
  }

  sheetNumbers(): number[] {
    this.fresh();
    this.sheets ??= this.project.distinctValues('parcels', 'sheet_no').map((r) => Number(r.value));
    return this.sheets;
  }
}

function hasLayer(project: Project, layerId: LayerId): boolean {
  try {
    project.layer(layerId);
    return true;
  } catch {
    return false;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function parcelHit(feature: StoredFeature): SearchHit {
  const p = feature.properties;
  const address = text(p.address);
  const ward = text(p.ward);
  // Addresses often already end with the ward.
  const where = [address, ward && !address?.includes(ward) ? ward : undefined].filter((s): s is string => s !== undefined).join(', ');
  return {
    kind: 'parcel',
    layerId: 'parcels',
    uuid: feature.uuid,
    title: { vi: `Tờ ${String(p.sheet_no)}, thửa ${String(p.parcel_no)}`, en: `Sheet ${String(p.sheet_no)}, parcel ${String(p.parcel_no)}` },
    ...(where ? { detail: { vi: where, en: where } } : {}),
    bbox: geometryBBox(feature.geometry),
    featureCount: 1,
  };
}

function searchParcels(project: Project, cache: SearchCache, parsed: ParsedSearch, limit: number): SearchHit[] {
  if ((parsed.sheet === undefined && parsed.parcel === undefined) || !hasLayer(project, 'parcels')) return [];
  const where: FieldCondition[] = [];
  if (parsed.sheet !== undefined) where.push({ field: 'sheet_no', op: '=', value: parsed.sheet });
  else {
    // A parcel number alone: one index probe per sheet instead of a scan of every parcel.
    const sheets = cache.sheetNumbers();
    if (sheets.length === 0) return [];
    if (sheets.length <= 1000) where.push({ field: 'sheet_no', op: 'in', value: sheets });
  }
  if (parsed.parcel !== undefined) where.push({ field: 'parcel_no', op: '=', value: parsed.parcel });
  const orderBy = parsed.parcel === undefined ? { field: 'parcel_no' } : { field: 'sheet_no' };
  return project.features('parcels', { where, orderBy, limit }).map(parcelHit);
}

function nameHit(project: Project, target: NameTarget, entry: NameEntry): SearchHit | undefined {
  const segments = project.features(target.layerId, {
    where: [{ field: target.field, op: '=', value: entry.value }],
    limit: SEGMENTS_PER_NAME,
  });
  const first = segments[0];
  if (!first) return undefined;
  let bbox: BBox = geometryBBox(first.geometry);
  for (const s of segments) bbox = unionBBox(bbox, geometryBBox(s.geometry));
  const layer = project.layer(target.layerId);
  const unit = target.kind === 'road' ? { vi: 'đoạn', en: entry.count === 1 ? 'segment' : 'segments' } : { vi: 'đối tượng', en: entry.count === 1 ? 'feature' : 'features' };
  return {
    kind: target.kind,
    layerId: target.layerId,
    uuid: first.uuid,
    title: { vi: entry.value, en: entry.value },
    detail: { vi: `${layer.label.vi} · ${entry.count} ${unit.vi}`, en: `${layer.label.en} · ${entry.count} ${unit.en}` },
    bbox,
    featureCount: entry.count,
  };
}

function searchNames(project: Project, cache: SearchCache, parsed: ParsedSearch, limit: number): SearchHit[] {
  const words = meaningfulWords(parsed.words);
  if (words.length === 0 || limit <= 0) return [];
  const phrase = words.join(' ');
  const hits: SearchHit[] = [];
  for (const target of NAME_TARGETS) {
    if (!hasLayer(project, target.layerId)) continue;
    const matches = cache
      .namesOf(target.layerId, target.field)
      .map((entry) => ({ entry, rank: rankName(entry.folded, words, phrase) }))
      .filter((m): m is { entry: NameEntry; rank: number } => m.rank !== undefined)
      .sort((a, b) => a.rank - b.rank || a.entry.folded.localeCompare(b.entry.folded));
    for (const match of matches) {
      if (hits.length >= limit) return hits;
      const hit = nameHit(project, target, match.entry);
      if (hit) hits.push(hit);
    }
  }
  return hits;
}

/** Runs a search; `limit` hits at most, `truncated` when there were more. */
export function runSearch(project: Project, cache: SearchCache, query: string, limit: number): SearchResult {
  const parsed = parseSearch(query);
  // One more than asked, to tell whether the list was cut.
  const parcels = searchParcels(project, cache, parsed, limit + 1);
  const names = searchNames(project, cache, parsed, limit + 1 - parcels.length);
  const hits = [...parcels, ...names];
  const understood = {
    ...(parsed.sheet !== undefined ? { sheet: parsed.sheet } : {}),
    ...(parsed.parcel !== undefined ? { parcel: parsed.parcel } : {}),
    ...(parsed.words.length ? { text: parsed.words.join(' ') } : {}),
  };
  return { query, understood, hits: hits.slice(0, limit), truncated: hits.length > limit };
}
