/**
 * The sync panel (issue #6): the connection to the provincial SDI server (or "not connected"
 * and the connect form), the layer ↔ feature type mapping, the status (last sync, pending local
 * changes, open conflicts, the outbox), checkout of the view, pull and push as jobs with
 * progress, cancel and a summary, the preview of a push and the conflicts — both on the map.
 * Everything goes through the contract's SyncApi and the 'sync-*' jobs.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BBox, EditResult, LayerInfo, PlanDeskApi, SyncChangeset, SyncConflict, SyncConnection, SyncJobResult, SyncLayerMapping, SyncStatus } from '../../../gis-core/api/contract.js';
import type { LayerId } from '../../../layers/types.js';
import { useI18n } from '../i18n/context.js';
import { formatValue } from '../i18n/format.js';
import type { StringKey } from '../i18n/strings.js';
import { toJobFailure, useJob, type JobFailure } from '../jobs/use-job.js';
import type { MapController } from '../map/map-controller.js';
import { connectRequest, EMPTY_FORM, formCredentials, withCredentials, type ConnectForm } from '../sync/connect-form.js';
import { secretStore } from '../sync/secret-store.js';
import { isNotConnected, syncMessage } from '../sync/sync-errors.js';
import { SyncConflicts } from './SyncConflicts.js';
import { SyncConnectForm, SyncErrorBox } from './SyncConnectForm.js';
import { SyncMappingTable } from './SyncMappingTable.js';
import { SyncPreview } from './SyncPreview.js';

interface Props {
  readonly api: PlanDeskApi;
  readonly controller: MapController;
  readonly layers: readonly LayerInfo[];
  viewBox(): BBox;
  /** Subscribes to applied edits (the pending counts and the preview follow them). */
  onApplied(listener: (result: EditResult) => void): () => void;
  onClose(): void;
}

type Tab = 'status' | 'preview' | 'conflicts';
type SyncJobKind = 'sync-checkout' | 'sync-pull' | 'sync-push';

const PROTOCOL_NAME: Record<string, string> = { 'wfs-1.1': 'WFS 1.1', 'wfs-2.0': 'WFS 2.0', 'ogcapi-features': 'OGC API Features' };
const JOB_LABEL: Record<SyncJobKind, StringKey> = { 'sync-checkout': 'sync.job.checkout', 'sync-pull': 'sync.job.pull', 'sync-push': 'sync.job.push' };

function formFor(connection: SyncConnection | null): ConnectForm {
  if (!connection) return EMPTY_FORM;
  return { ...EMPTY_FORM, url: connection.url, protocol: connection.protocol, auth: connection.username ? 'password' : 'none', username: connection.username ?? '' };
}

