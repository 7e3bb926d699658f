/**
 * The editing bar above the map: the layer being edited, the tools (enabled by the layer's
 * geometry and the selection), undo/redo naming what they revert, the history, snapping, and a
 * status line (what to do now, the snap target, the last result or error).
 */
import { useEffect, useState } from 'react';
import type { EditHistoryEntry, LayerInfo, PlanDeskApi } from '../../../gis-core/api/contract.js';
import type { LayerId } from '../../../layers/types.js';
import { errorTitle } from '../edit/api-errors.js';
import { modeAllowed, type EditMode, type EditSession, type EditSnapshot } from '../edit/edit-session.js';
import { SHORTCUT_KEYS, type EditCommand } from '../edit/shortcuts.js';
import { useI18n } from '../i18n/context.js';
import type { StringKey } from '../i18n/strings.js';
import type { LayerLoadState } from '../map/view-loader.js';

interface Props {
  readonly session: EditSession;
  readonly state: EditSnapshot;
  readonly layers: readonly LayerInfo[];
  readonly load: LayerLoadState | undefined;
  readonly api: PlanDeskApi;
  readonly snapTolerance: number;
}

const MODE_ICONS: Record<EditMode, string> = {
  select: '↖',
  draw: '✎',
  move: '✥',
  reshape: '◇',
  'split-line': '✂',
  'split-polygon': '⟋',
  'copy-attributes': '⧉',
};

const MODE_KEYS: Partial<Record<EditMode, EditCommand>> = { draw: 'draw', move: 'move', reshape: 'reshape', 'split-line': 'split', 'split-polygon': 'split' };

/** The core names an undo or redo batch "Hoàn tác: …" / "Undo: …"; the list says it in the UI language. */
const REVERT_PREFIX = /^(Hoàn tác|Làm lại|Undo|Redo|Sửa ngoài PlanDesk|External)\s*:\s*/i;

