/** The planning card of a parcel, as a citizen reads it: big type, one zone per block. */
import type { PlanningCard, PlanningCardZone } from '../../../gis-core/api/contract.js';
import { useI18n } from '../i18n/context.js';
import { formatArea, formatValue } from '../i18n/format.js';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="kiosk-row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function floors(zone: PlanningCardZone, lang: 'vi' | 'en'): string {
  const { minFloors: min, maxFloors: max } = zone;
  if (min === null && max === null) return '—';
  if (min === null) return `≤ ${formatValue(max ?? 0, lang)}`;
  if (max === null) return `≥ ${formatValue(min, lang)}`;
  return min === max ? formatValue(min, lang) : `${formatValue(min, lang)} – ${formatValue(max, lang)}`;
}

function ZoneBlock({ zone }: { zone: PlanningCardZone }) {
  const { t, l, lang } = useI18n();
  const n = (value: number | null, unit = '') => (value === null ? '—' : `${formatValue(value, lang)}${unit}`);
  const share = `${(zone.share * 100).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 })} %`;
  return (
    <section className="kiosk-zone" data-zone={zone.zoneCode}>
      <h3>
        <span className="kiosk-zone-code">{zone.zoneCode}</span> {zone.name ?? ''}
      </h3>
      <p className="kiosk-zone-share">{t('kiosk.card.share', { area: formatArea(zone.areaM2, lang), share })}</p>
      <dl>
        <Row label={t('kiosk.card.function')} value={zone.functionLabel ? l(zone.functionLabel) : '—'} />
        <Row label={t('kiosk.card.landLaw')} value={zone.landLawCode ? `${zone.landLawCode}${zone.landLawLabel ? ` — ${l(zone.landLawLabel)}` : ''}` : '—'} />
        <Row label={t('kiosk.card.density')} value={n(zone.maxDensityPct, ' %')} />
        <Row label={t('kiosk.card.far')} value={n(zone.maxFar)} />
        <Row label={t('kiosk.card.floors')} value={floors(zone, lang)} />
        <Row label={t('kiosk.card.height')} value={n(zone.maxHeightM, ' m')} />
        <Row label={t('kiosk.card.setback')} value={n(zone.setbackM, ' m')} />
      </dl>
    </section>
  );
}

export function PlanningCardView({ card }: { card: PlanningCard }) {
  const { t, l, lang } = useI18n();
  const p = card.parcel;
  return (
    <article className="kiosk-card" aria-label={t('kiosk.card.title')}>
      <h2>{t('kiosk.card.parcel', { sheet: p.sheetNo ?? '—', parcel: p.parcelNo ?? '—' })}</h2>
      <dl>
        <Row label={t('kiosk.card.address')} value={p.address ?? p.ward ?? '—'} />
        <Row label={t('kiosk.card.area')} value={formatArea(p.areaM2, lang)} />
        <Row label={t('kiosk.card.legalArea')} value={p.legalAreaM2 === null ? '—' : formatArea(p.legalAreaM2, lang)} />
        <Row label={t('kiosk.card.landUse')} value={p.landLawCode ? `${p.landLawCode}${p.landLawLabel ? ` — ${l(p.landLawLabel)}` : ''}` : '—'} />
        <Row
          label={t('kiosk.card.redLine')}
          value={card.redLineDistanceM === null ? t('kiosk.card.noRedLine') : `${formatValue(card.redLineDistanceM, lang)} m${card.redLineRoad ? ` (${card.redLineRoad})` : ''}`}
        />
      </dl>
      <h3 className="kiosk-zones-title">{card.zones.length ? t('kiosk.card.zones', { count: card.zones.length }) : t('kiosk.card.noZone')}</h3>
      {card.zones.map((zone) => (
        <ZoneBlock key={zone.uuid} zone={zone} />
      ))}
      {card.unzonedAreaM2 > 0 && card.zones.length > 0 && <p>{t('kiosk.card.unzoned', { area: formatArea(card.unzonedAreaM2, lang) })}</p>}
      {card.zonesOverlap && <p className="kiosk-message">{t('kiosk.card.overlap')}</p>}
      <dl className="kiosk-plan">
        <Row label={t('kiosk.card.plan')} value={card.plan.name} />
        <Row label={t('kiosk.card.decision')} value={`${card.plan.decisionNo}, ${card.plan.decisionDate}`} />
        <Row label={t('kiosk.card.authority')} value={card.plan.authority} />
      </dl>
      <p className="kiosk-disclaimer" role="note">
        {l(card.disclaimer)}
      </p>
    </article>
  );
}
