/**
 * The 3D view ("Xem 3D"): opened for a box (the map's current extent), it loads the features
 * through the API, builds the scene in a worker with progress, and shows it with its controls:
 * current / planned / both, vertical exaggeration, flood level, pipes x-ray, sun date and time
 * with shadows, PNG export, and the attributes of the clicked building or zone.
 * Scene statistics go to `window.__plandesk3d` after every frame (tests read them).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiFeature, BBox, LayerInfo, PlanDeskApi } from '../../../gis-core/api/contract.js';
import { useI18n } from '../i18n/context.js';
import { fieldValueColor, fieldValueText } from '../i18n/field-value.js';
import { formatNumber } from '../i18n/format.js';
import { buildInWorker } from '../scene3d/build-client.js';
import { loadScene, type LoadedScene } from '../scene3d/load.js';
import { dayOfYear, sunPosition } from '../scene3d/sun.js';
import { Scene3D, type MassingMode, type PickHit, type SceneStats } from '../scene3d/view.js';
import '../scene3d/scene3d.css';

/** Ground elevation (m) assumed where the project has no terrain the API can read. */
export const DEFAULT_GROUND_LEVEL = 2;

interface Props {
  readonly api: PlanDeskApi;
  readonly layers: readonly LayerInfo[];
  readonly bbox: BBox;
  onClose(): void;
}

