/**
 * Copy attributes: the source feature's values, a tick per field (code lists, numbers, dates
 * ticked; codes, names and notes not — they identify one feature), applied to the selection.
 */
import { useState } from 'react';
import type { LayerInfo } from '../../../gis-core/api/contract.js';
import type { CopySource } from '../edit/edit-session.js';
import { copiedByDefault } from '../edit/form-model.js';
import { useI18n } from '../i18n/context.js';
import { fieldValueText } from '../i18n/field-value.js';

interface Props {
  readonly info: LayerInfo;
  readonly source: CopySource | null;
  readonly targets: number;
  readonly busy: boolean;
  onApply(keys: string[]): Promise<boolean>;
  onCancel(): void;
}

export function CopyAttributesPanel({ info, source, targets, busy, onApply, onCancel }: Props) {
  const i18n = useI18n();
  const fields = info.fields.filter((f) => !f.derived);
  const [keys, setKeys] = useState<Set<string>>(() => new Set(fields.filter(copiedByDefault).map((f) => f.key)));
  return (
    <aside className="side-panel copy-panel" data-testid="copy-panel" aria-label={i18n.t('form.copyTitle')}>
      <header>
        <div>
          <div className="eyebrow">{i18n.t('form.copyTitle')}</div>
          <h2>{i18n.l(info.label)}</h2>
        </div>
        <button className="icon" onClick={onCancel} title={i18n.t('form.cancel')} aria-label={i18n.t('form.cancel')}>
          ✕
        </button>
      </header>
      {!source ? (
        <p className="muted">{i18n.t('form.copyPick')}</p>
      ) : (
        <>
          <p>{i18n.t('form.copyFrom', { name: source.name ?? i18n.l(info.label), count: targets })}</p>
          <ul className="copy-fields">
            {fields.map((field) => (
              <li key={field.key}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={keys.has(field.key)}
                    data-testid={`copy-${field.key}`}
                    onChange={(e) => {
                      const next = new Set(keys);
                      if (e.target.checked) next.add(field.key);
                      else next.delete(field.key);
                      setKeys(next);
                    }}
                  />
                  <span className="copy-label">{i18n.l(field.label)}</span>
                  <span className="copy-value">{fieldValueText(field, source.properties[field.key], i18n) || i18n.t('form.empty')}</span>
                </label>
              </li>
            ))}
          </ul>
          {keys.size === 0 && <p className="muted small">{i18n.t('form.copyNone')}</p>}
          <div className="form-actions">
            <button onClick={onCancel}>{i18n.t('form.cancel')}</button>
            <button className="primary" disabled={busy || keys.size === 0 || targets === 0} data-testid="copy-apply" onClick={() => void onApply([...keys])}>
              {i18n.t('form.copyApply')}
            </button>
          </div>
        </>
      )}
    </aside>
  );
}
