/**
 * Search in a published web map, over its search index (data/search.json) — the viewer runs
 * it in the browser, the tests run it in Node. The query is read as the app reads it
 * (api/search/parse.ts: 'tờ 12 thửa 345', '12/345', names) and names are matched
 * accent-insensitively and ranked as the app ranks them (api/search/fold.ts, rank.ts), so
 * "Phuong 1" finds "Phường 1". Pure: no I/O.
 */
import type { LayerId } from '../../layers/types.js';
import { foldVietnamese, searchTokens } from '../api/search/fold.js';
import { parseSearch } from '../api/search/parse.js';
import { meaningfulWords, rankName } from '../api/search/rank.js';
import type { BBox } from '../store/types.js';
import type { SiteNameEntry, SiteNameKind, SiteSearchIndex } from './site-format.js';

export interface SiteHit {
  readonly kind: 'parcel' | SiteNameKind;
  readonly layer: LayerId;
  readonly ids: readonly string[];
  readonly bbox: BBox;
  /** Parcels: số tờ, số thửa. */
  readonly sheet?: number;
  readonly parcel?: number;
  /** Names: the text as written, and its second line. */
  readonly text?: string;
  readonly detail?: string;
}

/** Names of one kind come before another's at the same rank: a ward before the addresses in it. */
const KIND_ORDER: Readonly<Record<SiteNameKind, number>> = { ward: 0, road: 1, zone: 2, plan: 3, address: 4 };

/**
 * The app's rank (rank.ts), with one step added for the many addresses a site searches: a name
 * holding the query's words together as a phrase ('… phường 2') ranks 1.5, ahead of names that
 * only contain the words apart ('số 20 …, phường 3').
 */
function rankForSite(folded: string, words: readonly string[], phrase: string): number | undefined {
  const rank = rankName(folded, words, phrase);
  if (rank === undefined || rank < 2) return rank;
  return ` ${folded} `.includes(` ${phrase} `) ? 1.5 : rank;
}

/** A name as the search compares it: folded, punctuation as spaces ('OM-01' → 'om 01'). */
export function searchableName(text: string): string {
  return searchTokens(foldVietnamese(text)).join(' ');
}

/** The parcels' addresses as names: parcels that share an address are one entry. */
function addressEntries(index: SiteSearchIndex): SiteNameEntry[] {
  const byText = new Map<string, { ids: string[]; bbox: BBox }>();
  for (const [, , id, bbox, address] of index.parcels) {
    if (!address) continue;
    const entry = byText.get(address);
    if (!entry) byText.set(address, { ids: [id], bbox });
    else {
      entry.ids.push(id);
      entry.bbox = [Math.min(entry.bbox[0], bbox[0]), Math.min(entry.bbox[1], bbox[1]), Math.max(entry.bbox[2], bbox[2]), Math.max(entry.bbox[3], bbox[3])];
    }
  }
  return [...byText].map(([text, { ids, bbox }]) => ({ kind: 'address', layer: 'parcels', text, ids, bbox }));
}

export class SiteSearch {
  private readonly names: readonly { readonly entry: SiteNameEntry; readonly folded: string }[];

  constructor(private readonly index: SiteSearchIndex) {
    this.names = [...index.names, ...addressEntries(index)].map((entry) => ({ entry, folded: searchableName(entry.text) }));
  }

  /** At most `limit` hits: parcels by tờ/thửa first, then names, best match first. */
  search(query: string, limit = 20): SiteHit[] {
    if (query.trim() === '') return [];
    const parsed = parseSearch(query);
    const hits: SiteHit[] = [];
    if (parsed.sheet !== undefined || parsed.parcel !== undefined) {
      for (const [sheet, parcel, id, bbox] of this.index.parcels) {
        if (hits.length >= limit) return hits;
        if ((parsed.sheet === undefined || sheet === parsed.sheet) && (parsed.parcel === undefined || parcel === parsed.parcel)) {
          hits.push({ kind: 'parcel', layer: 'parcels', ids: [id], bbox, sheet, parcel });
        }
      }
    }
    const words = meaningfulWords(parsed.words);
    if (words.length === 0) return hits;
    const phrase = words.join(' ');
    const found = this.names
      .map((name) => ({ entry: name.entry, folded: name.folded, rank: rankForSite(name.folded, words, phrase) }))
      .filter((m): m is { entry: SiteNameEntry; folded: string; rank: number } => m.rank !== undefined);
    // Names that hold the whole phrase push out those that only contain its words somewhere.
    const best = Math.min(...found.map((m) => m.rank));
    const matches = found
      .filter((m) => best >= 2 || m.rank < 2)
      .sort((a, b) => a.rank - b.rank || KIND_ORDER[a.entry.kind] - KIND_ORDER[b.entry.kind] || a.folded.localeCompare(b.folded, 'en', { numeric: true }));
    for (const { entry } of matches.slice(0, Math.max(0, limit - hits.length))) {
      hits.push({ kind: entry.kind, layer: entry.layer, ids: entry.ids, bbox: entry.bbox, text: entry.text, ...(entry.detail ? { detail: entry.detail } : {}) });
    }
    return hits;
  }
}
