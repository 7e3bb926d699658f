/**
 * The flood panel: a scenario (water level or QCVN return period, rise, sources, depression
 * filling) run as a 'flood' job with a progress bar and cancel; the depth on the map, the terrain
 * layer, the ground and water under the pointer, a slider (and play button) that moves the water
 * level through a range — redrawn from the run's arrival levels, no re-run — and the overlay
 * report as tables with a CSV download.
 */
import { useEffect, useRef, useState } from 'react';
import type { FloodJobArgs, FloodJobResult, FloodReport, LayerInfo, PlanDeskApi, RasterValue } from '../../../gis-core/api/contract.js';
import { floodReportCsv } from '../../../gis-core/flood/report-csv.js';
import type { LayerId } from '../../../layers/types.js';
import { FloodInputs, type FloodInputMode } from '../flood/flood-inputs.js';
import { FloodLayers } from '../flood/flood-layers.js';
import { useI18n } from '../i18n/context.js';
import { useJob } from '../jobs/use-job.js';
import { formatArea, formatLength, formatNumber, formatValue } from '../i18n/format.js';
import type { MapController } from '../map/map-controller.js';

interface Props {
  readonly api: PlanDeskApi;
  readonly controller: MapController;
  readonly layers: readonly LayerInfo[];
  onClose(): void;
}

type LevelMode = 'level' | 'returnPeriod';
const SLIDER_STEP = 0.05;
const ROWS_SHOWN = 50;

function number(text: string): number | undefined {
  const n = Number(text.replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) ? undefined : n;
}