export function SyncPanel({ api, controller, layers, viewBox, onApplied, onClose }: Props) {
  const i18n = useI18n();
  const store = useMemo(() => secretStore(), []);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  /** Why there is no connection (the core's line), when there is none. */
  const [notConnected, setNotConnected] = useState<string | null>(null);
  const [statusError, setStatusError] = useState<JobFailure | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [form, setForm] = useState<ConnectForm | null>(null);
  const [connecting, setConnecting] = useState(false);
  const [connectError, setConnectError] = useState<JobFailure | null>(null);
  /** Connected, but the secret could not be kept encrypted on this computer (it stays for the session). */
  const [secretWarning, setSecretWarning] = useState<string | null>(null);
  const [hasSecret, setHasSecret] = useState(false);
  const [tab, setTab] = useState<Tab>('status');
  const [preview, setPreview] = useState<SyncChangeset | null>(null);
  const [conflicts, setConflicts] = useState<SyncConflict[] | null>(null);
  const [detailError, setDetailError] = useState<JobFailure | null>(null);
  const [jobError, setJobError] = useState<JobFailure | null>(null);
  const [summary, setSummary] = useState<{ kind: SyncJobKind; result: SyncJobResult } | null>(null);
  const connection = status?.connection ?? null;
  const byId = useMemo(() => new Map(layers.map((l) => [l.id, l])), [layers]);

  const refresh = useCallback(async (): Promise<SyncStatus | null> => {
    try {
      const next = await api.syncStatus();
      setStatus(next);
      setStatusError(null);
      setNotConnected(next.connection ? null : '');
      setHasSecret(next.connection ? (await store.get(next.connection.url)) !== null : false);
      return next;
    } catch (e) {
      if (isNotConnected(e)) {
        setStatus(null);
        setNotConnected(toJobFailure(e).message);
        setStatusError(null);
      } else setStatusError(toJobFailure(e));
      return null;
    } finally {
      setLoaded(true);
    }
  }, [api, store]);

  /** The preview and the conflicts, read again (after a job, an edit, a resolution). */
  const refreshDetails = useCallback(async () => {
    try {
      const [changeset, list] = await Promise.all([api.syncPreview(), api.syncConflicts()]);
      setPreview(changeset);
      setConflicts(list);
      setDetailError(null);
    } catch (e) {
      setDetailError(toJobFailure(e));
    }
  }, [api]);

  const refreshAll = useCallback(async () => {
    const next = await refresh();
    if (next?.connection) await refreshDetails();
  }, [refresh, refreshDetails]);

  useEffect(() => void refreshAll(), [refreshAll]);
  useEffect(() => onApplied(() => void refreshAll()), [onApplied, refreshAll]);

  const reloadMapped = useCallback(
    (ids: readonly LayerId[]) => {
      if (ids.length > 0) void controller.reloadLayers(ids);
    },
    [controller],
  );

  const sync = useJob<SyncJobKind>(api, {
    onDone: (result, job) => {
      setSummary({ kind: job.kind, result });
      if (job.kind !== 'sync-push' || result.batchId !== null) reloadMapped(connection?.layers.map((m) => m.layer) ?? []);
      void refreshAll();
    },
    onError: (failure) => {
      setJobError(failure);
      void refreshAll();
    },
  });

  async function startJob(kind: SyncJobKind): Promise<void> {
    setJobError(null);
    setSummary(null);
    const credentials = connection ? ((await store.get(connection.url)) ?? undefined) : undefined;
    const args = credentials ? { credentials } : {};
    if (kind === 'sync-checkout') await sync.start({ kind, args: { ...args, bbox: viewBox() } });
    else if (kind === 'sync-pull') await sync.start({ kind, args });
    else await sync.start({ kind, args });
  }

  async function openForm(): Promise<void> {
    setConnectError(null);
    const stored = connection ? await store.get(connection.url) : null;
    setForm(withCredentials(formFor(connection), stored));
  }

  async function connect(values: ConnectForm, mapping?: readonly SyncLayerMapping[]): Promise<void> {
    setConnecting(true);
    setConnectError(null);
    try {
      const answer = await api.syncConnect(connectRequest(values, mapping));
      const credentials = formCredentials(values);
      setSecretWarning(null);
      if (credentials) {
        try {
          await store.set(answer.url, credentials, values.remember);
        } catch (e) {
          setSecretWarning(toJobFailure(e).message);
        }
      }
      setForm(null);
      await refreshAll();
    } catch (e) {
      setConnectError(toJobFailure(e));
    } finally {
      setConnecting(false);
    }
  }

  async function applyMapping(mapping: SyncLayerMapping[]): Promise<void> {
    if (!connection) return;
    setConnecting(true);
    setConnectError(null);
    try {
      const credentials = (await store.get(connection.url)) ?? undefined;
      await api.syncConnect({ url: connection.url, protocol: connection.protocol, ...(credentials ? { credentials } : {}), layers: mapping });
      await refreshAll();
    } catch (e) {
      setConnectError(toJobFailure(e));
    } finally {
      setConnecting(false);
    }
  }

  const running = sync.running;
  const job = sync.job;
  const openConflicts = status?.openConflicts ?? 0;
  const n = (v: number) => formatValue(v, i18n.lang);
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.lang === 'vi' ? 'vi-VN' : 'en-GB');
  const showForm = form !== null || (loaded && !connection && !statusError);

  return (
    <aside className="side-panel sync" data-testid="sync-panel" aria-label={i18n.t('sync.title')}>
      <header>
        <div>
          <div className="eyebrow">{i18n.t('sync.eyebrow')}</div>
          <h2>{i18n.t('sync.title')}</h2>
        </div>
        <div className="sync-head-buttons">
          <button className="icon" onClick={() => void refreshAll()} title={i18n.t('sync.refresh')} aria-label={i18n.t('sync.refresh')} data-testid="sync-refresh">
            ⟳
          </button>
          <button className="icon" onClick={onClose} title={i18n.t('sync.close')} aria-label={i18n.t('sync.close')}>
            ✕
          </button>
        </div>
      </header>

      {!loaded && <p className="muted">{i18n.t('sync.loading')}</p>}
      {statusError && <SyncErrorBox error={syncMessage(statusError, i18n)} testId="sync-status-error" />}

      {loaded && !connection && !statusError && (
        <div className="sync-banner offline" data-testid="sync-not-connected">
          <b>⚠ {i18n.t('sync.notConnected')}</b>
          <div className="small">{i18n.t('sync.notConnectedHint')}</div>
          {notConnected && <div className="muted small" data-testid="sync-not-connected-detail">{notConnected}</div>}
        </div>
      )}

      {connection && (
        <div className="sync-banner online" data-testid="sync-connection" data-url={connection.url}>
          <div>
            <b>● {i18n.t('sync.connected')}</b> <span className="muted small">{PROTOCOL_NAME[connection.protocol] ?? connection.protocol}</span>
          </div>
          <div className="sync-url small" title={connection.url}>
            {connection.url}
          </div>
          {connection.username && <div className="small">{i18n.t('sync.user', { user: connection.username })}</div>}
          <div className="small" data-testid="sync-last">
            {connection.lastSync ? i18n.t('sync.lastSync', { when: date(connection.lastSync) }) : i18n.t('sync.neverSynced')}
          </div>
          {secretWarning && (
            <div className="error small" role="alert" data-testid="sync-secret-warning">
              {i18n.t('sync.secretNotKept')} {secretWarning}
            </div>
          )}
          {form === null && (
            <button type="button" className="link" onClick={() => void openForm()} data-testid="sync-edit-connection">
              {i18n.t('sync.editConnection')}
            </button>
          )}
        </div>
      )}

      {showForm && (
        <SyncConnectForm
          key={form ? 'reconnect' : 'new'}
          initial={form ?? EMPTY_FORM}
          canRemember={store.persistent}
          busy={connecting}
          error={connectError ? syncMessage(connectError, i18n) : null}
          onSubmit={(values) => void connect(values)}
          {...(connection ? { onCancel: () => setForm(null) } : {})}
        />
      )}

      {connection && form === null && (
        <>
          {connection.username && !hasSecret && (
            <div className="sync-banner warn small" data-testid="sync-need-secret">
              {i18n.t('sync.needSecret')}{' '}
              <button type="button" className="link" onClick={() => void openForm()}>
                {i18n.t('sync.enterSecret')}
              </button>
            </div>
          )}
          <details className="sync-mapping-box">
            <summary>{i18n.t('sync.mapping.title', { n: connection.layers.length })}</summary>
            <SyncMappingTable key={JSON.stringify(connection.layers)} mapping={connection.layers} layers={layers} busy={connecting || running} onApply={(m) => void applyMapping(m)} />
            {connectError && <SyncErrorBox error={syncMessage(connectError, i18n)} testId="sync-mapping-error" />}
          </details>

          <div className="sync-actions">
            <button type="button" disabled={running} onClick={() => void startJob('sync-checkout')} title={i18n.t('sync.checkoutTitle')} data-testid="sync-checkout">
              ⬚ {i18n.t('sync.checkout')}
            </button>
            <button type="button" disabled={running || !connection.area} onClick={() => void startJob('sync-pull')} title={i18n.t('sync.pullTitle')} data-testid="sync-pull">
              ⬇ {i18n.t('sync.pull')}
            </button>
            <button type="button" disabled={running} onClick={() => void startJob('sync-push')} title={i18n.t('sync.pushTitle')} data-testid="sync-push">
              ⬆ {i18n.t('sync.push')}
            </button>
          </div>
          {job && running && (
            <div className="sync-progress" data-testid="sync-progress">
              <div className="small">{i18n.t(JOB_LABEL[job.kind])}</div>
              <progress max={1} value={job.progress} />
              <span className="muted small">{job.message ? i18n.l(job.message) : i18n.t('sync.running')}</span>
              <button type="button" onClick={sync.cancel} data-testid="sync-cancel">
                ✕ {i18n.t('sync.cancel')}
              </button>
            </div>
          )}
          {job?.state === 'cancelled' && (
            <p className="muted small" data-testid="sync-cancelled">
              {i18n.t('sync.cancelled')}
            </p>
          )}
          {summary && (
            <p className="sync-summary" data-testid="sync-summary" data-kind={summary.kind}>
              <b>{i18n.t(JOB_LABEL[summary.kind])}:</b>{' '}
              {summary.kind === 'sync-push'
                ? i18n.t('sync.summary.push', { pushed: n(summary.result.pushed), rejected: n(summary.result.rejected), conflicts: n(summary.result.conflicts) })
                : i18n.t('sync.summary.fetch', { fetched: n(summary.result.fetched), merged: n(summary.result.merged), conflicts: n(summary.result.conflicts) })}
            </p>
          )}
          {jobError && <SyncErrorBox error={syncMessage(jobError, i18n)} testId="sync-job-error" />}

          <div className="segmented" role="tablist">
            {(['status', 'preview', 'conflicts'] as const).map((k) => (
              <button key={k} role="tab" aria-selected={tab === k} className={tab === k ? 'active' : ''} onClick={() => setTab(k)} data-testid={`sync-tab-${k}`}>
                {i18n.t(`sync.tab.${k}`)}
                {k === 'conflicts' && openConflicts > 0 && <span className="sync-badge">{openConflicts}</span>}
              </button>
            ))}
          </div>
          {detailError && tab !== 'status' && <SyncErrorBox error={syncMessage(detailError, i18n)} testId="sync-detail-error" />}

          {tab === 'status' && status && (
            <dl className="sync-status" data-testid="sync-status">
              <dt>{i18n.t('sync.status.area')}</dt>
              <dd data-testid="sync-area">
                {connection.area ? connection.area.map((v) => formatValue(Math.round(v), i18n.lang, false)).join(', ') : i18n.t('sync.status.noArea')}
              </dd>
              <dt>{i18n.t('sync.status.pending')}</dt>
              <dd data-testid="sync-pending" data-inserts={status.pending.inserts} data-updates={status.pending.updates} data-deletes={status.pending.deletes}>
                {i18n.t('sync.status.pendingCounts', { inserts: n(status.pending.inserts), updates: n(status.pending.updates), deletes: n(status.pending.deletes) })}
              </dd>
              <dt>{i18n.t('sync.status.conflicts')}</dt>
              <dd data-testid="sync-open-conflicts" data-count={openConflicts}>
                {openConflicts > 0 ? (
                  <button type="button" className="link" onClick={() => setTab('conflicts')}>
                    {i18n.t('sync.status.openConflicts', { n: n(openConflicts) })}
                  </button>
                ) : (
                  i18n.t('sync.status.noConflicts')
                )}
              </dd>
              <dt>{i18n.t('sync.status.outbox')}</dt>
              <dd data-testid="sync-outbox">
                {i18n.t('sync.status.outboxCounts', {
                  pending: n(status.outbox.pending),
                  sent: n(status.outbox.sent),
                  acknowledged: n(status.outbox.acknowledged),
                  failed: n(status.outbox.failed),
                })}
              </dd>
            </dl>
          )}
          {tab === 'preview' && preview && <SyncPreview changeset={preview} layers={layers} controller={controller} />}
          {tab === 'conflicts' && conflicts && (
            <SyncConflicts
              api={api}
              conflicts={conflicts}
              layers={layers}
              controller={controller}
              onResolved={(next, conflict) => {
                setStatus(next);
                if (byId.has(conflict.layer)) reloadMapped([conflict.layer]);
                void refreshDetails();
              }}
            />
          )}
        </>
      )}
    </aside>
  );
}
