/** The attributes of the selected feature: Vietnamese (or English) labels, units, code-list labels. */
import type { ApiFeatureDetail, LayerInfo } from '../../../gis-core/api/contract.js';
import { useI18n } from '../i18n/context.js';
import { fieldValueColor, fieldValueText } from '../i18n/field-value.js';

interface Props {
  readonly layer: LayerInfo;
  readonly feature: ApiFeatureDetail | null;
  readonly error: string | null;
  onClose(): void;
  onZoom(): void;
}

export function IdentifyPanel({ layer, feature, error, onClose, onZoom }: Props) {
  const i18n = useI18n();
  return (
    <aside className="side-panel identify" data-testid="identify-panel" aria-label={i18n.t('identify.title')}>
      <header>
        <div>
          <div className="eyebrow">{i18n.t('identify.title')}</div>
          <h2 data-testid="identify-layer">{i18n.l(layer.label)}</h2>
        </div>
        <button className="icon" onClick={onClose} title={i18n.t('identify.close')} aria-label={i18n.t('identify.close')}>
          ✕
        </button>
      </header>
      {error && <p className="error">{error}</p>}
      {!feature && !error && <p className="muted">…</p>}
      {feature && (
        <>
          <table className="attributes">
            <tbody>
              {layer.fields.map((field) => {
                const value = feature.properties[field.key];
                const text = fieldValueText(field, value, i18n);
                const color = fieldValueColor(field, value);
                return (
                  <tr key={field.key} data-field={field.key}>
                    <th scope="row" title={field.description ? i18n.l(field.description) : field.key}>
                      {i18n.l(field.label)}
                    </th>
                    <td>
                      {color && <span className="chip" style={{ background: color }} aria-hidden="true" />}
                      {text || <span className="muted">{i18n.t('identify.empty')}</span>}
                    </td>
                  </tr>
                );
              })}
              <tr className="meta">
                <th scope="row">{i18n.t('identify.updated')}</th>
                <td>{new Date(feature.updatedAt).toLocaleString(i18n.lang === 'vi' ? 'vi-VN' : 'en-GB')}</td>
              </tr>
              <tr className="meta">
                <th scope="row">{i18n.t('identify.uuid')}</th>
                <td className="mono">{feature.id}</td>
              </tr>
            </tbody>
          </table>
          <div className="panel-actions">
            <button onClick={onZoom}>{i18n.t('identify.zoom')}</button>
          </div>
        </>
      )}
    </aside>
  );
}
