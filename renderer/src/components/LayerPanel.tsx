/**
 * The layer panel, grouped by domain (Quy hoạch, Địa chính – Công trình, Giao thông, Thoát nước,
 * Cấp nước, Chiếu sáng). Within a group the top-drawn layer is listed first; moving a layer up or
 * down changes the drawing order (within its group, so networks stay above zoning).
 */
import type { LayerInfo } from '../../../gis-core/api/contract.js';
import type { LayerId } from '../../../layers/types.js';
import { useI18n } from '../i18n/context.js';
import type { LayerLoadState } from '../map/view-loader.js';
import { LayerRow, type LayerUiState } from './LayerRow.js';

interface Props {
  readonly layers: readonly LayerInfo[];
  /** Layer ids from the bottom of the drawing order to the top. */
  readonly order: readonly LayerId[];
  readonly ui: ReadonlyMap<LayerId, LayerUiState>;
  readonly load: ReadonlyMap<LayerId, LayerLoadState>;
  /** Feature counts, kept up to date by edits. */
  readonly counts?: ReadonlyMap<LayerId, number>;
  /** The layer being edited (edit mode), or null. */
  readonly editLayer: LayerId | null;
  onChange(id: LayerId, ui: LayerUiState): void;
  onOrder(bottomFirst: LayerId[]): void;
  onZoom(id: LayerId): void;
  onTable(id: LayerId): void;
  onEdit(id: LayerId): void;
}

export function LayerPanel({ layers, order, ui, load, counts, editLayer, onChange, onOrder, onZoom, onTable, onEdit }: Props) {
  const i18n = useI18n();
  const byId = new Map(layers.map((l) => [l.id, l]));
  const groups = [...new Map(layers.map((l) => [l.group.id, l.group])).values()].sort((a, b) => a.order - b.order);
  const topFirst = [...order].reverse();

  function move(id: LayerId, direction: 'up' | 'down'): void {
    const group = byId.get(id)?.group.id;
    const sameGroup = order.filter((other) => byId.get(other)?.group.id === group);
    const at = sameGroup.indexOf(id);
    const swapWith = sameGroup[direction === 'up' ? at + 1 : at - 1];
    if (!swapWith) return;
    const next = [...order];
    const i = next.indexOf(id);
    const j = next.indexOf(swapWith);
    next[i] = swapWith;
    next[j] = id;
    onOrder(next);
  }

  return (
    <aside className="layer-panel" aria-label={i18n.t('layers.title')}>
      <h2>{i18n.t('layers.title')}</h2>
      {groups.map((group) => {
        const members = topFirst.filter((id) => byId.get(id)?.group.id === group.id);
        return (
          <section key={group.id} className="layer-group" data-testid={`group-${group.id}`}>
            <h3>{i18n.l(group.label)}</h3>
            <ul>
              {members.map((id, index) => {
                const layer = byId.get(id)!;
                return (
                  <LayerRow
                    key={id}
                    layer={layer}
                    count={counts?.get(id) ?? layer.featureCount}
                    ui={ui.get(id) ?? { visible: true, opacity: 1 }}
                    load={load.get(id)}
                    canMoveUp={index > 0}
                    canMoveDown={index < members.length - 1}
                    onChange={(next) => onChange(id, next)}
                    onMove={(direction) => move(id, direction)}
                    onZoom={() => onZoom(id)}
                    onTable={() => onTable(id)}
                    editing={editLayer === id}
                    onEdit={() => onEdit(id)}
                  />
                );
              })}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}