export function FloodPanel({ api, controller, layers, onClose }: Props) {
  const i18n = useI18n();
  const [mode, setMode] = useState<LevelMode>('level');
  const [levelText, setLevelText] = useState('1.2');
  const [periodText, setPeriodText] = useState('50');
  const [riseText, setRiseText] = useState('0');
  const [water, setWater] = useState(true);
  const [edge, setEdge] = useState(false);
  const [fill, setFill] = useState(false);
  const [terrain, setTerrain] = useState(false);
  const [result, setResult] = useState<FloodJobResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const flood = useJob<'flood'>(api, {
    onDone: (r) => {
      setResult(r);
      setSliderLevel(r.level);
      setAreaAtLevel(r.areaM2);
      layersRef.current?.showFlood({ floodId: r.floodId });
    },
    onError: (failure) => setError(failure.message),
  });
  const job = flood.job;
  const [sliderLevel, setSliderLevel] = useState<number | null>(null);
  const [areaAtLevel, setAreaAtLevel] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [pointer, setPointer] = useState<RasterValue | null>(null);
  const [table, setTable] = useState<'areas' | 'roads' | 'points' | 'freeboard'>('areas');
  const layersRef = useRef<FloodLayers | null>(null);
  const inputsRef = useRef<FloodInputs | null>(null);
  const [inputMode, setInputMode] = useState<FloodInputMode>('none');
  const [crestText, setCrestText] = useState('2.5');
  const crestRef = useRef(2.5);
  crestRef.current = number(crestText) ?? 2.5;
  const [seedCount, setSeedCount] = useState(0);
  const [dikeCount, setDikeCount] = useState(0);
  const [polygonCount, setPolygonCount] = useState<number | null>(null);
  const [showPolygons, setShowPolygons] = useState(true);
  const names = new Map(layers.map((l) => [l.id, l]));

  useEffect(() => {
    const created = new FloodLayers(controller.map, api);
    layersRef.current = created;
    const off = created.onImage((image) => {
      if (image.floodedAreaM2 !== undefined) setAreaAtLevel(image.floodedAreaM2);
    });
    return () => {
      off();
      created.dispose();
      layersRef.current = null;
    };
  }, [controller, api]);

  useEffect(() => layersRef.current?.setTerrainVisible(terrain), [terrain]);

  useEffect(() => {
    const created = new FloodInputs(controller.map, () => controller.claimClicks());
    inputsRef.current = created;
    const off = created.onChange(() => {
      setSeedCount(created.seedPoints().length);
      setDikeCount(created.dikeLines().length);
    });
    return () => {
      off();
      created.dispose();
      inputsRef.current = null;
    };
  }, [controller]);

  useEffect(() => inputsRef.current?.setMode(inputMode, () => crestRef.current), [inputMode]);
  useEffect(() => inputsRef.current?.setPolygonsVisible(showPolygons), [showPolygons]);

  // The run's inundation polygons.
  const floodId = result?.floodId;
  useEffect(() => {
    if (!floodId) {
      inputsRef.current?.showPolygons(null);
      setPolygonCount(null);
      return;
    }
    let live = true;
    api
      .floodPolygons(floodId)
      .then((collection) => {
        if (live) setPolygonCount(inputsRef.current?.showPolygons(collection) ?? 0);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [api, floodId]);

  // Ground and water under the pointer (throttled to the last position).
  const resultRef = useRef<{ floodId?: string; level?: number }>({});
  resultRef.current = result ? { floodId: result.floodId, ...(sliderLevel !== null && sliderLevel !== result.level ? { level: sliderLevel } : {}) } : {};
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = controller.onPointer((position) => {
      if (timer) clearTimeout(timer);
      if (!position) return setPointer(null);
      timer = setTimeout(() => {
        const [x, y] = position.projected as [number, number];
        api
          .rasterValue(x, y, resultRef.current)
          .then(setPointer)
          .catch(() => setPointer(null));
      }, 120);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [controller, api]);

  const range: [number, number] | null = result
    ? [Math.max(result.levelRange[0], result.level - 1.5), Math.min(result.levelRange[1] + SLIDER_STEP, result.level + 1.5)]
    : null;

  // Play: step the level through the range.
  useEffect(() => {
    if (!playing || !range || sliderLevel === null || !result) return;
    const timer = setTimeout(() => {
      const next = sliderLevel + SLIDER_STEP * 2 > range[1] ? range[0] : sliderLevel + SLIDER_STEP * 2;
      moveLevel(next);
    }, 600);
    return () => clearTimeout(timer);
  });

  function moveLevel(level: number): void {
    if (!result) return;
    const rounded = Math.round(level * 1000) / 1000;
    setSliderLevel(rounded);
    layersRef.current?.showFlood({ floodId: result.floodId, level: rounded });
  }

  function start(): void {
    setError(null);
    const level = number(levelText);
    const returnPeriod = number(periodText);
    const rise = number(riseText) ?? 0;
    const seeds = inputsRef.current?.seedPoints() ?? [];
    const dikes = inputsRef.current?.dikeLines() ?? [];
    setInputMode('none');
    const args: FloodJobArgs = {
      ...(mode === 'level' ? (level !== undefined ? { level } : {}) : returnPeriod !== undefined ? { returnPeriod } : {}),
      ...(rise ? { rise } : {}),
      sources: { ...(water ? { water: true } : {}), ...(edge ? { edge: true } : {}), ...(seeds.length ? { points: seeds } : {}) },
      ...(dikes.length ? { dikes } : {}),
      ...(fill ? { fill: true } : {}),
    };
    setPlaying(false);
    setResult(null);
    layersRef.current?.showFlood(null);
    void flood.start({ kind: 'flood', args });
  }

  function downloadCsv(report: FloodReport): void {
    const blob = new Blob(['\ufeff', floodReportCsv(report)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `flood-report-${result?.level ?? ''}m.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  const running = flood.running;
  const m = (v: number, digits = 2) => `${formatNumber(v, i18n.lang, digits)} m`;
  const layerName = (id: LayerId) => (names.get(id) ? i18n.l(names.get(id)!.label) : id);
  const report = result?.report;
  const areas = report ? [...report.zones, ...report.parcels, ...report.buildings] : [];

  return (
    <aside className="side-panel flood" data-testid="flood-panel" aria-label={i18n.t('flood.title')}>
      <header>
        <div>
          <div className="eyebrow">{i18n.t('flood.eyebrow')}</div>
          <h2>{i18n.t('flood.title')}</h2>
        </div>
        <button className="icon" onClick={onClose} title={i18n.t('flood.close')} aria-label={i18n.t('flood.close')}>
          ✕
        </button>
      </header>
      <div className="flood-form">
        <div className="segmented" role="radiogroup" aria-label={i18n.t('flood.levelKind')}>
          {(['level', 'returnPeriod'] as const).map((k) => (
            <button key={k} role="radio" aria-checked={mode === k} className={mode === k ? 'active' : ''} data-testid={`flood-mode-${k}`} onClick={() => setMode(k)}>
              {i18n.t(k === 'level' ? 'flood.byLevel' : 'flood.byReturnPeriod')}
            </button>
          ))}
        </div>
        {mode === 'level' ? (
          <label>
            {i18n.t('flood.level')}
            <input type="number" step="0.05" value={levelText} onChange={(e) => setLevelText(e.target.value)} data-testid="flood-level" />
          </label>
        ) : (
          <label>
            {i18n.t('flood.returnPeriod')}
            <input type="number" step="1" min="1" value={periodText} onChange={(e) => setPeriodText(e.target.value)} data-testid="flood-return-period" />
          </label>
        )}
        <label>
          {i18n.t('flood.rise')}
          <input type="number" step="0.05" value={riseText} onChange={(e) => setRiseText(e.target.value)} data-testid="flood-rise" />
        </label>
        <fieldset>
          <legend>{i18n.t('flood.sources')}</legend>
          <label className="check">
            <input type="checkbox" checked={water} onChange={(e) => setWater(e.target.checked)} data-testid="flood-source-water" /> {i18n.t('flood.sourceWater')}
          </label>
          <label className="check">
            <input type="checkbox" checked={edge} onChange={(e) => setEdge(e.target.checked)} data-testid="flood-source-edge" /> {i18n.t('flood.sourceEdge')}
          </label>
          <div className="flood-inputs">
            <button aria-pressed={inputMode === 'seed'} className={inputMode === 'seed' ? 'active' : ''} onClick={() => setInputMode(inputMode === 'seed' ? 'none' : 'seed')} data-testid="flood-seed-mode">
              {i18n.t('flood.placeSeeds')}
            </button>
            <span className="muted small" data-testid="flood-seed-count" data-count={seedCount}>
              {i18n.t('flood.seedCount', { n: seedCount })}
            </span>
            <button onClick={() => inputsRef.current?.clearSeeds()} disabled={seedCount === 0} data-testid="flood-seed-clear">
              {i18n.t('flood.clearSeeds')}
            </button>
          </div>
          <div className="flood-inputs">
            <button aria-pressed={inputMode === 'dike'} className={inputMode === 'dike' ? 'active' : ''} onClick={() => setInputMode(inputMode === 'dike' ? 'none' : 'dike')} data-testid="flood-dike-mode">
              {i18n.t('flood.drawDike')}
            </button>
            <label>
              {i18n.t('flood.crest')}
              <input type="number" step="0.1" value={crestText} onChange={(e) => setCrestText(e.target.value)} data-testid="flood-dike-crest" />
            </label>
            <span className="muted small" data-testid="flood-dike-count" data-count={dikeCount}>
              {i18n.t('flood.dikeCount', { n: dikeCount })}
            </span>
            <button onClick={() => inputsRef.current?.clearDikes()} disabled={dikeCount === 0} data-testid="flood-dike-clear">
              {i18n.t('flood.clearDikes')}
            </button>
          </div>
          {inputMode !== 'none' && <p className="muted small">{i18n.t(inputMode === 'seed' ? 'flood.seedHint' : 'flood.dikeHint')}</p>}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={fill} onChange={(e) => setFill(e.target.checked)} data-testid="flood-fill" /> {i18n.t('flood.fill')}
        </label>
        <label className="check">
          <input type="checkbox" checked={terrain} onChange={(e) => setTerrain(e.target.checked)} data-testid="flood-terrain" /> {i18n.t('flood.showTerrain')}
        </label>
        <div className="flood-actions">
          <button onClick={start} disabled={running} data-testid="flood-run">
            ▶ {i18n.t('flood.run')}
          </button>
          {running && job && (
            <button onClick={flood.cancel} data-testid="flood-cancel">
              ✕ {i18n.t('flood.cancel')}
            </button>
          )}
        </div>
        {job && running && (
          <div className="flood-progress" data-testid="flood-progress">
            <progress max={1} value={job.progress} />
            <span className="muted small">{job.message ? i18n.l(job.message) : i18n.t('flood.running')}</span>
          </div>
        )}
        {job?.state === 'cancelled' && <p className="muted small">{i18n.t('flood.cancelled')}</p>}
        {error && (
          <p className="error" role="alert" data-testid="flood-error">
            {error}
          </p>
        )}
      </div>
      <div className="flood-pointer muted small" data-testid="flood-pointer">
        {pointer?.elevation != null ? i18n.t('flood.ground', { value: m(pointer.elevation) }) : i18n.t('flood.pointerHint')}
        {pointer?.depth != null && ` · ${i18n.t('flood.depthHere', { value: m(pointer.depth) })}`}
      </div>
      {result && report && range && sliderLevel !== null && (
        <div className="flood-result" data-testid="flood-result" data-flood-id={result.floodId}>
          <p className="flood-summary" data-testid="flood-summary">
            {i18n.t('flood.summary', {
              level: m(result.level),
              area: formatArea(result.areaM2, i18n.lang),
              max: m(result.maxDepthM),
              mean: m(result.meanDepthM),
            })}
            {result.returnPeriod !== undefined && (
              <>
                <br />
                {i18n.t('flood.designFlood', { years: result.returnPeriod, base: m(result.baseLevel), rise: m(result.rise) })}
              </>
            )}
            {result.urbanClass && result.requiredReturnPeriod && (
              <>
                <br />
                {i18n.t('flood.qcvn', { cls: result.urbanClass, years: result.requiredReturnPeriod.urban })}
              </>
            )}
          </p>
          <div className="flood-slider">
            <label>
              {i18n.t('flood.slider')} <b data-testid="flood-slider-level">{m(sliderLevel)}</b>
              <input
                type="range"
                min={range[0]}
                max={range[1]}
                step={SLIDER_STEP}
                value={sliderLevel}
                onChange={(e) => moveLevel(Number(e.target.value))}
                data-testid="flood-slider"
              />
            </label>
            <button onClick={() => setPlaying(!playing)} aria-pressed={playing} data-testid="flood-play">
              {playing ? `⏸ ${i18n.t('flood.pause')}` : `⏵ ${i18n.t('flood.play')}`}
            </button>
            {areaAtLevel !== null && (
              <span className="muted small" data-testid="flood-slider-area">
                {i18n.t('flood.areaAtLevel', { area: formatArea(areaAtLevel, i18n.lang) })}
              </span>
            )}
          </div>
          <label className="check">
            <input type="checkbox" checked={showPolygons} onChange={(e) => setShowPolygons(e.target.checked)} data-testid="flood-polygons-toggle" /> {i18n.t('flood.showPolygons')}
            {polygonCount !== null && (
              <span className="muted small" data-testid="flood-polygons" data-count={polygonCount}>
                {' '}
                ({i18n.t('flood.polygonCount', { n: polygonCount })})
              </span>
            )}
          </label>
          <div className="flood-counts small" data-testid="flood-counts">
            {i18n.t('flood.counts', {
              zones: formatValue(report.counts.zones, i18n.lang),
              parcels: formatValue(report.counts.parcels, i18n.lang),
              buildings: formatValue(report.counts.buildings, i18n.lang),
              roads: formatLength(report.counts.roadLengthM, i18n.lang),
              points: formatValue(Object.values(report.counts.points).reduce((a, b) => a + b, 0), i18n.lang),
              freeboard: formatValue(report.counts.freeboard, i18n.lang),
            })}
          </div>
          <div className="segmented" role="tablist">
            {(['areas', 'roads', 'points', 'freeboard'] as const).map((k) => (
              <button key={k} role="tab" aria-selected={table === k} className={table === k ? 'active' : ''} data-testid={`flood-tab-${k}`} onClick={() => setTable(k)}>
                {i18n.t(`flood.tab.${k}`)}
              </button>
            ))}
          </div>
          <table className="flood-table" data-testid="flood-report">
            {table === 'areas' && (
              <>
                <thead>
                  <tr>
                    <th>{i18n.t('flood.col.feature')}</th>
                    <th>{i18n.t('flood.col.flooded')}</th>
                    <th>{i18n.t('flood.col.share')}</th>
                    <th>{i18n.t('flood.col.maxDepth')}</th>
                  </tr>
                </thead>
                <tbody>
                  {areas.slice(0, ROWS_SHOWN).map((a) => (
                    <tr key={a.uuid}>
                      <td title={layerName(a.layer)}>
                        {a.label} <span className="muted">{a.category ?? ''}</span>
                      </td>
                      <td>{formatArea(a.floodedAreaM2, i18n.lang)}</td>
                      <td>{formatNumber(a.share * 100, i18n.lang, 0)} %</td>
                      <td>{m(a.maxDepthM)}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
            {table === 'roads' && (
              <>
                <thead>
                  <tr>
                    <th>{i18n.t('flood.col.roadClass')}</th>
                    <th>{i18n.t('flood.col.floodedLength')}</th>
                    <th>{i18n.t('flood.col.share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.roads.map((r) => {
                    const entry = names.get('roads')?.fields.find((f) => f.key === 'road_class')?.codeList?.entries.find((e) => e.code === r.roadClass);
                    return (
                      <tr key={r.roadClass}>
                        <td>{entry ? i18n.l(entry.label) : r.roadClass}</td>
                        <td>{formatLength(r.floodedLengthM, i18n.lang)}</td>
                        <td>{formatNumber(r.share * 100, i18n.lang, 0)} %</td>
                      </tr>
                    );
                  })}
                </tbody>
              </>
            )}
            {table === 'points' && (
              <>
                <thead>
                  <tr>
                    <th>{i18n.t('flood.col.feature')}</th>
                    <th>{i18n.t('flood.col.ground')}</th>
                    <th>{i18n.t('flood.col.depth')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.points.slice(0, ROWS_SHOWN).map((p) => (
                    <tr key={p.uuid}>
                      <td>
                        {p.label} <span className="muted">{layerName(p.layer)}</span>
                      </td>
                      <td>{m(p.groundM)}</td>
                      <td>{m(p.depthM)}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
            {table === 'freeboard' && (
              <>
                <thead>
                  <tr>
                    <th>{i18n.t('flood.col.zone')}</th>
                    <th>{i18n.t('flood.col.minGround')}</th>
                    <th>{i18n.t('flood.col.required')}</th>
                    <th>{i18n.t('flood.col.raise')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.freeboard.slice(0, ROWS_SHOWN).map((z) => (
                    <tr key={z.uuid}>
                      <td>
                        {z.label} <span className="muted">{z.functionCode}</span>
                      </td>
                      <td>{m(z.minGroundM)}</td>
                      <td>{m(z.requiredGroundM)}</td>
                      <td>{m(z.raiseM)}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
          </table>
          <button onClick={() => downloadCsv(report)} data-testid="flood-csv">
            ⤓ {i18n.t('flood.csv')}
          </button>
        </div>
      )}
    </aside>
  );
}
