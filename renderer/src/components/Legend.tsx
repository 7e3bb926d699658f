/** Legend of one layer from its declarative style: one swatch per code-list category, or the single symbol. */
import type { LayerInfo } from '../../../gis-core/api/contract.js';
import type { Symbol as LayerSymbol } from '../../../layers/types.js';
import { useI18n } from '../i18n/context.js';
import { showsCodes } from '../i18n/field-value.js';
import { categorySymbol } from '../map/symbols.js';

function Swatch({ symbol, geometryType }: { symbol: LayerSymbol; geometryType: LayerInfo['geometryType'] }) {
  const stroke = symbol.stroke ?? symbol.point?.stroke;
  const fill = symbol.fill ?? symbol.point?.fill;
  const style: React.CSSProperties = {};
  let className = 'swatch';
  if (geometryType === 'Polygon') {
    style.background = fill?.color ?? 'transparent';
    style.borderColor = stroke?.color ?? 'transparent';
    if (stroke?.dash) style.borderStyle = 'dashed';
  } else if (geometryType === 'LineString') {
    className += ' swatch-line';
    style.borderTopColor = stroke?.color ?? '#000';
    style.borderTopWidth = Math.max(2, Math.min(stroke?.width ?? 2, 5));
    style.borderTopStyle = stroke?.dash ? 'dashed' : 'solid';
  } else {
    className += ` swatch-point swatch-${symbol.point?.shape ?? 'circle'}`;
    style.background = fill?.color ?? '#000';
    style.borderColor = stroke?.color ?? 'transparent';
  }
  return <span className={className} style={style} aria-hidden="true" />;
}

export function Legend({ layer }: { layer: LayerInfo }) {
  const i18n = useI18n();
  const style = layer.style;
  if (style.kind === 'single') {
    return (
      <ul className="legend">
        <li>
          <Swatch symbol={style.symbol} geometryType={layer.geometryType} />
          <span>{i18n.l(layer.label)}</span>
        </li>
      </ul>
    );
  }
  const field = layer.fields.find((f) => f.key === style.field);
  const entries = field?.codeList?.entries ?? [];
  const withCodes = field?.codeList ? showsCodes(field.codeList) : false;
  return (
    <ul className="legend" data-testid={`legend-${layer.id}`}>
      {entries.map((entry) => (
        <li key={entry.code} title={i18n.l(entry.label)}>
          <Swatch
            symbol={entry.color ? categorySymbol(style.base, entry.color, layer.geometryType) : style.fallback}
            geometryType={layer.geometryType}
          />
          {withCodes && <code className="legend-code">{entry.code}</code>}
          <span>{i18n.l(entry.label)}</span>
        </li>
      ))}
      <li>
        <Swatch symbol={style.fallback} geometryType={layer.geometryType} />
        <span className="muted">{i18n.t('layers.other')}</span>
      </li>
    </ul>
  );
}
