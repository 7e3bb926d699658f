/**
 * Demo sizes. `small` is the bundled demo (about 1 km², a few thousand features); the others
 * name a total feature count, reached by growing the district's area.
 */
import { PlanDeskError } from '../errors.js';

export type DemoScale = 'small' | 'medium' | 'large' | number;

export const SCALE_TARGETS = { medium: 100_000, large: 1_050_000 } as const;

/** Side of the small district, metres (frame street to frame street). */
export const SMALL_SIDE_M = 1000;

/**
 * Smallest and largest target counts a number may ask for. Below ~15 000 features the district
 * is too small for its blocks to add up to a count within 10 % (they come in steps).
 */
export const MIN_TARGET = 15_000;
export const MAX_TARGET = 20_000_000;

export function parseScale(text: string): DemoScale {
  const t = text.trim().toLowerCase();
  if (t === 'small' || t === 'medium' || t === 'large') return t;
  const n = Number(t.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < MIN_TARGET || n > MAX_TARGET) {
    throw new PlanDeskError(
      'INVALID_ARGUMENT',
      `Invalid demo scale "${text}": use small, medium, large or a feature count between ${MIN_TARGET} and ${MAX_TARGET}`,
    );
  }
  return n;
}

/** The total feature count a scale aims at; undefined for `small` (fixed size). */
export function targetCount(scale: DemoScale): number | undefined {
  if (scale === 'small') return undefined;
  if (scale === 'medium' || scale === 'large') return SCALE_TARGETS[scale];
  return scale;
}
