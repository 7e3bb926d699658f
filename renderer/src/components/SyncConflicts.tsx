/**
 * The sync conflicts: one row per feature (open first); selecting one zooms to it and draws its
 * base, local and server geometries side by side with a legend, and lists its attributes base |
 * mine | server, each resolved on its own: keep mine, take the server's, or edit (a typed value;
 * for the geometry, the feature's current local geometry after reshaping it with the edit
 * tools). Each choice goes to syncResolve; the list is read again.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LayerInfo, PlanDeskApi, SyncConflict, SyncResolution, SyncStatus } from '../../../gis-core/api/contract.js';
import { useI18n } from '../i18n/context.js';
import type { MapController } from '../map/map-controller.js';
import { conflictGroups, conflictOverlay, parseEditValue, type ConflictGroup } from '../sync/conflicts.js';
import { ROLE_COLORS, type OverlayRole } from '../sync/overlay-styles.js';
import { syncMessage, type SyncMessage } from '../sync/sync-errors.js';
import { SyncOverlay } from '../sync/sync-overlay.js';
import { attributeLabel, conflictValueText } from '../sync/sync-text.js';
import { SyncErrorBox } from './SyncConnectForm.js';

interface Props {
  readonly api: PlanDeskApi;
  readonly conflicts: readonly SyncConflict[];
  readonly layers: readonly LayerInfo[];
  readonly controller: MapController;
  /** After a resolution: its new status (the panel reads the conflicts and the layer again). */
  onResolved(status: SyncStatus, conflict: SyncConflict): void;
}

const LEGEND: readonly { role: OverlayRole; key: 'sync.side.base' | 'sync.side.mine' | 'sync.side.theirs' | 'sync.side.location' }[] = [
  { role: 'base', key: 'sync.side.base' },
  { role: 'mine', key: 'sync.side.mine' },
  { role: 'theirs', key: 'sync.side.theirs' },
  { role: 'location', key: 'sync.side.location' },
];

