/**
 * The viewer's language: Vietnamese first, English by the switch (or ?lang=en), remembered in
 * the browser. Strings are the app's (resources/i18n, keys `publish.*`), read through the
 * renderer's `translate`, so both languages stay in the same two files.
 */
import type { I18n } from '../src/i18n/context.js';
import { translate, type Lang } from '../src/i18n/strings.js';

const STORAGE_KEY = 'plandesk.publish.lang';

export function initialLang(): Lang {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked === 'vi' || asked === 'en') return asked;
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // A browser that refuses storage keeps the choice for this page only.
  }
}

/** The same shape the app's components take (field-value.ts formats with it). */
export function makeViewerI18n(lang: Lang): I18n {
  return { lang, t: (key, params) => translate(lang, key, params), l: (label) => label[lang] };
}
