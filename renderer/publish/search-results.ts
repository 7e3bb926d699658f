/** The list of search hits: what each is (parcel, road, ward …), its title and second line. */
import type { SiteHit } from '../../gis-core/publish/site-search.js';
import type { I18n } from '../src/i18n/context.js';
import { el } from './dom.js';

export function hitTitle(hit: SiteHit, i18n: I18n): string {
  if (hit.kind === 'parcel') return i18n.t('publish.parcelTitle', { sheet: String(hit.sheet), parcel: String(hit.parcel) });
  return hit.text ?? '';
}

export interface HitContext {
  parcelAddress(id: string): string | undefined;
  layerLabel(layer: SiteHit['layer']): string;
}

function hitDetail(hit: SiteHit, i18n: I18n, context: HitContext): string {
  const kind = i18n.t(`publish.kind.${hit.kind}`);
  // A planning code is shared by several layers: say whose features it is.
  const extra = hit.kind === 'parcel' ? context.parcelAddress(hit.ids[0] ?? '') : hit.kind === 'plan' ? context.layerLabel(hit.layer) : hit.detail;
  const count = hit.ids.length > 1 ? i18n.t('publish.featureCount', { count: hit.ids.length }) : undefined;
  return [kind, extra, count].filter(Boolean).join(' · ');
}

export function renderResults(
  query: string,
  hits: readonly SiteHit[],
  limit: number,
  i18n: I18n,
  context: HitContext,
  onPick: (hit: SiteHit) => void,
): HTMLElement {
  if (hits.length === 0) return el('p', { class: 'pub-muted', 'data-testid': 'search-empty' }, i18n.t('publish.noResults', { query }));
  return el(
    'div',
    { class: 'pub-results' },
    el('p', { class: 'pub-muted' }, i18n.t('publish.results', { count: hits.length })),
    el(
      'ul',
      { 'data-testid': 'search-results' },
      ...hits.map((hit) => {
        const button = el('button', { type: 'button' }, el('strong', {}, hitTitle(hit, i18n)), el('small', {}, hitDetail(hit, i18n, context)));
        button.addEventListener('click', () => onPick(hit));
        return el('li', {}, button);
      }),
    ),
    hits.length >= limit ? el('p', { class: 'pub-muted' }, i18n.t('publish.moreResults', { count: limit })) : null,
  );
}
