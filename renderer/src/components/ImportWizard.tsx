/**
 * The import wizard (issue #5): pick the file(s) → preview on the map and in a table → the
 * source's coordinate system → its text encoding → the target layer and field mapping → import
 * as a job (progress, cancel) → the result with the rows refused and an Undo. Files reach the
 * core as uploads in serve mode and as their local paths in the desktop app (fileRoutes,
 * renderer/src/io/local-files.ts); the core reads them (ioInspect, ioPreview, ioMapping) exactly
 * as the import will.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type {
  CrsInfo,
  EncodingChoice,
  FieldMapping,
  ImportJobResult,
  IoInspectResult,
  IoPreview,
  LayerInfo,
  PlanDeskApi,
} from '../../../gis-core/api/contract.js';
import type { LayerId } from '../../../layers/types.js';
import { useI18n } from '../i18n/context.js';
import type { StringKey } from '../i18n/strings.js';
import { cellText } from '../io/cell-text.js';
import { fileRoutes } from '../io/file-transfer.js';
import { mainSourceFile, NoLocalPathError, type SourceFile } from '../io/local-files.js';
import { compatibleLayers, initialMapping } from '../io/mapping.js';
import { PreviewLayer } from '../io/preview-layer.js';
import { NotLastEditError, undoImport } from '../io/undo-import.js';
import { toJobFailure, useJob } from '../jobs/use-job.js';
import type { MapController } from '../map/map-controller.js';

type Step = 'file' | 'preview' | 'crs' | 'encoding' | 'mapping' | 'import';
const STEPS: readonly Step[] = ['file', 'preview', 'crs', 'encoding', 'mapping', 'import'];
const ENCODINGS: readonly EncodingChoice[] = ['auto', 'utf8', 'cp1258', 'tcvn3', 'vni'];
/** Rows the preview table shows (the map shows every previewed feature). */
const TABLE_ROWS = 20;