function HistoryList({ api, onClose }: { api: PlanDeskApi; onClose(): void }) {
  const i18n = useI18n();
  const [entries, setEntries] = useState<readonly EditHistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api
      .editHistory({ limit: 15 })
      .then((history) => live && setEntries(history.entries))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [api]);
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  return (
    <div className="history-list" data-testid="edit-history-list" role="dialog" aria-label={i18n.t('edit.historyTitle')}>
      <div className="history-head">
        <strong>{i18n.t('edit.historyTitle')}</strong>
        <button className="icon" onClick={onClose} aria-label={i18n.t('validation.close')}>
          ✕
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      {!entries && !error && <p className="muted">{i18n.t('edit.historyLoading')}</p>}
      {entries?.length === 0 && <p className="muted">{i18n.t('edit.historyEmpty')}</p>}
      <ol>
        {entries?.map((entry) => (
          <li key={entry.batchId} className={`history-${entry.kind} ${entry.state ?? ''}`} data-testid="edit-history-entry">
            <span className="history-message">
              {entry.kind === 'undo' || entry.kind === 'redo' ? `${i18n.t(`edit.history.${entry.kind}`)}: ` : ''}
              {entry.kind === 'external' ? `${i18n.t('edit.history.external')}: ` : ''}
              {entry.kind === 'edit' ? entry.message : entry.message.replace(REVERT_PREFIX, '')}
            </span>
            <span className="history-meta muted">
              {time(entry.createdAt)} · {entry.author} · {i18n.t('edit.history.changes', { count: entry.changeCount })}
              {entry.state === 'undone' && <em> · {i18n.t('edit.history.undone')}</em>}
              {entry.state === 'discarded' && <em> · {i18n.t('edit.history.discarded')}</em>}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function EditToolbar({ session, state, layers, load, api, snapTolerance }: Props) {
  const i18n = useI18n();
  const [historyOpen, setHistoryOpen] = useState(false);
  const info = layers.find((l) => l.id === state.layerId);
  const count = state.selection.length;
  const titled = (label: string, command?: EditCommand) => (command ? i18n.t('edit.shortcut', { label, key: SHORTCUT_KEYS[command] }) : label);
  const sorted = [...layers].sort((a, b) => a.group.order - b.group.order || b.drawOrder - a.drawOrder);

  const modeButton = (mode: EditMode) => {
    const label = i18n.t(`edit.mode.${mode}` as StringKey);
    const allowed = modeAllowed(mode, info, count) && !state.busy;
    return (
      <button
        key={mode}
        className={`tool${state.mode === mode ? ' active' : ''}`}
        aria-pressed={state.mode === mode}
        disabled={!allowed}
        title={titled(label, MODE_KEYS[mode])}
        data-testid={`edit-mode-${mode}`}
        onClick={() => session.setMode(mode)}
      >
        <span className="tool-icon" aria-hidden="true">
          {MODE_ICONS[mode]}
        </span>
        {label}
      </button>
    );
  };

  const hint = (() => {
    if (!info) return i18n.t('edit.hint.noLayer');
    if (load?.state === 'zoom-in') return i18n.t('edit.zoomIn');
    if (state.sketch) return i18n.t('edit.hint.sketch');
    if (state.mode === 'draw') return i18n.t(`edit.hint.draw.${info.geometryType}` as StringKey);
    if (state.mode === 'select') return i18n.t('edit.hint.select');
    return i18n.t(`edit.hint.${state.mode}` as StringKey);
  })();

  const undoTitle = state.history?.canUndo ? i18n.t('edit.undoTitle', { message: state.history.undoMessage ?? '' }) : i18n.t('edit.nothingToUndo');
  const redoTitle = state.history?.canRedo ? i18n.t('edit.redoTitle', { message: state.history.redoMessage ?? '' }) : i18n.t('edit.nothingToRedo');
  const snapLayer = state.snap ? layers.find((l) => l.id === state.snap?.layerId) : undefined;

  return (
    <section className="edit-bar" aria-label={i18n.t('edit.toolbar')} data-testid="edit-toolbar" data-busy={state.busy ? 'true' : 'false'} data-mode={state.mode}>
      <div className="edit-row">
        <label className="edit-layer" title={i18n.t('edit.layer')}>
          <span className="edit-layer-label">{i18n.t('edit.layer')}</span>
          <select
            value={state.layerId ?? ''}
            data-testid="edit-layer"
            onChange={(e) => {
              if (e.target.value) session.setLayer(e.target.value as LayerId);
              // Back to the map: the shortcuts (D, M, V, S) work at once.
              e.target.blur();
            }}
          >
            <option value="">{i18n.t('edit.pickLayer')}</option>
            {sorted.map((layer) => (
              <option key={layer.id} value={layer.id}>
                {i18n.l(layer.label)}
              </option>
            ))}
          </select>
        </label>
        <div className="edit-tools" role="toolbar" aria-label={i18n.t('edit.toolbar')}>
          {modeButton('select')}
          {modeButton('draw')}
          {modeButton('move')}
          {modeButton('reshape')}
          {info?.geometryType !== 'Polygon' && modeButton('split-line')}
          {info?.geometryType === 'Polygon' && modeButton('split-polygon')}
          {info?.geometryType === 'Polygon' && (
            <button className="tool" disabled={count < 2 || state.busy} title={i18n.t('edit.merge')} data-testid="edit-merge" onClick={() => void session.mergeSelected()}>
              <span className="tool-icon" aria-hidden="true">
                ⊞
              </span>
              {i18n.t('edit.merge')}
            </button>
          )}
          {modeButton('copy-attributes')}
          <button className="tool danger" disabled={count === 0 || state.busy} title={titled(i18n.t('edit.delete'), 'delete')} data-testid="edit-delete" onClick={() => void session.deleteSelected()}>
            <span className="tool-icon" aria-hidden="true">
              ✕
            </span>
            {i18n.t('edit.delete')}
          </button>
        </div>
        <div className="edit-undo">
          <button
            className="tool"
            disabled={!state.history?.canUndo || state.busy}
            title={`${undoTitle} (${SHORTCUT_KEYS.undo})`}
            data-testid="edit-undo"
            data-message={state.history?.undoMessage ?? ''}
            onClick={() => void session.undo()}
          >
            <span className="tool-icon" aria-hidden="true">
              ↶
            </span>
            {i18n.t('edit.undo')}
          </button>
          <button
            className="tool"
            disabled={!state.history?.canRedo || state.busy}
            title={`${redoTitle} (${SHORTCUT_KEYS.redo})`}
            data-testid="edit-redo"
            data-message={state.history?.redoMessage ?? ''}
            onClick={() => void session.redo()}
          >
            <span className="tool-icon" aria-hidden="true">
              ↷
            </span>
            {i18n.t('edit.redo')}
          </button>
          <button className="tool" aria-expanded={historyOpen} title={i18n.t('edit.historyTitle')} data-testid="edit-history" onClick={() => setHistoryOpen(!historyOpen)}>
            {i18n.t('edit.history')} ▾
          </button>
          {historyOpen && <HistoryList key={state.revision} api={api} onClose={() => setHistoryOpen(false)} />}
        </div>
        <label className="check edit-snap" title={i18n.t('edit.snapTitle', { px: snapTolerance })}>
          <input type="checkbox" checked={state.snapEnabled} data-testid="edit-snap" onChange={(e) => session.setSnapEnabled(e.target.checked)} />
          {i18n.t('edit.snap')}
        </label>
      </div>
      <div className="edit-status" data-testid="edit-status">
        <span className="edit-hint" data-testid="edit-hint">
          {hint}
        </span>
        {count > 0 && <span className="edit-count">{i18n.t('edit.selected', { count })}</span>}
        {state.snap && snapLayer && (
          <span className="edit-snapped" data-testid="edit-snapped" data-kind={state.snap.kind}>
            {i18n.t(state.snap.kind === 'vertex' ? 'edit.snapVertex' : 'edit.snapEdge', { layer: i18n.l(snapLayer.label) })}
          </span>
        )}
        {state.busy && <span className="edit-busy">{i18n.t('edit.busy')}</span>}
        {!state.busy && state.notice && (
          <span className="edit-notice" data-testid="edit-notice">
            {i18n.t(`edit.notice.${state.notice.kind}`, { message: state.notice.message })}
          </span>
        )}
      </div>
      {state.error && (
        <div className="edit-error" role="alert" data-testid="edit-error" data-code={state.error.code}>
          <strong>{errorTitle(state.error, i18n)}</strong>
          <span>{state.error.detail}</span>
          <button className="icon" onClick={() => session.dismissError()} aria-label={i18n.t('edit.dismiss')} title={i18n.t('edit.dismiss')}>
            ✕
          </button>
        </div>
      )}
    </section>
  );
}
