/**
 * The water level of a scenario: given in metres, or the design flood of a return period.
 *
 * QCVN 01:2021/BXD fixes the RETURN PERIOD a city must be protected against (Table 2.13, by
 * urban class and land use) and the freeboard of the ground above the design flood level
 * (residential 0.3 m, industrial 0.5 m); it gives no water LEVELS. A level for a return period
 * comes from hydrology (the river's frequency analysis, the provincial flood-control plan), which
 * neither the DEM nor the project holds. So PlanDesk reads it from the project's metadata key
 * `flood_levels`, a JSON object `{ "10": 1.9, "50": 2.3, "100": 2.6 }` (return period in years →
 * water level in m above the national height datum), and refuses a return period it has no level
 * for. The urban class (metadata `urban_class`: `dac_biet`, `I`, `II`, `III`, `IV`, `V`) gives the
 * required return periods shown in the report.
 */
import { PlanDeskError } from '../errors.js';

/** Table 2.13, years: [centre, residential, industrial] and [green, parks, sport]; null = not required. */
export const QCVN_RETURN_PERIODS: Readonly<Record<string, { readonly urban: number; readonly green: number | null }>> = {
  dac_biet: { urban: 100, green: 10 },
  I: { urban: 100, green: 10 },
  II: { urban: 50, green: 2 },
  III: { urban: 50, green: 2 },
  IV: { urban: 50, green: 2 },
  V: { urban: 10, green: null },
};

/** Freeboard above the design flood level, m (QCVN 01:2021 §2.x, "cao độ nền"). */
export const FREEBOARD_M = { residential: 0.3, industrial: 0.5 } as const;

export interface LevelSpec {
  /** Water level, m. */
  readonly level?: number;
  /** Return period, years: the level comes from the project's `flood_levels`. */
  readonly returnPeriod?: number;
  /** Added to the level (sea-level rise, subsidence), m. */
  readonly rise?: number;
}

export interface ResolvedLevel {
  /** The level the water reaches: base + rise. */
  readonly level: number;
  readonly baseLevel: number;
  readonly rise: number;
  /** 'given' (a level) or 'project-table' (a return period looked up in `flood_levels`). */
  readonly basis: 'given' | 'project-table';
  readonly returnPeriod?: number;
  /** From metadata `urban_class`, when set. */
  readonly urbanClass?: string;
  /** Table 2.13's periods for that class. */
  readonly requiredReturnPeriod?: { readonly urban: number; readonly green: number | null };
}

export function parseFloodLevels(text: string | undefined, file: string): Map<number, number> {
  const table = new Map<number, number>();
  if (text === undefined || text.trim() === '') return table;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PlanDeskError('INVALID_ARGUMENT', `${file}: metadata flood_levels is not JSON; expected e.g. {"10": 1.9, "100": 2.6}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PlanDeskError('INVALID_ARGUMENT', `${file}: metadata flood_levels must be an object of return period → level, e.g. {"10": 1.9}`);
  }
  for (const [k, v] of Object.entries(parsed)) {
    const years = Number(k);
    if (!Number.isInteger(years) || years < 1 || typeof v !== 'number' || !Number.isFinite(v)) {
      throw new PlanDeskError('INVALID_ARGUMENT', `${file}: flood_levels entry ${JSON.stringify(k)}: ${JSON.stringify(v)} is not years → metres`);
    }
    table.set(years, v);
  }
  return table;
}

/** `metadata(key)` reads the project's metadata. */
export function resolveLevel(spec: LevelSpec, metadata: (key: string) => string | undefined, file: string): ResolvedLevel {
  const rise = spec.rise ?? 0;
  if (!Number.isFinite(rise) || Math.abs(rise) > 20) throw new PlanDeskError('INVALID_ARGUMENT', `rise must be metres between -20 and 20, got ${spec.rise}`);
  const urbanClass = metadata('urban_class')?.trim();
  const required = urbanClass ? QCVN_RETURN_PERIODS[urbanClass] : undefined;
  const classInfo = urbanClass && required ? { urbanClass, requiredReturnPeriod: required } : {};
  if (spec.level !== undefined && spec.returnPeriod !== undefined) {
    throw new PlanDeskError('INVALID_ARGUMENT', 'Give a water level or a return period, not both');
  }
  if (spec.level !== undefined) {
    if (!Number.isFinite(spec.level) || Math.abs(spec.level) > 10000) throw new PlanDeskError('INVALID_ARGUMENT', `Invalid water level ${spec.level}: use metres, e.g. 1.2`);
    return { level: spec.level + rise, baseLevel: spec.level, rise, basis: 'given', ...classInfo };
  }
  if (spec.returnPeriod === undefined) throw new PlanDeskError('INVALID_ARGUMENT', 'Give a water level (m) or a return period (years)');
  const years = spec.returnPeriod;
  if (!Number.isInteger(years) || years < 1) throw new PlanDeskError('INVALID_ARGUMENT', `Invalid return period ${years}: use whole years, e.g. 100`);
  const table = parseFloodLevels(metadata('flood_levels'), file);
  const base = table.get(years);
  if (base === undefined) {
    const known = [...table.keys()].sort((a, b) => a - b);
    throw new PlanDeskError(
      'INVALID_ARGUMENT',
      known.length
        ? `${file} has no design flood level for a ${years}-year return period (it has ${known.join(', ')} years in metadata flood_levels): give the level in metres`
        : `${file} has no design flood levels (metadata flood_levels, e.g. {"10": 1.9, "100": 2.6}): QCVN 01:2021 sets return periods, not levels — give the ${years}-year level in metres`,
    );
  }
  return { level: base + rise, baseLevel: base, rise, basis: 'project-table', returnPeriod: years, ...classInfo };
}

/** The freeboard a zone of this planning function needs, or null where none applies (water). */
export function freeboardFor(functionCode: string | null | undefined): { readonly kind: 'residential' | 'industrial'; readonly metres: number } | null {
  if (!functionCode || functionCode === 'MN') return null;
  if (functionCode === 'CN') return { kind: 'industrial', metres: FREEBOARD_M.industrial };
  return { kind: 'residential', metres: FREEBOARD_M.residential };
}
