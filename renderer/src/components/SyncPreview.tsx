/**
 * The sync preview: what a push would send (inserts, updates, deletes by layer, the attributes
 * changed) and what it would overwrite on the server (the server's base values beside ours),
 * drawn on the map in one colour per kind with a legend; a click on an item zooms to it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LayerInfo, SyncChange, SyncChangeKind, SyncChangeset } from '../../../gis-core/api/contract.js';
import { useI18n } from '../i18n/context.js';
import type { MapController } from '../map/map-controller.js';
import { conflictValueText } from '../sync/sync-text.js';
import { ROLE_COLORS } from '../sync/overlay-styles.js';
import { SyncOverlay } from '../sync/sync-overlay.js';

interface Props {
  readonly changeset: SyncChangeset;
  readonly layers: readonly LayerInfo[];
  readonly controller: MapController;
}

const KINDS: readonly SyncChangeKind[] = ['insert', 'update', 'delete'];
const SHOWN_MAX = 500;
const changeId = (c: SyncChange) => `${c.layer}:${c.uuid}`;

export function SyncPreview({ changeset, layers, controller }: Props) {
  const i18n = useI18n();
  const overlayRef = useRef<SyncOverlay | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const byId = useMemo(() => new Map(layers.map((l) => [l.id, l])), [layers]);
  const counts = Object.fromEntries(KINDS.map((k) => [k, changeset.changes.filter((c) => c.kind === k).length])) as Record<SyncChangeKind, number>;

  useEffect(() => {
    const overlay = new SyncOverlay(controller, 'preview');
    overlayRef.current = overlay;
    return () => {
      overlay.dispose();
      overlayRef.current = null;
    };
  }, [controller]);

  useEffect(() => {
    overlayRef.current?.show(changeset.changes.flatMap((c) => (c.geometry ? [{ id: changeId(c), role: c.kind, geometry: c.geometry }] : [])));
  }, [changeset]);

  function pick(change: SyncChange): void {
    const id = changeId(change);
    setPicked(id);
    overlayRef.current?.select(id);
    const extent = overlayRef.current?.extent(id);
    if (extent) controller.fit(extent, 300, 80);
  }

  if (changeset.changes.length === 0) {
    return (
      <p className="muted" data-testid="sync-preview-empty">
        {i18n.t('sync.preview.empty')}
      </p>
    );
  }

  return (
    <div className="sync-preview" data-testid="sync-preview" data-count={changeset.changes.length}>
      <div className="sync-legend" data-testid="sync-preview-legend">
        {KINDS.map((k) => (
          <span key={k} className="sync-legend-item" data-testid={`sync-preview-count-${k}`} data-count={counts[k]}>
            <i className={`swatch ${k === 'delete' ? 'dashed' : ''}`} style={{ borderColor: ROLE_COLORS[k] }} />
            {i18n.t(`sync.kind.${k}`)} ({counts[k]})
          </span>
        ))}
      </div>
      <ul className="sync-list">
        {changeset.changes.slice(0, SHOWN_MAX).map((change) => {
          const info = byId.get(change.layer);
          const id = changeId(change);
          return (
            <li key={id} className={picked === id ? 'picked' : ''} data-testid="sync-preview-item" data-uuid={change.uuid} data-kind={change.kind}>
              <button type="button" className="sync-item" onClick={() => pick(change)} title={i18n.t('sync.zoomTo')}>
                <span className="sync-kind" style={{ background: ROLE_COLORS[change.kind] }}>
                  {i18n.t(`sync.kind.${change.kind}`)}
                </span>
                <span className="sync-item-title">
                  {info ? i18n.l(info.label) : change.layer} <span className="muted small">{change.uuid.slice(-8)}</span>
                </span>
                {change.blocked && <span className="sync-blocked">{i18n.t('sync.preview.blocked')}</span>}
              </button>
              {change.kind === 'insert' && picked === id && (
                <table className="sync-table small" data-testid="sync-preview-values">
                  <tbody>
                    {Object.entries(change.values)
                      .filter(([key, value]) => key !== 'geometry' && value !== null && value !== undefined)
                      .map(([key, value]) => {
                        const field = info?.fields.find((f) => f.key === key);
                        return (
                          <tr key={key}>
                            <td>{field ? i18n.l(field.label) : key}</td>
                            <td>{conflictValueText(value, field, i18n)}</td>
                          </tr>
                        );
                      })}
                  </tbody>
                </table>
              )}
              {change.kind === 'update' && change.attributes.length > 0 && (
                <table className="sync-table small">
                  <thead>
                    <tr>
                      <th>{i18n.t('sync.col.attribute')}</th>
                      <th>{i18n.t('sync.col.server')}</th>
                      <th>{i18n.t('sync.col.sent')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {change.attributes.map((attribute) => {
                      const field = info?.fields.find((f) => f.key === attribute);
                      return (
                        <tr key={attribute}>
                          <td>{attribute === 'geometry' ? i18n.t('sync.conflict.geometry') : field ? i18n.l(field.label) : attribute}</td>
                          <td className="overwritten">{conflictValueText(change.overwrites[attribute], field, i18n)}</td>
                          <td>{conflictValueText(change.values[attribute], field, i18n)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </li>
          );
        })}
      </ul>
      {changeset.changes.length > SHOWN_MAX && <p className="muted small">{i18n.t('sync.preview.more', { n: changeset.changes.length - SHOWN_MAX })}</p>}
    </div>
  );
}
