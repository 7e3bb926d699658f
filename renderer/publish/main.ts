/**
 * The published web map (a `plandesk publish` site): read-only, offline, Vietnamese first.
 * Loads the site's manifest, layers and search index from its own folder, draws the map as the
 * app does, and offers search (tờ/thửa, address, road, plot code), identify by click and the
 * legend with layer switches.
 */
import 'ol/ol.css';
import './style.css';
import type Feature from 'ol/Feature.js';
import type { LayerId } from '../../layers/types.js';
import type { SiteManifest } from '../../gis-core/publish/site-format.js';
import { SiteSearch, type SiteHit } from '../../gis-core/publish/site-search.js';
import type { Lang } from '../src/i18n/strings.js';
import { el } from './dom.js';
import { renderFeatureCard } from './feature-card.js';
import { initialLang, makeViewerI18n, rememberLang } from './i18n.js';
import { renderLegend } from './legend.js';
import { renderResults } from './search-results.js';
import { SiteDataError, loadLayerData, loadManifest, loadSearchIndex } from './site-data.js';
import { SiteMap, type Picked } from './site-map.js';

const SEARCH_LIMIT = 30;

interface Selection {
  readonly picked: Picked;
  readonly all: readonly Feature[];
}

class Viewer {
  private lang: Lang = initialLang();
  private i18n = makeViewerI18n(this.lang);
  private search: SiteSearch | undefined;
  private query = '';
  private hits: SiteHit[] | undefined;
  private selection: Selection | undefined;
  private readonly visible = new Map<LayerId, boolean>();
  private readonly panel = el('div', { class: 'pub-panel-body' });
  private readonly header = el('header', { class: 'pub-header' });
  private readonly input = el('input', { type: 'search', id: 'pub-search', autocomplete: 'off', 'data-testid': 'search-input' });
  private readonly form = el('form', { class: 'pub-search', role: 'search' });
  private readonly map: SiteMap;
  private loaded = 0;

