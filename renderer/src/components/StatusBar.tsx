/** Pointer coordinates in VN-2000 (x east, y north, metres) and WGS 84 (lat, lon), scale, CRS, load state. */
import { useEffect, useState } from 'react';
import type { CrsInfo } from '../../../gis-core/api/contract.js';
import { useI18n } from '../i18n/context.js';
import { formatNumber } from '../i18n/format.js';
import type { MapController, PointerPosition, ViewState } from '../map/map-controller.js';
import type { BasemapSettings } from '../map/basemap.js';

interface Props {
  readonly crs: CrsInfo;
  readonly controller: MapController | null;
  readonly view: ViewState | null;
  readonly pending: number;
  readonly basemap: BasemapSettings;
}

/** The host of a base-map URL template, for the status bar. */
function hostOf(template: string): string {
  try {
    return new URL(template.replace(/[{}]/g, ''), window.location.href).host;
  } catch {
    return template;
  }
}

export function StatusBar({ crs, controller, view, pending, basemap }: Props) {
  const i18n = useI18n();
  const [pointer, setPointer] = useState<PointerPosition | null>(null);
  useEffect(() => controller?.onPointer(setPointer), [controller]);
  const n = (value: number | undefined, digits: number) => (value === undefined ? '—' : formatNumber(value, i18n.lang, digits));
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className="status-item crs" title={i18n.t('crs.project')}>
        {i18n.l(crs.label)} <span className="muted">({crs.code})</span>
      </span>
      <span className="status-item coords" data-testid="coords-vn2000">
        <b>{i18n.t('status.vn2000')}</b> {i18n.t('status.east')}{' '}
        <output data-testid="coord-x" data-value={pointer?.projected[0]}>{n(pointer?.projected[0], 2)}</output> m · {i18n.t('status.north')}{' '}
        <output data-testid="coord-y" data-value={pointer?.projected[1]}>{n(pointer?.projected[1], 2)}</output> m
      </span>
      <span className="status-item coords" data-testid="coords-wgs84">
        <b>{i18n.t('status.wgs84')}</b> {i18n.t('status.lat')}{' '}
        <output data-testid="coord-lat" data-value={pointer?.lonLat[1]}>{n(pointer?.lonLat[1], 6)}</output>° · {i18n.t('status.lon')}{' '}
        <output data-testid="coord-lon" data-value={pointer?.lonLat[0]}>{n(pointer?.lonLat[0], 6)}</output>°
      </span>
      <span className="status-item" data-testid="scale">
        {i18n.t('status.scale')} 1 : {view ? formatNumber(Math.round(view.scaleDenominator), i18n.lang, 0) : '—'}
      </span>
      <span className="status-item grow" />
      <span className="status-item" data-testid="basemap-state">
        {basemap.kind === 'off' ? `● ${i18n.t('status.offline')}` : i18n.t('status.basemapOn', { url: hostOf(basemap.url) })}
      </span>
      <span className={`status-item load${pending > 0 ? ' busy' : ''}`} data-testid="load-state" data-pending={pending}>
        {pending > 0 ? i18n.t('status.loading') : i18n.t('status.ready')}
      </span>
    </footer>
  );
}
