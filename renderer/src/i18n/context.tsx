import { createContext, useContext } from 'react';
import type { Label } from '../../../layers/types.js';
import { translate, type Lang, type StringKey } from './strings.js';

export interface I18n {
  readonly lang: Lang;
  t(key: StringKey, params?: Record<string, string | number>): string;
  /** A layer/field/code-list label in the current language. */
  l(label: Label): string;
}

export function makeI18n(lang: Lang): I18n {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    l: (label) => label[lang],
  };
}

export const I18nContext = createContext<I18n>(makeI18n('vi'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
