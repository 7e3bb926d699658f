/**
 * Decoding URL query parameters into contract arguments. Every bad value is an
 * INVALID_ARGUMENT that names the parameter (400 on the wire); unknown parameters are refused
 * too, so a typo ('box=') is not silently a whole-layer query.
 */
import type { FieldCondition } from '../store/types.js';
import type { BBox } from '../store/types.js';
import { PlanDeskError } from '../errors.js';

/** Parameters every route accepts besides its own (the access token). */
const COMMON = new Set(['token']);

function invalid(message: string): PlanDeskError {
  return new PlanDeskError('INVALID_ARGUMENT', message);
}

export class QueryParams {
  constructor(private readonly params: URLSearchParams) {}

  /** Refuses parameters other than `allowed`, and repeated ones. */
  only(...allowed: string[]): this {
    const seen = new Set<string>();
    for (const key of this.params.keys()) {
      if (!allowed.includes(key) && !COMMON.has(key)) {
        throw invalid(`unknown parameter "${key}"${allowed.length ? ` (this endpoint takes: ${allowed.join(', ')})` : ' (this endpoint takes none)'}`);
      }
      if (seen.has(key)) throw invalid(`parameter "${key}" is given more than once`);
      seen.add(key);
    }
    return this;
  }

  string(key: string): string | undefined {
    const value = this.params.get(key);
    return value === null ? undefined : value;
  }

  requiredString(key: string): string {
    const value = this.string(key);
    if (value === undefined) throw invalid(`parameter "${key}" is required`);
    return value;
  }

  /** A comma-separated list of names ('zoning,roads'); empty items refused. */
  list(key: string): string[] | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    const items = value.split(',').map((item) => item.trim());
    if (items.some((item) => !/^[A-Za-z0-9_]+$/.test(item))) throw invalid(`parameter "${key}" must be a comma-separated list of names, got "${value}"`);
    return items;
  }

  /** A whole number written in decimal digits. */
  integer(key: string): number | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (!/^\d{1,15}$/.test(value.trim())) throw invalid(`parameter "${key}" must be a whole number, got "${value}"`);
    return Number(value.trim());
  }

  /** 'minx,miny,maxx,maxy': four finite numbers, min ≤ max. */
  bbox(key: string): BBox | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    const parts = value.split(',');
    const numbers = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
    if (parts.length !== 4 || !numbers.every(Number.isFinite)) {
      throw invalid(`parameter "${key}" must be four numbers minx,miny,maxx,maxy, got "${value}"`);
    }
    const [minx, miny, maxx, maxy] = numbers as [number, number, number, number];
    if (minx > maxx || miny > maxy) throw invalid(`parameter "${key}" has min greater than max: "${value}"`);
    return [minx, miny, maxx, maxy];
  }

  /** 'field' (ascending) or '-field' (descending). */
  orderBy(key: string): { field: string; descending: boolean } | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    const match = /^(-?)([a-z_][a-z0-9_]*)$/.exec(value);
    if (!match?.[2]) throw invalid(`parameter "${key}" must be a field name, "-" in front for descending; got "${value}"`);
    return { field: match[2], descending: match[1] === '-' };
  }

  /** A JSON list of conditions: [{"field":"ward","op":"=","value":"Phường 1"}]. */
  conditions(key: string): FieldCondition[] | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalid(`parameter "${key}" must be JSON, a list of {"field","op","value"}`);
    }
    if (!Array.isArray(parsed) || !parsed.every((c) => typeof c === 'object' && c !== null && typeof (c as { field?: unknown }).field === 'string')) {
      throw invalid(`parameter "${key}" must be a list of {"field","op","value"} objects`);
    }
    return parsed as FieldCondition[];
  }
}
