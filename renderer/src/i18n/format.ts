/** Number formats: Vietnamese uses `.` for thousands and `,` for decimals. */
import type { Lang } from './strings.js';

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

export function formatNumber(value: number, lang: Lang, fractionDigits = 2): string {
  return value.toLocaleString(LOCALE[lang], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}

/**
 * An attribute value: up to 2 decimals; thousands grouped for quantities (a value with a unit,
 * a count), not for numbers that name things (số tờ, số thửa).
 */
export function formatValue(value: number, lang: Lang, grouping = true): string {
  return value.toLocaleString(LOCALE[lang], { maximumFractionDigits: 2, useGrouping: grouping });
}

export function formatLength(metres: number, lang: Lang): string {
  return metres >= 1000 ? `${formatNumber(metres / 1000, lang, 3)} km` : `${formatNumber(metres, lang, 2)} m`;
}

export function formatArea(squareMetres: number, lang: Lang): string {
  const base = `${formatNumber(squareMetres, lang, 1)} m²`;
  return squareMetres >= 10_000 ? `${base} (${formatNumber(squareMetres / 10_000, lang, 3)} ha)` : base;
}
