/**
 * A feature attribute as people read it: code-list values with their label ("ODT — Đất ở tại
 * đô thị"), numbers in the UI language's format with the field's unit, booleans as yes/no.
 */
import { showsCodes } from '../../../layers/symbol-paint.js';
import type { FieldDefinition } from '../../../layers/types.js';
import type { I18n } from './context.js';
import { formatValue } from './format.js';

/** Whether a code list's codes are symbols planners read (ODT, CX …) and shown beside their label (layers/symbol-paint.ts). */
export { showsCodes };

export function fieldValueText(field: FieldDefinition, value: unknown, i18n: I18n): string {
  if (value === null || value === undefined || value === '') return '';
  if (field.codeList) {
    const entry = field.codeList.entries.find((e) => e.code === String(value));
    if (!entry) return String(value);
    return showsCodes(field.codeList) ? `${entry.code} — ${i18n.l(entry.label)}` : i18n.l(entry.label);
  }
  if (field.type === 'boolean') return value === true || value === 1 ? i18n.t('identify.yes') : i18n.t('identify.no');
  if (typeof value === 'number') return field.unit ? `${formatValue(value, i18n.lang)} ${field.unit}` : formatValue(value, i18n.lang, false);
  return String(value);
}

/** The colour of a code-list value, for a swatch beside it. */
export function fieldValueColor(field: FieldDefinition, value: unknown): string | undefined {
  return field.codeList?.entries.find((e) => e.code === String(value))?.color;
}

/** Comparison for sorting table rows: numbers numerically, text with Vietnamese collation, empties last. */
export function compareValues(a: unknown, b: unknown, collator: Intl.Collator): number {
  const emptyA = a === null || a === undefined || a === '';
  const emptyB = b === null || b === undefined || b === '';
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}