interface Props {
  readonly api: PlanDeskApi;
  readonly controller: MapController;
  readonly layers: readonly LayerInfo[];
  /** The import wrote `count` features into `layer` (or an undo took them out: negative). */
  onChanged(layer: LayerId, count: number): void;
  onClose(): void;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function ImportWizard({ api, controller, layers, onChanged, onClose }: Props) {
  const i18n = useI18n();
  const [step, setStep] = useState<Step>('file');
  const [uploading, setUploading] = useState<number | null>(null);
  const [uploaded, setUploaded] = useState<SourceFile[]>([]);
  const [source, setSource] = useState<SourceFile | null>(null);
  const [inspected, setInspected] = useState<IoInspectResult | null>(null);
  const [sourceLayer, setSourceLayer] = useState<string>('');
  const [srcCrs, setSrcCrs] = useState<number | undefined>(undefined);
  const [crsList, setCrsList] = useState<CrsInfo[]>([]);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [upperCaseFont, setUpperCaseFont] = useState(false);
  const [preview, setPreview] = useState<IoPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [layerId, setLayerId] = useState<LayerId | null>(null);
  const [mapping, setMapping] = useState<FieldMapping>({});
  const [mappingSaved, setMappingSaved] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [result, setResult] = useState<ImportJobResult | null>(null);
  const [undone, setUndone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const previewLayer = useRef<PreviewLayer | null>(null);

  const job = useJob<'import'>(api, {
    onDone: (done) => {
      setResult(done);
      previewLayer.current?.clear();
      if (done.imported > 0) {
        onChanged(done.layer, done.imported);
        void controller.reloadLayers([done.layer]);
      }
    },
    onError: (failure) => setError(failure.message),
  });

  useEffect(() => {
    const layer = new PreviewLayer(controller);
    previewLayer.current = layer;
    return () => {
      layer.dispose();
      previewLayer.current = null;
    };
  }, [controller]);

  useEffect(() => {
    api.crsList().then(setCrsList, (e: unknown) => setError(message(e)));
  }, [api]);

  const layerInfo = inspected?.layers.find((l) => l.name === sourceLayer) ?? null;
  const noCrs = layerInfo?.crs.status === 'none';
  const targets = useMemo(() => (layerInfo ? compatibleLayers(layers, layerInfo.geometryTypes) : [...layers]), [layers, layerInfo]);

  // The preview follows every choice that changes how the source is read.
  useEffect(() => {
    if (!source || !sourceLayer) return;
    if (noCrs && srcCrs === undefined) {
      setPreview(null);
      setPreviewError(i18n.t('io.crs.choose'));
      previewLayer.current?.clear();
      return;
    }
    let current = true;
    setPreviewError(null);
    api
      .ioPreview(source.file, { sourceLayer, encoding, ...(srcCrs !== undefined ? { srcCrs } : {}), ...(upperCaseFont ? { upperCaseFont } : {}) })
      .then((next) => {
        if (!current) return;
        setPreview(next);
        previewLayer.current?.show(next.features);
      })
      .catch((e: unknown) => current && setPreviewError(message(e)));
    return () => {
      current = false;
    };
  }, [api, source, sourceLayer, srcCrs, encoding, upperCaseFont, noCrs, i18n]);

  // The mapping starts from the last import of this source into this layer, else the suggestion.
  useEffect(() => {
    if (!source || !sourceLayer || !layerId) return;
    let current = true;
    api
      .ioMapping(source.file, { layer: layerId, sourceLayer, ...(upperCaseFont ? { upperCaseFont } : {}) })
      .then((m) => {
        if (!current) return;
        setMapping(initialMapping(m));
        setMappingSaved(m.saved !== null);
      })
      .catch((e: unknown) => current && setError(message(e)));
    return () => {
      current = false;
    };
  }, [api, source, sourceLayer, layerId, upperCaseFont]);

  async function pickFiles(list: FileList | null): Promise<void> {
    const files = list ? [...list] : [];
    if (files.length === 0) return;
    setError(null);
    setInspected(null);
    setPreview(null);
    setResult(null);
    setUploading(0);
    try {
      const done = await fileRoutes.sourcesFor(files, (bytes, total) => setUploading(total > 0 ? bytes / total : 1));
      setUploaded(done);
      const main = mainSourceFile(done);
      if (!main) throw new Error(i18n.t('io.file.noMain'));
      const result = await api.ioInspect(main.file);
      const first = result.layers.find((l) => l.featureCount !== 0) ?? result.layers[0];
      if (!first) throw new Error(i18n.t('io.file.noLayers'));
      setSource(main);
      setInspected(result);
      setSourceLayer(first.name);
      setSrcCrs(undefined);
      setEncoding('auto');
      setLayerId(compatibleLayers(layers, first.geometryTypes)[0]?.id ?? null);
      setStep('preview');
    } catch (e) {
      setError(e instanceof NoLocalPathError ? i18n.t('files.noPath', { name: e.fileName }) : message(e));
    } finally {
      setUploading(null);
    }
  }

  function startImport(): void {
    if (!source || !layerId) return;
    setError(null);
    setResult(null);
    setUndone(false);
    setStep('import');
    void job.start({
      kind: 'import',
      args: {
        file: source.file,
        layer: layerId,
        sourceLayer,
        encoding,
        mapping,
        ...(srcCrs !== undefined ? { srcCrs } : {}),
        ...(upperCaseFont ? { upperCaseFont } : {}),
        ...(skipInvalid ? { skipInvalid } : {}),
      },
    });
  }

  async function undo(): Promise<void> {
    if (!result?.batchId) return;
    setError(null);
    try {
      await undoImport(api, result.batchId);
      setUndone(true);
      onChanged(result.layer, -result.imported);
      await controller.reloadLayers([result.layer]);
    } catch (e) {
      setError(e instanceof NotLastEditError ? i18n.t('io.result.undoNotLast') : toJobFailure(e).message);
    }
  }

  const index = STEPS.indexOf(step);
  const canNext =
    (step === 'preview' && layerInfo !== null) || (step === 'crs' && (!noCrs || srcCrs !== undefined)) || step === 'encoding';
  const fields = layerInfo?.fields ?? [];
  const rows = preview?.features.slice(0, TABLE_ROWS) ?? [];
  const target = layers.find((l) => l.id === layerId);
  const crsName = (epsg: number) => crsList.find((c) => c.epsg === epsg)?.name ?? `EPSG:${epsg}`;

  const table = (
    <div className="io-table-wrap" data-testid="io-preview-table">
      {previewError && (
        <p className="muted small" data-testid="io-preview-error">
          {previewError}
        </p>
      )}
      {rows.length > 0 && (
        <table className="io-table">
          <thead>
            <tr>
              <th>#</th>
              {fields.map((f) => (
                <th key={f.name}>{f.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.row}>
                <td className="muted">{row.row}</td>
                {fields.map((f) => (
                  <td key={f.name}>{cellText(row.properties[f.name], i18n.lang)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview && (
        <p className="muted small" data-testid="io-preview-count">
          {i18n.t('io.preview.count', { shown: rows.length, total: preview.featureCount })}
        </p>
      )}
    </div>
  );

  return (
    <aside className="side-panel io-wizard" data-testid="import-wizard" aria-label={i18n.t('io.import.title')}>
      <header>
        <div>
          <div className="eyebrow">{i18n.t('io.import.eyebrow')}</div>
          <h2>{i18n.t('io.import.title')}</h2>
        </div>
        <button className="icon" onClick={onClose} title={i18n.t('io.close')} aria-label={i18n.t('io.close')} data-testid="import-close">
          ✕
        </button>
      </header>
      <ol className="io-steps" aria-label={i18n.t('io.steps')}>
        {STEPS.map((s, i) => (
          <li key={s} className={s === step ? 'current' : i < index ? 'done' : ''} aria-current={s === step ? 'step' : undefined}>
            {i + 1}. {i18n.t(`io.step.${s}` as StringKey)}
          </li>
        ))}
      </ol>

      {step === 'file' && (
        <section className="io-section" data-testid="io-step-file">
          <p className="muted small">{i18n.t('io.file.help')}</p>
          <label className="io-file">
            {i18n.t('io.file.pick')}
            <input type="file" multiple onChange={(e) => void pickFiles(e.target.files)} disabled={uploading !== null} data-testid="io-file-input" />
          </label>
          {uploading !== null && (
            <div className="io-progress">
              <progress max={1} value={uploading} />
              <span className="muted small">{i18n.t(fileRoutes.local ? 'files.reading' : 'io.file.uploading')}</span>
            </div>
          )}
          {uploaded.length > 0 && (
            <ul className="io-uploaded small">
              {uploaded.map((u) => (
                <li key={u.file}>{u.name}</li>
              ))}
            </ul>
          )}
        </section>
      )}

      {step === 'preview' && inspected && layerInfo && (
        <section className="io-section" data-testid="io-step-preview">
          <p className="small">
            <strong>{source?.name}</strong>
          </p>
          {inspected.layers.length > 1 && (
            <label>
              {i18n.t('io.preview.sourceLayer')}
              <select value={sourceLayer} onChange={(e) => setSourceLayer(e.target.value)} data-testid="io-source-layer">
                {inspected.layers.map((l) => (
                  <option key={l.name} value={l.name}>
                    {l.name} ({l.featureCount})
                  </option>
                ))}
              </select>
            </label>
          )}
          <p className="small" data-testid="io-source-summary">
            {i18n.t('io.preview.summary', {
              count: layerInfo.featureCount,
              types: Object.entries(layerInfo.geometryTypes)
                .map(([t, n]) => `${t} × ${n}`)
                .join(', '),
              fields: layerInfo.fields.length,
            })}
          </p>
          {table}
        </section>
      )}

      {step === 'crs' && layerInfo && (
        <section className="io-section" data-testid="io-step-crs">
          <p className="small" data-testid="io-crs-detected">
            {layerInfo.crs.epsg !== null
              ? i18n.t('io.crs.detected', { name: crsName(layerInfo.crs.epsg), code: `EPSG:${layerInfo.crs.epsg}` })
              : layerInfo.crs.status === 'other'
                ? i18n.t('io.crs.other')
                : i18n.t('io.crs.none')}
          </p>
          {layerInfo.crs.status === 'vn2000-repaired' && <p className="io-note small">{i18n.t('io.crs.repaired', { note: layerInfo.crs.note })}</p>}
          {noCrs && layerInfo.crsSuggestions.length > 0 && (
            <fieldset className="io-choices" data-testid="io-crs-suggestions">
              <legend>{i18n.t('io.crs.suggested')}</legend>
              {layerInfo.crsSuggestions.map((s) => (
                <label key={s.epsg} className="check">
                  <input type="radio" name="io-crs" checked={srcCrs === s.epsg} onChange={() => setSrcCrs(s.epsg)} />
                  <span>
                    {crsName(s.epsg)} <span className="muted">(EPSG:{s.epsg})</span>
                    <span className="muted small io-reason">{i18n.t(`io.crs.why.${s.kind}` as StringKey)}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          <label>
            {i18n.t(noCrs ? 'io.crs.pick' : 'io.crs.override')}
            <select value={srcCrs ?? ''} onChange={(e) => setSrcCrs(e.target.value === '' ? undefined : Number(e.target.value))} data-testid="io-crs-select">
              <option value="">{noCrs ? i18n.t('io.crs.none') : i18n.t('io.crs.asDetected')}</option>
              {crsList.map((c) => (
                <option key={c.epsg} value={c.epsg}>
                  {c.name} (EPSG:{c.epsg})
                </option>
              ))}
            </select>
          </label>
          {previewError && noCrs && srcCrs === undefined ? null : table}
        </section>
      )}

      {step === 'encoding' && layerInfo && (
        <section className="io-section" data-testid="io-step-encoding">
          <label>
            {i18n.t('io.encoding.label')}
            <select value={encoding} onChange={(e) => setEncoding(e.target.value as EncodingChoice)} data-testid="io-encoding">
              {ENCODINGS.map((e) => (
                <option key={e} value={e}>
                  {i18n.t(`io.encoding.${e}` as StringKey)}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={upperCaseFont} onChange={(e) => setUpperCaseFont(e.target.checked)} data-testid="io-upper-case" />
            <span>{i18n.t('io.encoding.upperCase')}</span>
          </label>
          <p className="muted small">{i18n.t('io.encoding.guesses')}</p>
          <ul className="io-guesses small" data-testid="io-encoding-guesses">
            {layerInfo.fields
              .filter((f) => layerInfo.encodings[f.name] && !layerInfo.encodings[f.name]!.ascii)
              .map((f) => (
                <li key={f.name}>
                  {i18n.t('io.encoding.guess', { field: f.name, encoding: i18n.t(`io.encoding.${layerInfo.encodings[f.name]!.encoding}` as StringKey) })}
                </li>
              ))}
          </ul>
          {table}
        </section>
      )}

      {step === 'mapping' && layerInfo && (
        <section className="io-section" data-testid="io-step-mapping">
          <label>
            {i18n.t('io.mapping.layer')}
            <select value={layerId ?? ''} onChange={(e) => setLayerId(e.target.value as LayerId)} data-testid="io-target-layer">
              {targets.map((l) => (
                <option key={l.id} value={l.id}>
                  {i18n.l(l.label)}
                </option>
              ))}
            </select>
          </label>
          <p className="muted small">{i18n.t(mappingSaved ? 'io.mapping.fromSaved' : 'io.mapping.suggested')}</p>
          <table className="io-mapping" data-testid="io-mapping">
            <thead>
              <tr>
                <th>{i18n.t('io.mapping.source')}</th>
                <th>{i18n.t('io.mapping.target')}</th>
              </tr>
            </thead>
            <tbody>
              {layerInfo.fields.map((f) => (
                <tr key={f.name}>
                  <td>
                    {f.name}
                    <div className="muted small">{cellText(preview?.features[0]?.properties[f.name], i18n.lang)}</div>
                  </td>
                  <td>
                    <select
                      value={mapping[f.name] ?? ''}
                      onChange={(e) => setMapping({ ...mapping, [f.name]: e.target.value === '' ? null : e.target.value })}
                      data-testid={`io-map-${f.name}`}
                      aria-label={f.name}
                    >
                      <option value="">{i18n.t('io.mapping.extra')}</option>
                      {target?.fields
                        .filter((tf) => !tf.derived)
                        .map((tf) => (
                          <option key={tf.key} value={tf.key}>
                            {i18n.l(tf.label)}
                            {tf.required ? ' *' : ''}
                          </option>
                        ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label className="check">
            <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="io-skip-invalid" />
            <span>{i18n.t('io.mapping.skipInvalid')}</span>
          </label>
        </section>
      )}

      {step === 'import' && (
        <section className="io-section" data-testid="io-step-import">
          {job.running && job.job && (
            <div className="io-progress" data-testid="io-import-progress">
              <progress max={1} value={job.job.progress} />
              <span className="muted small">{job.job.message ? i18n.l(job.job.message) : i18n.t('io.import.running')}</span>
              <button onClick={job.cancel} data-testid="io-import-cancel">
                ✕ {i18n.t('io.cancel')}
              </button>
            </div>
          )}
          {job.job?.state === 'cancelled' && <p className="muted small">{i18n.t('io.import.cancelled')}</p>}
          {result && (
            <div className="io-result" data-testid="io-import-result" data-imported={result.imported}>
              <p className={result.imported > 0 ? 'io-ok' : 'error'}>
                {result.imported > 0
                  ? i18n.t('io.result.imported', { n: result.imported, layer: target ? i18n.l(target.label) : result.layer })
                  : i18n.t('io.result.nothing')}
              </p>
              {result.rejected.length > 0 && (
                <>
                  <p className="small">{i18n.t('io.result.rejected', { n: result.rejected.length })}</p>
                  <table className="io-table" data-testid="io-rejected">
                    <thead>
                      <tr>
                        <th>{i18n.t('io.result.row')}</th>
                        <th>{i18n.t('io.result.reason')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {result.rejected.slice(0, 200).map((r) => (
                        <tr key={r.row}>
                          <td>{r.row}</td>
                          <td>{r.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
              {result.batchId !== null && !undone && (
                <button onClick={() => void undo()} data-testid="io-undo">
                  ↶ {i18n.t('io.result.undo')}
                </button>
              )}
              {undone && (
                <p className="muted small" data-testid="io-undone">
                  {i18n.t('io.result.undone')}
                </p>
              )}
            </div>
          )}
        </section>
      )}

      {error && (
        <p className="error" role="alert" data-testid="io-error">
          {error}
        </p>
      )}

      <div className="io-nav">
        {index > 0 && step !== 'import' && (
          <button onClick={() => setStep(STEPS[index - 1]!)} data-testid="io-back">
            ← {i18n.t('io.back')}
          </button>
        )}
        {canNext && (
          <button className="primary" onClick={() => setStep(STEPS[index + 1]!)} data-testid="io-next">
            {i18n.t('io.next')} →
          </button>
        )}
        {step === 'mapping' && (
          <button className="primary" onClick={startImport} disabled={!layerId} data-testid="io-import-start">
            {i18n.t('io.import.start')}
          </button>
        )}
        {step === 'import' && !job.running && (
          <button onClick={() => setStep('mapping')} data-testid="io-back-to-mapping">
            ← {i18n.t('io.import.again')}
          </button>
        )}
      </div>
    </aside>
  );
}
