/** One layer in the panel: visibility, name, count and load state, opacity, order, zoom, table, legend. */
import { useState } from 'react';
import type { LayerInfo } from '../../../gis-core/api/contract.js';
import { useI18n } from '../i18n/context.js';
import { formatValue } from '../i18n/format.js';
import type { LayerLoadState } from '../map/view-loader.js';
import { Legend } from './Legend.js';

export interface LayerUiState {
  readonly visible: boolean;
  readonly opacity: number;
}

interface Props {
  readonly layer: LayerInfo;
  /** Features in the layer now (after edits). */
  readonly count: number;
  readonly ui: LayerUiState;
  readonly load: LayerLoadState | undefined;
  readonly canMoveUp: boolean;
  readonly canMoveDown: boolean;
  /** This is the layer being edited. */
  readonly editing: boolean;
  onChange(ui: LayerUiState): void;
  onMove(direction: 'up' | 'down'): void;
  onZoom(): void;
  onTable(): void;
  onEdit(): void;
}

function LoadNote({ load }: { load: LayerLoadState | undefined }) {
  const i18n = useI18n();
  if (!load) return null;
  switch (load.state) {
    case 'zoom-in':
      return <div className="layer-note">{i18n.t('layers.zoomIn')}</div>;
    case 'loading':
      return <div className="layer-note">{i18n.t('layers.loading')}</div>;
    case 'error':
      return <div className="layer-note error">{load.message}</div>;
    case 'loaded':
      if (load.truncated) {
        return (
          <div className="layer-note warn">
            {i18n.t('layers.truncated', { shown: formatValue(load.shown, i18n.lang), total: formatValue(load.matched, i18n.lang) })}
          </div>
        );
      }
      return load.generalised ? <div className="layer-note">{i18n.t('layers.generalised')}</div> : null;
    default:
      return null;
  }
}

export function LayerRow({ layer, count, ui, load, canMoveUp, canMoveDown, editing, onChange, onMove, onZoom, onTable, onEdit }: Props) {
  const i18n = useI18n();
  const [legendOpen, setLegendOpen] = useState(layer.style.kind === 'categorized' && layer.drawOrder === 0);
  const dim = load?.state === 'zoom-in';
  return (
    <li className={`layer-row${dim ? ' dim' : ''}${editing ? ' editing' : ''}`} data-testid={`layer-${layer.id}`}>
      <div className="layer-head">
        <input
          type="checkbox"
          checked={ui.visible}
          title={i18n.t('layers.visible')}
          aria-label={`${i18n.t('layers.visible')}: ${i18n.l(layer.label)}`}
          data-testid={`layer-toggle-${layer.id}`}
          onChange={(e) => onChange({ ...ui, visible: e.target.checked })}
        />
        <button className="layer-name" onClick={() => setLegendOpen(!legendOpen)} title={i18n.t('layers.legend')}>
          <span className={`chevron${legendOpen ? ' open' : ''}`}>▸</span>
          {i18n.l(layer.label)}
        </button>
        <span className="layer-count" title={i18n.t('layers.features')} data-testid={`layer-count-${layer.id}`}>
          {formatValue(count, i18n.lang)}
        </span>
        <button
          className={`icon layer-edit${editing ? ' active' : ''}`}
          title={i18n.t('layers.edit')}
          aria-label={`${i18n.t('layers.edit')}: ${i18n.l(layer.label)}`}
          aria-pressed={editing}
          data-testid={`layer-edit-${layer.id}`}
          onClick={onEdit}
        >
          ✎
        </button>
      </div>
      <LoadNote load={load} />
      {legendOpen && (
        <div className="layer-body">
          <div className="layer-tools">
            <label className="opacity" title={i18n.t('layers.opacity')}>
              <span aria-hidden="true">◐</span>
              <input
                type="range"
                min={0}
                max={100}
                value={Math.round(ui.opacity * 100)}
                aria-label={i18n.t('layers.opacity')}
                data-testid={`layer-opacity-${layer.id}`}
                onChange={(e) => onChange({ ...ui, opacity: Number(e.target.value) / 100 })}
              />
            </label>
            <button className="icon" disabled={!canMoveUp} title={i18n.t('layers.up')} aria-label={i18n.t('layers.up')} onClick={() => onMove('up')}>
              ↑
            </button>
            <button className="icon" disabled={!canMoveDown} title={i18n.t('layers.down')} aria-label={i18n.t('layers.down')} onClick={() => onMove('down')}>
              ↓
            </button>
            <button className="icon" title={i18n.t('layers.zoomTo')} aria-label={i18n.t('layers.zoomTo')} onClick={onZoom} disabled={!layer.extent}>
              ⤢
            </button>
            <button className="icon" title={i18n.t('layers.table')} aria-label={i18n.t('layers.table')} data-testid={`layer-table-${layer.id}`} onClick={onTable}>
              ☰
            </button>
          </div>
          <Legend layer={layer} />
        </div>
      )}
    </li>
  );
}