  constructor(
    root: HTMLElement,
    private readonly manifest: SiteManifest,
  ) {
    const mapElement = el('main', { class: 'pub-map', id: 'map', 'data-testid': 'map' });
    root.replaceChildren(this.header, el('div', { class: 'pub-body' }, el('aside', { class: 'pub-panel' }, this.form, this.panel), mapElement));
    this.map = new SiteMap(mapElement, manifest);
    for (const layer of manifest.layers) this.visible.set(layer.id, layer.visible);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.runSearch(this.input.value);
    });
    this.map.map.on('singleclick', (event) => this.identify(event.pixel));
    this.map.map.getView().on('change:resolution', () => this.renderPanel());
    this.render();
  }

  async load(): Promise<void> {
    const searchLoad = loadSearchIndex(this.manifest).then((index) => {
      this.search = new SiteSearch(index);
      if (this.query) this.runSearch(this.query);
    });
    await Promise.all([
      ...this.manifest.layers.map(async (layer) => {
        this.loaded += this.map.addLayerData(layer.id, await loadLayerData(layer.file));
      }),
      searchLoad,
    ]);
    this.map.markLoaded();
    document.body.dataset.ready = 'true';
    this.render();
  }

  private setLang(lang: Lang): void {
    this.lang = lang;
    this.i18n = makeViewerI18n(lang);
    rememberLang(lang);
    this.render();
  }

  private render(): void {
    const t = this.i18n.t;
    document.documentElement.lang = this.lang;
    document.title = this.manifest.title;
    const other: Lang = this.lang === 'vi' ? 'en' : 'vi';
    const switcher = el('button', { type: 'button', class: 'pub-lang', title: t('publish.languageTitle'), 'data-testid': 'language-switch', lang: other }, t('publish.language'));
    switcher.addEventListener('click', () => this.setLang(other));
    const published = new Date(this.manifest.publishedAt).toLocaleDateString(this.lang === 'vi' ? 'vi-VN' : 'en-GB');
    this.header.replaceChildren(
      el(
        'div',
        {},
        el('h1', {}, this.manifest.title),
        el('p', {}, [this.manifest.project.province, t('publish.publishedOn', { date: published }), `${this.manifest.crs.name}`, t('publish.readOnly')].join(' · ')),
      ),
      switcher,
    );
    const label = el('label', { for: 'pub-search', class: 'pub-search-label' }, t('publish.searchLabel'));
    this.input.placeholder = t('publish.searchPlaceholder');
    this.input.setAttribute('aria-label', t('publish.searchLabel'));
    const button = el('button', { type: 'submit', class: 'pub-button pub-primary' }, t('publish.searchButton'));
    const fit = el('button', { type: 'button', class: 'pub-button' }, t('publish.fullExtent'));
    fit.addEventListener('click', () => this.map.fitAll());
    this.form.replaceChildren(label, el('div', { class: 'pub-search-row' }, this.input, button), el('div', { class: 'pub-search-row' }, el('small', { class: 'pub-muted' }, t('publish.searchHint')), fit));
    this.renderPanel();
  }

  private renderPanel(): void {
    const t = this.i18n.t;
    const parts: HTMLElement[] = [];
    if (this.hits !== undefined) {
      const context = { parcelAddress: (id: string) => this.parcelAddress(id), layerLabel: (id: LayerId) => this.layerLabel(id) };
      parts.push(renderResults(this.query, this.hits, SEARCH_LIMIT, this.i18n, context, (hit) => this.pickHit(hit)));
    }
    if (this.selection) {
      const { picked } = this.selection;
      parts.push(renderFeatureCard(picked.layer, picked.feature, this.i18n, { zoom: () => this.zoomToSelection(), close: () => this.select(undefined) }));
    } else {
      parts.push(el('p', { class: 'pub-muted pub-hint' }, t('publish.cardHint')));
    }
    parts.push(
      el('h2', { class: 'pub-section' }, t('publish.legend')),
      renderLegend(
        this.manifest.layers,
        this.i18n,
        { visible: (id) => this.visible.get(id) ?? true, drawn: (id) => this.map.drawnAtCurrentScale(id) },
        (id, visible) => {
          this.visible.set(id, visible);
          this.map.setVisible(id, visible);
        },
      ),
    );
    if (document.body.dataset.ready !== 'true') parts.push(el('p', { class: 'pub-muted' }, t('publish.loading')));
    this.panel.replaceChildren(...parts);
  }

  private layerLabel(id: LayerId): string {
    const layer = this.map.layerInfo(id);
    return layer ? this.i18n.l(layer.label) : id;
  }

  private parcelAddress(id: string): string | undefined {
    const address = this.map.featuresOf('parcels', [id])[0]?.get('address') as unknown;
    return typeof address === 'string' ? address : undefined;
  }

  private runSearch(query: string): void {
    this.query = query.trim();
    if (!this.search) return; // runs again when the index has loaded
    this.hits = this.query ? this.search.search(this.query, SEARCH_LIMIT) : undefined;
    // One hit: go there at once, as a person would expect from "tờ 4 thửa 12".
    const only = this.hits?.length === 1 ? this.hits[0] : undefined;
    if (only) this.pickHit(only);
    else this.renderPanel();
  }

  private pickHit(hit: SiteHit): void {
    const features = this.map.featuresOf(hit.layer, hit.ids);
    const layer = this.map.layerInfo(hit.layer);
    const first = features[0];
    this.map.zoomTo(hit.bbox);
    if (layer && first) this.select({ picked: { layer, feature: first }, all: features });
    else this.renderPanel();
  }

  private identify(pixel: number[]): void {
    const picked = this.map.pick(pixel);
    this.select(picked ? { picked, all: [picked.feature] } : undefined);
  }

  private select(selection: Selection | undefined): void {
    this.selection = selection;
    this.map.highlightFeatures(selection?.all ?? []);
    this.renderPanel();
  }

  private zoomToSelection(): void {
    if (this.selection) this.map.zoomTo(this.map.extentOf(this.selection.all));
  }
}

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const i18n = makeViewerI18n(initialLang());
  try {
    const manifest = await loadManifest();
    await new Viewer(root, manifest).load();
  } catch (error) {
    const file = error instanceof SiteDataError ? error.file : '';
    const message = error instanceof Error ? error.message : String(error);
    root.replaceChildren(el('p', { class: 'pub-status pub-error', role: 'alert' }, i18n.t('publish.loadError', { file, error: message })));
    document.body.dataset.ready = 'error';
  }
}

void start();