export function SyncConflicts({ api, conflicts, layers, controller, onResolved }: Props) {
  const i18n = useI18n();
  const overlayRef = useRef<SyncOverlay | null>(null);
  const [pickedKey, setPickedKey] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: number; text: string } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<SyncMessage | null>(null);
  const byId = useMemo(() => new Map(layers.map((l) => [l.id, l])), [layers]);
  const groups = useMemo(() => conflictGroups(conflicts), [conflicts]);
  const picked = groups.find((g) => g.key === pickedKey) ?? null;
  const drawn = picked ? conflictOverlay(picked) : [];

  useEffect(() => {
    const overlay = new SyncOverlay(controller, 'conflicts');
    overlayRef.current = overlay;
    return () => {
      overlay.dispose();
      overlayRef.current = null;
    };
  }, [controller]);

  // Redrawn when the pick or its conflicts change (a resolution re-reads them); keyed by content.
  const drawnKey = JSON.stringify(drawn);
  useEffect(() => {
    overlayRef.current?.show(JSON.parse(drawnKey) as typeof drawn);
    overlayRef.current?.select(pickedKey);
  }, [drawnKey, pickedKey]);

  function pick(group: ConflictGroup): void {
    setPickedKey(group.key);
    setEditing(null);
    setError(null);
    const items = conflictOverlay(group);
    overlayRef.current?.show(items);
    const extent = overlayRef.current?.extent(group.key);
    if (extent) controller.fit(extent, 300, 80);
  }

  async function resolve(conflict: SyncConflict, resolution: SyncResolution): Promise<void> {
    setBusy(conflict.id);
    setError(null);
    try {
      const status = await api.syncResolve(resolution);
      setEditing(null);
      onResolved(status, conflict);
    } catch (e) {
      setError(syncMessage(e, i18n));
    } finally {
      setBusy(null);
    }
  }

  async function keepEditedGeometry(conflict: SyncConflict): Promise<void> {
    try {
      const current = await api.feature(conflict.layer, conflict.uuid, { crs: controller.projectCrs });
      await resolve(conflict, { conflictId: conflict.id, choice: 'edit', value: current.geometry });
    } catch (e) {
      setError(syncMessage(e, i18n));
    }
  }

  function saveEdit(conflict: SyncConflict): void {
    if (!editing) return;
    const field = byId.get(conflict.layer)?.fields.find((f) => f.key === conflict.attribute);
    const value = parseEditValue(editing.text, field);
    if (value === undefined) {
      setError({ code: 'INVALID_ARGUMENT', title: i18n.t('sync.conflict.badValue'), detail: editing.text });
      return;
    }
    void resolve(conflict, { conflictId: conflict.id, choice: 'edit', value });
  }

  if (groups.length === 0) {
    return (
      <p className="muted" data-testid="sync-conflicts-empty">
        {i18n.t('sync.conflicts.empty')}
      </p>
    );
  }

  return (
    <div className="sync-conflicts" data-testid="sync-conflicts">
      <ul className="sync-list">
        {groups.map((group) => {
          const info = byId.get(group.layer);
          return (
            <li key={group.key} className={`${pickedKey === group.key ? 'picked' : ''}${group.open === 0 ? ' resolved' : ''}`} data-testid="sync-conflict-item" data-uuid={group.uuid} data-open={group.open}>
              <button type="button" className="sync-item" onClick={() => pick(group)} title={i18n.t('sync.zoomTo')}>
                <span className="sync-kind" style={{ background: group.open > 0 ? ROLE_COLORS.theirs : ROLE_COLORS.base }}>
                  {group.open > 0 ? i18n.t('sync.conflicts.openCount', { n: group.open }) : i18n.t('sync.conflicts.resolved')}
                </span>
                <span className="sync-item-title">
                  {info ? i18n.l(info.label) : group.layer} <span className="muted small">{group.uuid.slice(-8)}</span>
                </span>
                <span className="muted small">{group.conflicts.map((c) => attributeLabel(c, info, i18n)).join(', ')}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {picked && (
        <div className="sync-conflict-detail" data-testid="sync-conflict-detail" data-drawn={drawn.length}>
          <div className="sync-legend" data-testid="sync-conflict-legend">
            {LEGEND.filter((entry) => drawn.some((d) => d.role === entry.role)).map((entry) => (
              <span key={entry.role} className="sync-legend-item" data-testid={`sync-legend-${entry.role}`}>
                <i className={`swatch ${entry.role === 'base' ? 'dashed' : ''}`} style={{ borderColor: ROLE_COLORS[entry.role] }} />
                {i18n.t(entry.key)}
              </span>
            ))}
          </div>
          <table className="sync-table sync-conflict-table">
            <thead>
              <tr>
                <th>{i18n.t('sync.col.attribute')}</th>
                <th>{i18n.t('sync.side.base')}</th>
                <th>{i18n.t('sync.side.mine')}</th>
                <th>{i18n.t('sync.side.theirs')}</th>
              </tr>
            </thead>
            <tbody>
              {picked.conflicts.map((conflict) => {
                const info = byId.get(conflict.layer);
                const field = info?.fields.find((f) => f.key === conflict.attribute);
                const text = (v: unknown) => conflictValueText(v, field, i18n);
                const open = conflict.state === 'open';
                return [
                  <tr key={conflict.id} data-testid="sync-conflict-row" data-attribute={conflict.attribute ?? ''} data-state={conflict.state}>
                    <td>
                      <b>{attributeLabel(conflict, info, i18n)}</b>
                    </td>
                    <td className="muted">{text(conflict.base)}</td>
                    <td style={{ color: ROLE_COLORS.mine }}>{text(conflict.local)}</td>
                    <td style={{ color: ROLE_COLORS.theirs }}>{text(conflict.server)}</td>
                  </tr>,
                  <tr key={`${conflict.id}-actions`} className="sync-conflict-actions">
                    <td colSpan={4}>
                      {open ? (
                        <>
                          <button type="button" disabled={busy !== null} onClick={() => void resolve(conflict, { conflictId: conflict.id, choice: 'mine' })} data-testid="sync-resolve-mine">
                            {i18n.t('sync.resolve.mine')}
                          </button>
                          <button type="button" disabled={busy !== null} onClick={() => void resolve(conflict, { conflictId: conflict.id, choice: 'theirs' })} data-testid="sync-resolve-theirs">
                            {i18n.t('sync.resolve.theirs')}
                          </button>
                          {conflict.attribute !== null && (
                            <button
                              type="button"
                              disabled={busy !== null}
                              aria-pressed={editing?.id === conflict.id}
                              onClick={() => setEditing(editing?.id === conflict.id ? null : { id: conflict.id, text: conflict.attribute === 'geometry' ? '' : text(conflict.local) === '—' ? '' : String(conflict.local ?? '') })}
                              data-testid="sync-resolve-edit"
                            >
                              {i18n.t('sync.resolve.edit')}
                            </button>
                          )}
                          {editing?.id === conflict.id &&
                            (conflict.attribute === 'geometry' ? (
                              <div className="sync-edit">
                                <p className="muted small">{i18n.t('sync.resolve.geometryHint')}</p>
                                <button type="button" disabled={busy !== null} onClick={() => void keepEditedGeometry(conflict)} data-testid="sync-resolve-geometry">
                                  {i18n.t('sync.resolve.useCurrentGeometry')}
                                </button>
                              </div>
                            ) : (
                              <div className="sync-edit">
                                <input
                                  value={editing.text}
                                  onChange={(e) => setEditing({ id: conflict.id, text: e.target.value })}
                                  onKeyDown={(e) => e.key === 'Enter' && saveEdit(conflict)}
                                  aria-label={i18n.t('sync.resolve.value')}
                                  data-testid="sync-resolve-value"
                                />
                                <button type="button" disabled={busy !== null} onClick={() => saveEdit(conflict)} data-testid="sync-resolve-save">
                                  {i18n.t('sync.resolve.save')}
                                </button>
                              </div>
                            ))}
                        </>
                      ) : (
                        <span className="muted small" data-testid="sync-resolution">
                          {conflict.resolution ? i18n.t('sync.conflicts.resolvedAs', { choice: i18n.t(`sync.resolution.${conflict.resolution}`) }) : i18n.t('sync.conflicts.resolved')}
                        </span>
                      )}
                    </td>
                  </tr>,
                ];
              })}
            </tbody>
          </table>
        </div>
      )}
      {error && <SyncErrorBox error={error} testId="sync-conflict-error" />}
    </div>
  );
}
