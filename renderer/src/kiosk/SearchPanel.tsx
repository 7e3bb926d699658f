/** The three searches of the home screen: tờ + thửa, address, plot code; and the hit list. */
import { useState, type FormEvent } from 'react';
import type { PlanningLookupHit, PlanningLookupRequest } from '../../../gis-core/api/contract.js';
import { useI18n } from '../i18n/context.js';

export type SearchKind = 'parcel' | 'address' | 'plan';

interface Props {
  readonly kind: SearchKind;
  readonly onKind: (kind: SearchKind) => void;
  readonly busy: boolean;
  readonly onSearch: (request: PlanningLookupRequest) => void;
  readonly hits: readonly PlanningLookupHit[] | null;
  readonly truncated: boolean;
  readonly onHit: (hit: PlanningLookupHit) => void;
}

export function SearchPanel({ kind, onKind, busy, onSearch, hits, truncated, onHit }: Props) {
  const { t, l } = useI18n();
  const [sheet, setSheet] = useState('');
  const [parcel, setParcel] = useState('');
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (kind === 'parcel') onSearch({ by: 'parcel', sheet: Number(sheet), parcel: Number(parcel) });
    else if (kind === 'address') onSearch({ by: 'address', text: address });
    else onSearch({ by: 'plan', code });
  };
  const ready = kind === 'parcel' ? /^\d+$/.test(sheet) && /^\d+$/.test(parcel) : kind === 'address' ? address.trim().length >= 4 : code.trim().length >= 2;
  return (
    <div className="kiosk-search">
      <div className="kiosk-tabs" role="tablist">
        {(['parcel', 'address', 'plan'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={kind === k} className={kind === k ? 'active' : ''} onClick={() => onKind(k)}>
            {t(`kiosk.tab.${k}`)}
          </button>
        ))}
      </div>
      <form onSubmit={submit} autoComplete="off">
        {kind === 'parcel' && (
          <div className="kiosk-fields">
            <label>
              {t('kiosk.sheet')}
              <input inputMode="numeric" pattern="[0-9]*" maxLength={6} value={sheet} onChange={(e) => setSheet(e.target.value.replace(/\D/g, ''))} />
            </label>
            <label>
              {t('kiosk.parcel')}
              <input inputMode="numeric" pattern="[0-9]*" maxLength={9} value={parcel} onChange={(e) => setParcel(e.target.value.replace(/\D/g, ''))} />
            </label>
          </div>
        )}
        {kind === 'address' && (
          <label>
            {t('kiosk.address')}
            <input maxLength={120} placeholder={t('kiosk.addressHint')} value={address} onChange={(e) => setAddress(e.target.value)} />
          </label>
        )}
        {kind === 'plan' && (
          <label>
            {t('kiosk.planCode')}
            <input maxLength={20} placeholder={t('kiosk.planHint')} value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} />
          </label>
        )}
        <button type="submit" className="kiosk-primary" disabled={!ready || busy}>
          {busy ? t('kiosk.searching') : t('kiosk.search')}
        </button>
      </form>
      {hits && hits.length === 0 && <p className="kiosk-message">{t('kiosk.noHits')}</p>}
      {hits && hits.length > 0 && (
        <ul className="kiosk-hits">
          {hits.map((hit) => (
            <li key={hit.uuid}>
              <button type="button" onClick={() => onHit(hit)}>
                <strong>{l(hit.title)}</strong>
                {hit.detail && <span>{l(hit.detail)}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {truncated && <p className="kiosk-message">{t('kiosk.truncated', { count: hits?.length ?? 0 })}</p>}
      <p className="kiosk-hint">{t('kiosk.tapHint')}</p>
    </div>
  );
}
