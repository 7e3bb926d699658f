/**
 * The kiosk's lookups, narrow on purpose so that one call cannot list the database: a parcel by
 * tờ AND thửa (exact), by address words (a minimum length), a zone by its plot code (exact), or
 * the parcel under a tapped point — never more than PLANNING_LOOKUP_MAX_HITS hits.
 */
import type { LayerId } from '../../layers/types.js';
import { geometryBBox } from '../api/geometry-bbox.js';
import {
  PLANNING_ADDRESS_MIN_CHARS,
  PLANNING_CODE_MIN_CHARS,
  PLANNING_LOOKUP_MAX_HITS,
  type PlanningLookupHit,
  type PlanningLookupRequest,
  type PlanningLookupResult,
} from '../api/contract.js';
import { foldVietnamese, searchTokens } from '../api/search/fold.js';
import type { SearchCache } from '../api/search/search.js';
import { PlanDeskError } from '../errors.js';
import type { Project } from '../store/project.js';
import type { StoredFeature } from '../store/types.js';
import { containsPoint } from './geometry.js';

const MAX = PLANNING_LOOKUP_MAX_HITS;

function invalid(message: string): PlanDeskError {
  return new PlanDeskError('INVALID_ARGUMENT', message);
}

function wholeNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 999_999_999) {
    throw invalid(`${what} must be a whole number from 1, got ${JSON.stringify(value)}`);
  }
  return value;
}

function finite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`${what} must be a number, got ${JSON.stringify(value)}`);
  return value;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function parcelHit(feature: StoredFeature): PlanningLookupHit {
  const p = feature.properties;
  const where = text(p.address) ?? text(p.ward);
  return {
    layerId: 'parcels',
    uuid: feature.uuid,
    title: { vi: `Tờ ${String(p.sheet_no)}, thửa ${String(p.parcel_no)}`, en: `Sheet ${String(p.sheet_no)}, parcel ${String(p.parcel_no)}` },
    ...(where ? { detail: { vi: where, en: where } } : {}),
    bbox: geometryBBox(feature.geometry),
  };
}

function zoneHit(feature: StoredFeature): PlanningLookupHit {
  const p = feature.properties;
  const code = text(p.zone_code) ?? '';
  const name = text(p.name);
  return {
    layerId: 'zoning' satisfies LayerId,
    uuid: feature.uuid,
    title: { vi: `Ô đất ${code}`, en: `Plot ${code}` },
    ...(name ? { detail: { vi: name, en: name } } : {}),
    bbox: geometryBBox(feature.geometry),
  };
}

function result(hits: PlanningLookupHit[]): PlanningLookupResult {
  return { hits: hits.slice(0, MAX), truncated: hits.length > MAX };
}

/** Whether the folded address has every word; numbers must be whole words ('9' is not '19'). */
function addressMatches(folded: string, words: readonly string[]): boolean {
  const addressWords = searchTokens(folded);
  return words.every((w) => (/^\d+$/.test(w) ? addressWords.includes(w) : folded.includes(w)));
}

function byAddress(project: Project, cache: SearchCache, query: string): PlanningLookupResult {
  const folded = foldVietnamese(query);
  const words = searchTokens(folded);
  if (words.join('').length < PLANNING_ADDRESS_MIN_CHARS) {
    throw invalid(`an address lookup needs at least ${PLANNING_ADDRESS_MIN_CHARS} letters or digits`);
  }
  const addresses = cache
    .namesOf('parcels', 'address')
    .filter((entry) => addressMatches(entry.folded, words))
    .map((entry) => entry.value)
    .sort((a, b) => a.localeCompare(b, 'vi', { numeric: true }))
    .slice(0, MAX + 1);
  if (addresses.length === 0) return result([]);
  const parcels = project.features('parcels', { where: [{ field: 'address', op: 'in', value: addresses }], orderBy: { field: 'address' }, limit: MAX + 1 });
  return result(parcels.map(parcelHit));
}

export function planningLookup(project: Project, cache: SearchCache, request: PlanningLookupRequest): PlanningLookupResult {
  if (typeof request !== 'object' || request === null) throw invalid('a lookup must be an object with "by"');
  switch (request.by) {
    case 'parcel': {
      const sheet = wholeNumber(request.sheet, 'the map sheet number (số tờ)');
      const parcel = wholeNumber(request.parcel, 'the parcel number (số thửa)');
      const where = [
        { field: 'sheet_no', op: '=' as const, value: sheet },
        { field: 'parcel_no', op: '=' as const, value: parcel },
      ];
      return result(project.features('parcels', { where, limit: MAX + 1 }).map(parcelHit));
    }
    case 'address': {
      const query = text(request.text);
      if (!query || query.length > 200) throw invalid('an address lookup needs a text of 1 … 200 characters');
      return byAddress(project, cache, query);
    }
    case 'plan': {
      const code = text(request.code)?.toUpperCase();
      if (!code || code.replace(/[^A-Z0-9]/g, '').length < PLANNING_CODE_MIN_CHARS || code.length > 40) {
        throw invalid(`a plan code lookup needs a plot code such as OM-01 (at least ${PLANNING_CODE_MIN_CHARS} letters or digits)`);
      }
      return result(project.features('zoning', { where: [{ field: 'zone_code', op: '=', value: code }], limit: MAX + 1 }).map(zoneHit));
    }
    case 'point': {
      const x = finite(request.x, 'x');
      const y = finite(request.y, 'y');
      const candidates = project.features('parcels', { bbox: [x, y, x, y], limit: 50 });
      return result(candidates.filter((f) => containsPoint(f.geometry, [x, y])).map(parcelHit));
    }
    default:
      throw invalid(`a lookup is by "parcel", "address", "plan" or "point", got ${JSON.stringify((request as { by?: unknown }).by)}`);
  }
}
