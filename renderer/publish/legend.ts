/**
 * The legend with the layer switches: per layer its symbol, or one swatch per code-list
 * category (zoning by land-use function), from the same declarative styles the map draws.
 */
import type { LayerId, Symbol as LayerSymbol } from '../../layers/types.js';
import { categorySymbol, showsCodes } from '../../layers/symbol-paint.js';
import type { SiteLayer } from '../../gis-core/publish/site-format.js';
import type { I18n } from '../src/i18n/context.js';
import { el } from './dom.js';

function swatch(symbol: LayerSymbol, geometryType: SiteLayer['geometryType']): HTMLElement {
  const span = el('span', { class: 'pub-swatch', 'aria-hidden': 'true' });
  const stroke = symbol.stroke ?? symbol.point?.stroke;
  const fill = symbol.fill ?? symbol.point?.fill;
  if (geometryType === 'Polygon') {
    span.style.background = fill?.color ?? 'transparent';
    span.style.borderColor = stroke?.color ?? 'transparent';
    if (stroke?.dash) span.style.borderStyle = 'dashed';
  } else if (geometryType === 'LineString') {
    span.classList.add('pub-swatch-line');
    span.style.borderTopColor = stroke?.color ?? '#000';
    span.style.borderTopWidth = `${Math.max(2, Math.min(stroke?.width ?? 2, 5))}px`;
    span.style.borderTopStyle = stroke?.dash ? 'dashed' : 'solid';
  } else {
    span.classList.add('pub-swatch-point');
    span.style.background = fill?.color ?? '#000';
    span.style.borderColor = stroke?.color ?? 'transparent';
  }
  return span;
}

function categories(layer: SiteLayer, i18n: I18n): HTMLElement | null {
  const style = layer.style;
  if (style.kind !== 'categorized') return null;
  const list = layer.fields.find((f) => f.key === style.field)?.codeList;
  if (!list) return null;
  const withCodes = showsCodes(list);
  return el(
    'ul',
    { class: 'pub-legend-categories', 'data-testid': `legend-${layer.id}` },
    ...list.entries.map((entry) =>
      el(
        'li',
        { title: i18n.l(entry.label) },
        swatch(entry.color ? categorySymbol(style.base, entry.color, layer.geometryType) : style.fallback, layer.geometryType),
        withCodes ? el('code', {}, entry.code) : null,
        el('span', {}, i18n.l(entry.label)),
      ),
    ),
  );
}

export function renderLegend(
  layers: readonly SiteLayer[],
  i18n: I18n,
  state: { visible(id: LayerId): boolean; drawn(id: LayerId): boolean },
  onToggle: (id: LayerId, visible: boolean) => void,
): HTMLElement {
  // Top layer first, as a map legend reads.
  const ordered = [...layers].sort((a, b) => b.drawOrder - a.drawOrder);
  return el(
    'ul',
    { class: 'pub-legend' },
    ...ordered.map((layer) => {
      const box = el('input', { type: 'checkbox', 'data-testid': `layer-toggle-${layer.id}` });
      box.checked = state.visible(layer.id);
      box.addEventListener('change', () => onToggle(layer.id, box.checked));
      const symbol = layer.style.kind === 'single' ? swatch(layer.style.symbol, layer.geometryType) : null;
      return el(
        'li',
        {},
        el(
          'label',
          { class: 'pub-legend-layer' },
          box,
          symbol,
          el('span', {}, i18n.l(layer.label)),
          !state.drawn(layer.id) ? el('small', { class: 'pub-muted' }, ` (${i18n.t('publish.zoomInToSee')})`) : null,
        ),
        categories(layer, i18n),
      );
    }),
  );
}
