/** Settings: the optional base map (XYZ or WMS URL), off by default. */
import { useState } from 'react';
import { useI18n } from '../i18n/context.js';
import type { BasemapSettings } from '../map/basemap.js';

interface Props {
  readonly basemap: BasemapSettings;
  /** Snapping tolerance while editing, pixels. */
  readonly snapTolerance: number;
  onSave(basemap: BasemapSettings, snapTolerance: number): void;
  onCancel(): void;
}

export function SettingsDialog({ basemap, snapTolerance, onSave, onCancel }: Props) {
  const i18n = useI18n();
  const [kind, setKind] = useState<BasemapSettings['kind']>(basemap.kind);
  const [url, setUrl] = useState(basemap.kind === 'off' ? '' : basemap.url);
  const [layers, setLayers] = useState(basemap.kind === 'wms' ? basemap.layers : '');
  const [opacity, setOpacity] = useState(basemap.kind === 'off' ? 0.6 : basemap.opacity);
  const [tolerance, setTolerance] = useState(snapTolerance);

  function save(): void {
    const snap = Math.max(1, Math.min(50, Math.round(tolerance) || 10));
    if (kind === 'off' || !url.trim()) onSave({ kind: 'off' }, snap);
    else if (kind === 'xyz') onSave({ kind, url: url.trim(), opacity }, snap);
    else onSave({ kind, url: url.trim(), layers: layers.trim(), opacity }, snap);
  }

  return (
    <div className="modal-backdrop" role="presentation" onClick={onCancel}>
      <div className="modal" role="dialog" aria-modal="true" aria-label={i18n.t('settings.title')} onClick={(e) => e.stopPropagation()} data-testid="settings">
        <h2>{i18n.t('settings.title')}</h2>
        <fieldset>
          <legend>{i18n.t('settings.basemap')}</legend>
          <p className="muted small">{i18n.t('settings.basemapHelp')}</p>
          <label>
            {i18n.t('settings.basemapType')}
            <select value={kind} data-testid="basemap-kind" onChange={(e) => setKind(e.target.value as BasemapSettings['kind'])}>
              <option value="off">{i18n.t('settings.basemapOff')}</option>
              <option value="xyz">{i18n.t('settings.xyz')}</option>
              <option value="wms">{i18n.t('settings.wms')}</option>
            </select>
          </label>
          {kind !== 'off' && (
            <>
              <label>
                {i18n.t('settings.url')}
                <input type="url" value={url} data-testid="basemap-url" onChange={(e) => setUrl(e.target.value)} placeholder={kind === 'xyz' ? 'https://…/{z}/{x}/{y}.png' : 'https://…/wms'} />
              </label>
              {kind === 'wms' && (
                <label>
                  {i18n.t('settings.wmsLayers')}
                  <input value={layers} onChange={(e) => setLayers(e.target.value)} />
                </label>
              )}
              <label>
                {i18n.t('settings.basemapOpacity')}
                <input type="range" min={10} max={100} value={Math.round(opacity * 100)} data-testid="basemap-opacity" onChange={(e) => setOpacity(Number(e.target.value) / 100)} />
              </label>
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>{i18n.t('settings.editing')}</legend>
          <p className="muted small">{i18n.t('settings.snapHelp')}</p>
          <label>
            {i18n.t('settings.snapTolerance')}
            <input type="number" min={1} max={50} value={tolerance} data-testid="snap-tolerance" onChange={(e) => setTolerance(Number(e.target.value))} />
          </label>
        </fieldset>
        <div className="modal-actions">
          <button onClick={onCancel}>{i18n.t('settings.cancel')}</button>
          <button className="primary" onClick={save} data-testid="settings-save">
            {i18n.t('settings.save')}
          </button>
        </div>
      </div>
    </div>
  );
}