declare global {
  interface Window {
    /** Scene statistics for tests, and the client pixel of the top surface at a project-CRS point. */
    __plandesk3d?: SceneStats & {
      origin: readonly [number, number] | null;
      /** Whether the last build ran in the Web Worker (false: the main-thread fallback). */
      inWorker: boolean | null;
      screenOf(x: number, y: number): { x: number; y: number } | null;
    };
  }
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export function Scene3DView({ api, layers, bbox, onClose }: Props) {
  const i18n = useI18n();
  const hostRef = useRef<HTMLDivElement | null>(null);
  const viewRef = useRef<Scene3D | null>(null);
  const [loaded, setLoaded] = useState<LoadedScene | null>(null);
  const originRef = useRef<readonly [number, number] | null>(null);
  const scenarioLevelRef = useRef<number | null>(null);
  const inWorkerRef = useRef<boolean | null>(null);
  originRef.current = loaded?.origin ?? null;
  const [progress, setProgress] = useState<{ fraction: number; text: string } | null>({ fraction: 0, text: '' });
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<MassingMode>('current');
  const [exaggeration, setExaggeration] = useState(1);
  const [floodOn, setFloodOn] = useState(false);
  const [floodLevel, setFloodLevel] = useState(DEFAULT_GROUND_LEVEL + 0.5);
  const [xray, setXray] = useState(false);
  const [shadows, setShadows] = useState(true);
  const [walk, setWalk] = useState(false);
  const [date, setDate] = useState(todayIso);
  const [hour, setHour] = useState(9);
  const [picked, setPicked] = useState<{ layer: LayerInfo; feature: ApiFeature } | null>(null);
  const [stats, setStats] = useState<SceneStats | null>(null);
  /** The level of the newest finished flood scenario (a flood job), when there is one. */
  const [scenarioLevel, setScenarioLevel] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.jobList().then(
      (jobs) => {
        const run = jobs.find((j) => j.kind === 'flood' && j.state === 'done' && j.result);
        const level = run?.kind === 'flood' ? (run.result as { level?: unknown } | undefined)?.level : undefined;
        if (!cancelled && typeof level === 'number' && Number.isFinite(level)) {
          setScenarioLevel(level);
          setFloodLevel(level);
          setFloodOn(true);
        }
      },
      () => {}, // a kiosk or a read-only server does not list jobs: the level stays an input
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  // The three.js view lives as long as the panel.
  useEffect(() => {
    const host = hostRef.current!;
    const view = new Scene3D(host);
    viewRef.current = view;
    view.onRender = () => {
      const s = view.stats();
      const origin = originRef.current;
      window.__plandesk3d = { ...s, origin, inWorker: inWorkerRef.current, screenOf: (x, y) => (origin ? view.screenOfTop(x - origin[0], y - origin[1]) : null) };
    };
    return () => {
      view.dispose();
      viewRef.current = null;
      delete window.__plandesk3d;
    };
  }, []);

  // Features through the API, once per box.
  useEffect(() => {
    let cancelled = false;
    setProgress({ fraction: 0, text: i18n.t('scene3d.loading') });
    loadScene(api, layers, bbox, {
      exaggeration: 1,
      groundLevel: DEFAULT_GROUND_LEVEL,
      onProgress: (layer, n) => !cancelled && setProgress({ fraction: 0.1, text: `${i18n.t('scene3d.loading')} ${layer}: ${n}` }),
    }).then(
      (scene) => !cancelled && setLoaded(scene),
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, layers, bbox]);

  // The geometry, off the UI thread, whenever the data or the exaggeration change.
  useEffect(() => {
    if (!loaded) return;
    let cancelled = false;
    const input = { ...loaded.input, exaggeration };
    setProgress({ fraction: 0.2, text: i18n.t('scene3d.building') });
    buildInWorker(input, (f) => !cancelled && setProgress({ fraction: 0.2 + 0.8 * f, text: i18n.t('scene3d.building') })).then(
      ({ data, ms, inWorker }) => {
        if (cancelled || !viewRef.current) return;
        inWorkerRef.current = inWorker;
        viewRef.current.setData(data, { bbox: input.bbox, focus: loaded.viewBox, exaggeration, buildMs: ms });
        if (data.terrain && scenarioLevelRef.current === null) setFloodLevel((level) => (level === DEFAULT_GROUND_LEVEL + 0.5 ? Math.round((data.minGround + 1) * 10) / 10 : level));
        setProgress(null);
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [loaded, exaggeration]);

  useEffect(() => viewRef.current?.setMode(mode), [mode, progress]);
  useEffect(() => viewRef.current?.setFloodLevel(floodOn && Number.isFinite(floodLevel) ? floodLevel : null), [floodOn, floodLevel, progress]);
  useEffect(() => viewRef.current?.setXray(xray), [xray, progress]);
  useEffect(() => viewRef.current?.setShadows(shadows), [shadows]);
  useEffect(() => viewRef.current?.setWalk(walk), [walk]);
  useEffect(() => {
    const d = new Date(`${date}T00:00:00Z`);
    if (!Number.isNaN(d.getTime())) viewRef.current?.setSun(sunPosition(dayOfYear(d), hour));
  }, [date, hour, progress]);

  // The status line follows the view's own stats (refreshed after each frame).
  useEffect(() => {
    const id = window.setInterval(() => viewRef.current && setStats(viewRef.current.stats()), 500);
    return () => window.clearInterval(id);
  }, []);

  scenarioLevelRef.current = scenarioLevel;
  const byId = useMemo(() => new Map(layers.map((l) => [l.id as string, l])), [layers]);

  const onClick = (event: React.MouseEvent<HTMLDivElement>) => {
    const view = viewRef.current;
    if (!view || !loaded) return;
    const hit: PickHit | null = view.pick(event.clientX, event.clientY);
    if (!hit) return setPicked(null);
    const layer = byId.get(hit.layer);
    const feature = hit.layer === 'buildings' ? loaded.features.buildings[hit.index] : loaded.features.zones[hit.index];
    setPicked(layer && feature ? { layer, feature } : null);
  };
  // A click is a click, not the end of an orbit drag.
  const down = useRef<{ x: number; y: number } | null>(null);

  const exportPng = () => {
    const view = viewRef.current;
    if (!view) return;
    const a = document.createElement('a');
    a.href = view.toPng();
    a.download = 'plandesk-3d.png';
    a.click();
  };

  const modeButton = (m: MassingMode, label: string) => (
    <button className={`seg${mode === m ? ' active' : ''}`} aria-pressed={mode === m} onClick={() => setMode(m)} data-testid={`scene3d-mode-${m}`}>
      {label}
    </button>
  );

  return (
    <section className="scene3d" data-testid="scene3d" data-ready={progress === null ? 'true' : 'false'} aria-label={i18n.t('scene3d.title')}>
      <div className="scene3d-bar">
        <strong>{i18n.t('scene3d.title')}</strong>
        <div className="segmented" role="group" aria-label={i18n.t('scene3d.massing')}>
          {modeButton('current', i18n.t('scene3d.current'))}
          {modeButton('planned', i18n.t('scene3d.planned'))}
          {modeButton('both', i18n.t('scene3d.both'))}
        </div>
        <label title={i18n.t('scene3d.exaggerationTitle')}>
          {i18n.t('scene3d.exaggeration')}
          <select value={exaggeration} onChange={(e) => setExaggeration(Number(e.target.value))} data-testid="scene3d-exaggeration">
            {[1, 2, 5, 10].map((k) => (
              <option key={k} value={k}>
                ×{k}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={floodOn} onChange={(e) => setFloodOn(e.target.checked)} data-testid="scene3d-flood" />
          {i18n.t('scene3d.flood')}
        </label>
        <input
          type="number"
          step="0.1"
          className="num"
          value={Number.isFinite(floodLevel) ? floodLevel : ''}
          onChange={(e) => setFloodLevel(e.target.valueAsNumber)}
          aria-label={i18n.t('scene3d.floodLevel')}
          title={i18n.t('scene3d.floodLevel')}
          data-testid="scene3d-flood-level"
        />
        <span className="unit">m</span>
        {scenarioLevel !== null && (
          <button className="link" onClick={() => setFloodLevel(scenarioLevel)} title={i18n.t('scene3d.scenarioLevelTitle')} data-testid="scene3d-scenario-level">
            {i18n.t('scene3d.scenarioLevel', { level: formatNumber(scenarioLevel, i18n.lang, 2) })}
          </button>
        )}
        <label title={i18n.t('scene3d.xrayTitle')}>
          <input type="checkbox" checked={xray} onChange={(e) => setXray(e.target.checked)} data-testid="scene3d-xray" />
          {i18n.t('scene3d.xray')}
        </label>
        <label>
          <input type="checkbox" checked={shadows} onChange={(e) => setShadows(e.target.checked)} data-testid="scene3d-shadows" />
          {i18n.t('scene3d.shadows')}
        </label>
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-label={i18n.t('scene3d.date')} data-testid="scene3d-date" />
        <label title={i18n.t('scene3d.timeTitle')}>
          <input type="range" min={5} max={19} step={0.25} value={hour} onChange={(e) => setHour(Number(e.target.value))} data-testid="scene3d-hour" />
          <span className="unit">
            {String(Math.floor(hour)).padStart(2, '0')}:{String(Math.round((hour % 1) * 60)).padStart(2, '0')}
          </span>
        </label>
        <button className={`tool-toggle${walk ? ' active' : ''}`} aria-pressed={walk} onClick={() => setWalk(!walk)} title={i18n.t('scene3d.walkTitle')} data-testid="scene3d-walk">
          {i18n.t('scene3d.walk')}
        </button>
        <span className="spacer" />
        <button onClick={exportPng} data-testid="scene3d-png" title={i18n.t('scene3d.pngTitle')}>
          {i18n.t('scene3d.png')}
        </button>
        <button className="icon" onClick={onClose} title={i18n.t('scene3d.close')} aria-label={i18n.t('scene3d.close')} data-testid="scene3d-close">
          ✕
        </button>
      </div>
      <div
        className="scene3d-canvas"
        ref={hostRef}
        onPointerDown={(e) => (down.current = { x: e.clientX, y: e.clientY })}
        onClick={(e) => {
          const d = down.current;
          if (d && Math.hypot(e.clientX - d.x, e.clientY - d.y) > 4) return;
          onClick(e);
        }}
      />
      {progress && (
        <div className="scene3d-progress" data-testid="scene3d-progress">
          <div className="bar" style={{ width: `${Math.round(progress.fraction * 100)}%` }} />
          <span>{progress.text}</span>
        </div>
      )}
      {error && <p className="error scene3d-error">{error}</p>}
      {stats?.ready && (
        <div className="scene3d-stats" data-testid="scene3d-stats">
          {i18n.t('scene3d.stats', {
            objects: stats.objects,
            triangles: formatNumber(stats.triangles, i18n.lang, 0),
            calls: stats.drawCalls,
            height: formatNumber(stats.maxHeight, i18n.lang, 1),
          })}
          {loaded && loaded.capped.length > 0 && ` · ${i18n.t('scene3d.capped', { layers: loaded.capped.join(', ') })}`}
        </div>
      )}
      {picked && (
        <aside className="scene3d-info" data-testid="scene3d-info">
          <header>
            <h3 data-testid="scene3d-info-layer">{i18n.l(picked.layer.label)}</h3>
            <button className="icon" onClick={() => setPicked(null)} aria-label={i18n.t('identify.close')}>
              ✕
            </button>
          </header>
          <table className="attributes">
            <tbody>
              {picked.layer.fields.map((field) => {
                const value = picked.feature.properties[field.key];
                const text = fieldValueText(field, value, i18n);
                const color = fieldValueColor(field, value);
                return (
                  <tr key={field.key} data-field={field.key}>
                    <th scope="row">{i18n.l(field.label)}</th>
                    <td>
                      {color && <span className="chip" style={{ background: color }} aria-hidden="true" />}
                      {text || <span className="muted">{i18n.t('identify.empty')}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </aside>
      )}
    </section>
  );
}
