/**
 * UI strings, one place: resources/i18n/{vi,en}.json (same keys in both; a unit of the e2e suite
 * checks the language switch). Layer, field and code-list labels come from `layers/` (Label).
 */
import en from '../../../resources/i18n/en.json';
import vi from '../../../resources/i18n/vi.json';
import type { Label } from '../../../layers/types.js';

export type Lang = 'vi' | 'en';
export type StringKey = keyof typeof vi;

const TABLES: Record<Lang, Record<StringKey, string>> = { vi, en };

/** The string `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: StringKey, params?: Record<string, string | number>): string {
  let text = TABLES[lang][key] ?? TABLES.vi[key] ?? key;
  if (params) {
    for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
  }
  return text;
}

export function pick(label: Label, lang: Lang): string {
  return label[lang];
}
