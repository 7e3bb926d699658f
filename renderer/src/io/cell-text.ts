/** A source value as the wizard's tables show it (source values have no field definition yet). */
import { formatValue } from '../i18n/format.js';
import type { Lang } from '../i18n/strings.js';

export function cellText(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatValue(value, lang, false);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
