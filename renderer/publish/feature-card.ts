/** The card of a feature: its layer, its title and its attributes with their Vietnamese/English labels. */
import type Feature from 'ol/Feature.js';
import type { SiteLayer } from '../../gis-core/publish/site-format.js';
import type { I18n } from '../src/i18n/context.js';
import { fieldValueText } from '../src/i18n/field-value.js';
import { el } from './dom.js';

/** A feature's heading: tờ/thửa for a parcel, the plot code and name for a zone, a name otherwise. */
export function featureTitle(layer: SiteLayer, feature: Feature, i18n: I18n): string {
  const p = feature.getProperties();
  if (layer.id === 'parcels' && p.sheet_no !== undefined) return i18n.t('publish.parcelTitle', { sheet: String(p.sheet_no), parcel: String(p.parcel_no) });
  const parts = [p.zone_code, p.name, p.road_name, p.code].filter((v): v is string => typeof v === 'string' && v !== '');
  return parts.length ? [...new Set(parts)].join(' — ') : i18n.l(layer.label);
}

export function renderFeatureCard(layer: SiteLayer, feature: Feature, i18n: I18n, actions: { zoom(): void; close(): void }): HTMLElement {
  const rows = layer.fields
    .map((field) => ({ field, text: fieldValueText(field, feature.get(field.key), i18n) }))
    .filter((row) => row.text !== '');
  const zoom = el('button', { type: 'button', class: 'pub-button' }, i18n.t('publish.zoomTo'));
  zoom.addEventListener('click', actions.zoom);
  const close = el('button', { type: 'button', class: 'pub-close', 'aria-label': i18n.t('publish.close'), title: i18n.t('publish.close') }, '×');
  close.addEventListener('click', actions.close);
  return el(
    'section',
    { class: 'pub-card', 'data-testid': 'feature-card', 'aria-label': i18n.t('publish.card') },
    el('header', {}, el('div', {}, el('small', { class: 'pub-muted' }, i18n.l(layer.label)), el('h2', {}, featureTitle(layer, feature, i18n))), close),
    el('dl', {}, ...rows.flatMap((row) => [el('dt', {}, i18n.l(row.field.label)), el('dd', {}, row.text)])),
    el('div', { class: 'pub-card-actions' }, zoom),
  );
}
