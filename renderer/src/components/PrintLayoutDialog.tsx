/**
 * The print layout editor (issue #9): paper, orientation, scale or fit, the map frame centred on
 * the map view, title block, notes, layers, grid, inset and legend; templates saved in the
 * project; the sheet previewed as the core composes it (`printPreview`, the same drawing the
 * PDF is printed from); "Xuất PDF" / "Xuất PNG" run the `print` job (progress, cancel), then
 * the file is downloaded (serve mode) or written where the desktop app's save dialog says
 * (fileRoutes, io/local-files.ts), and its path shown.
 */
import { useEffect, useMemo, useState } from 'react';
import type { LayerInfo, PlanDeskApi, PrintJobResult, PrintLayout, PrintPreview, PrintTemplate, TitleBlock } from '../../../gis-core/api/contract.js';
import { defaultLayout, PAPER_NAMES, printFileName, STANDARD_SCALES, type Orientation, type PaperSize } from '../../../gis-core/print/layout.js';
import type { LayerId } from '../../../layers/types.js';
import { useI18n } from '../i18n/context.js';
import type { StringKey } from '../i18n/strings.js';
import { fileRoutes } from '../io/file-transfer.js';
import type { Delivery, OutputTarget } from '../io/local-files.js';
import { useJob } from '../jobs/use-job.js';
import { SheetPreview } from '../print/SheetPreview.js';

interface Props {
  readonly api: PlanDeskApi;
  readonly layers: readonly LayerInfo[];
  /** The layers visible on the map now (printed by default). */
  readonly visibleLayers: readonly LayerId[];
  /** The map view's centre now, project CRS. */
  viewCenter(): readonly [number, number] | null;
  onClose(): void;
}

const GRID_CHOICES = [10, 20, 25, 50, 100, 200, 250, 500, 1000] as const;
const DPI_CHOICES = [96, 150, 200, 300, 600] as const;
const PREVIEW_DELAY_MS = 350;
const TITLE_FIELDS: readonly (keyof TitleBlock)[] = ['authority', 'planName', 'decisionNo', 'decisionDate', 'drawnBy', 'checkedBy'];

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function PrintLayoutDialog({ api, layers, visibleLayers, viewCenter, onClose }: Props) {
  const i18n = useI18n();
  const [layout, setLayout] = useState<PrintLayout>(() => {
    const center = viewCenter();
    return { ...defaultLayout(), lang: i18n.lang, layers: [...visibleLayers], ...(center ? { center: [Math.round(center[0]), Math.round(center[1])] } : {}) };
  });
  const [templates, setTemplates] = useState<PrintTemplate[]>([]);
  const [templateName, setTemplateName] = useState('');
  const [chosenTemplate, setChosenTemplate] = useState('');
  const [preview, setPreview] = useState<PrintPreview | null>(null);
  const [previewBusy, setPreviewBusy] = useState(false);
  const [dpi, setDpi] = useState<number>(150);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ jobId: string; result: PrintJobResult; delivery: Delivery } | null>(null);
  const job = useJob<'print'>(api, {
    onDone: (done, info) => {
      setResult({ jobId: info.id, result: done, delivery: fileRoutes.deliverOutput(info.id) });
    },
    onError: (failure) => setError(failure.message),
  });

  useEffect(() => {
    api.printTemplates().then(setTemplates, (e: unknown) => setError(errorText(e)));
  }, [api]);

  // The preview follows the layout, a moment after the last change.
  useEffect(() => {
    let stale = false;
    setPreviewBusy(true);
    const timer = setTimeout(() => {
      api
        .printPreview(layout)
        .then((p) => {
          if (stale) return;
          setPreview(p);
          setError(null);
        })
        .catch((e: unknown) => !stale && setError(errorText(e)))
        .finally(() => !stale && setPreviewBusy(false));
    }, PREVIEW_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [api, layout]);

  const update = (patch: Partial<PrintLayout>): void => setLayout((current) => ({ ...current, ...patch }));
  const updateTitle = (key: keyof TitleBlock, value: string): void => setLayout((current) => ({ ...current, title: { ...current.title, [key]: value } }));
  const printed = useMemo(() => new Set(layout.layers ?? layers.map((l) => l.id)), [layout.layers, layers]);

  function toggleLayer(id: LayerId, on: boolean): void {
    const next = layers.map((l) => l.id).filter((l) => (l === id ? on : printed.has(l)));
    update({ layers: next });
  }

  function followView(): void {
    const center = viewCenter();
    if (center) update({ center: [Math.round(center[0]), Math.round(center[1])] });
  }

  function loadTemplate(): void {
    const template = templates.find((t) => t.name === chosenTemplate);
    if (!template) return;
    // A template keeps its own place when it has one; otherwise the frame stays where it is.
    setLayout((current) => ({ ...template.layout, ...(template.layout.center || template.layout.extent ? {} : current.center ? { center: current.center } : {}) }));
    setTemplateName(template.name);
  }

  function saveTemplate(): void {
    const name = templateName.trim();
    if (!name) return;
    api.printTemplateSave({ name, layout }).then(
      (list) => {
        setTemplates(list);
        setChosenTemplate(name);
        setNotice(i18n.t('print.templateSaved', { name }));
      },
      (e: unknown) => setError(errorText(e)),
    );
  }

  function deleteTemplate(): void {
    const name = chosenTemplate;
    if (!name) return;
    api.printTemplateDelete(name).then(
      (list) => {
        setTemplates(list);
        setChosenTemplate('');
        setNotice(i18n.t('print.templateDeleted', { name }));
      },
      (e: unknown) => setError(errorText(e)),
    );
  }

  async function run(format: 'pdf' | 'png'): Promise<void> {
    setError(null);
    setNotice(null);
    setResult(null);
    let target: OutputTarget | null;
    try {
      target = await fileRoutes.outputFor({
        title: i18n.t('files.saveTitle.print'),
        defaultName: printFileName(layout, format),
        filterName: i18n.t(format === 'pdf' ? 'files.filter.pdf' : 'files.filter.png'),
        extensions: [format],
      });
    } catch (e) {
      setError(errorText(e));
      return;
    }
    if (!target) return; // the save dialog was cancelled
    void job.start({ kind: 'print', args: { layout, format, ...target, ...(format === 'png' ? { dpi } : {}) } });
  }

  function showInFolder(path: string): void {
    fileRoutes.showInFolder(path).catch((e: unknown) => setError(errorText(e)));
  }

  const scaleValue = layout.scale === 'fit' ? 'fit' : String(layout.scale);
  const frame = preview ? { w: Math.round(preview.extent[2] - preview.extent[0]), h: Math.round(preview.extent[3] - preview.extent[1]) } : null;

  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal print-dialog" role="dialog" aria-modal="true" aria-label={i18n.t('print.title')} data-testid="print-dialog">
        <div className="print-head">
          <h2>{i18n.t('print.title')}</h2>
          <button className="icon" onClick={onClose} disabled={job.running} aria-label={i18n.t('print.close')} data-testid="print-close">
            ✕
          </button>
        </div>
        <div className="print-body">
          <form className="print-controls" onSubmit={(e) => e.preventDefault()}>
            <fieldset disabled={job.running}>
              <legend>{i18n.t('print.template')}</legend>
              <div className="print-row">
                <select value={chosenTemplate} onChange={(e) => setChosenTemplate(e.target.value)} data-testid="print-template-select" aria-label={i18n.t('print.template')}>
                  <option value="">{i18n.t('print.templateNone')}</option>
                  {templates.map((t) => (
                    <option key={t.name} value={t.name}>
                      {t.name}
                    </option>
                  ))}
                </select>
                <button type="button" onClick={loadTemplate} disabled={!chosenTemplate} data-testid="print-template-load">
                  {i18n.t('print.templateLoad')}
                </button>
                <button type="button" onClick={deleteTemplate} disabled={!chosenTemplate} data-testid="print-template-delete">
                  {i18n.t('print.templateDelete')}
                </button>
              </div>
              <div className="print-row">
                <input value={templateName} onChange={(e) => setTemplateName(e.target.value)} placeholder={i18n.t('print.templateName')} aria-label={i18n.t('print.templateName')} data-testid="print-template-name" />
                <button type="button" onClick={saveTemplate} disabled={!templateName.trim()} data-testid="print-template-save">
                  {i18n.t('print.templateSave')}
                </button>
              </div>
            </fieldset>

            <fieldset disabled={job.running}>
              <legend>{i18n.t('print.sheet')}</legend>
              <div className="print-grid">
                <label>
                  {i18n.t('print.paper')}
                  <select value={layout.paper} onChange={(e) => update({ paper: e.target.value as PaperSize })} data-testid="print-paper">
                    {PAPER_NAMES.map((p) => (
                      <option key={p} value={p}>
                        {p}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {i18n.t('print.orientation')}
                  <select value={layout.orientation} onChange={(e) => update({ orientation: e.target.value as Orientation })} data-testid="print-orientation">
                    <option value="landscape">{i18n.t('print.landscape')}</option>
                    <option value="portrait">{i18n.t('print.portrait')}</option>
                  </select>
                </label>
                <label>
                  {i18n.t('print.scale')}
                  <select value={scaleValue} onChange={(e) => update({ scale: e.target.value === 'fit' ? 'fit' : Number(e.target.value) })} data-testid="print-scale">
                    {STANDARD_SCALES.map((s) => (
                      <option key={s} value={String(s)}>
                        1:{s}
                      </option>
                    ))}
                    {layout.scale !== 'fit' && !(STANDARD_SCALES as readonly number[]).includes(layout.scale) && <option value={scaleValue}>1:{scaleValue}</option>}
                    <option value="fit">{i18n.t('print.scaleFit')}</option>
                  </select>
                </label>
                <label>
                  {i18n.t('print.grid')}
                  <select
                    value={String(layout.gridInterval)}
                    onChange={(e) => update({ gridInterval: e.target.value === 'auto' ? 'auto' : Number(e.target.value) })}
                    data-testid="print-grid"
                  >
                    <option value="auto">{i18n.t('print.gridAuto')}</option>
                    {GRID_CHOICES.map((g) => (
                      <option key={g} value={String(g)}>
                        {g} m
                      </option>
                    ))}
                    <option value="0">{i18n.t('print.gridOff')}</option>
                  </select>
                </label>
              </div>
              <div className="print-row">
                <button type="button" onClick={followView} title={i18n.t('print.followViewTitle')} data-testid="print-follow-view" disabled={layout.scale === 'fit'}>
                  ⌖ {i18n.t('print.followView')}
                </button>
                {layout.center && layout.scale !== 'fit' && (
                  <span className="muted small" data-testid="print-center">
                    {i18n.t('print.center', { x: layout.center[0], y: layout.center[1] })}
                  </span>
                )}
              </div>
              <div className="print-row">
                <label className="check">
                  <input type="checkbox" checked={layout.legend} onChange={(e) => update({ legend: e.target.checked })} data-testid="print-legend" />
                  <span>{i18n.t('print.legend')}</span>
                </label>
                <label className="check">
                  <input type="checkbox" checked={layout.inset} onChange={(e) => update({ inset: e.target.checked })} data-testid="print-inset" />
                  <span>{i18n.t('print.inset')}</span>
                </label>
              </div>
            </fieldset>

            <fieldset disabled={job.running}>
              <legend>{i18n.t('print.titleBlock')}</legend>
              {TITLE_FIELDS.map((key) => (
                <label key={key}>
                  {i18n.t(`print.${key}` as StringKey)}
                  <input
                    type={key === 'decisionDate' ? 'date' : 'text'}
                    value={layout.title[key]}
                    onChange={(e) => updateTitle(key, e.target.value)}
                    data-testid={`print-title-${key}`}
                  />
                </label>
              ))}
              <label>
                {i18n.t('print.notes')}
                <textarea rows={2} value={layout.notes} onChange={(e) => update({ notes: e.target.value })} data-testid="print-notes" />
              </label>
            </fieldset>

            <fieldset disabled={job.running}>
              <legend>{i18n.t('print.layers')}</legend>
              <div className="print-layers">
                {[...layers].reverse().map((l) => (
                  <label key={l.id} className="check">
                    <input type="checkbox" checked={printed.has(l.id)} onChange={(e) => toggleLayer(l.id, e.target.checked)} data-testid={`print-layer-${l.id}`} />
                    <span>{i18n.l(l.label)}</span>
                  </label>
                ))}
              </div>
            </fieldset>

            <fieldset>
              <legend>{i18n.t('print.output')}</legend>
              <div className="print-row">
                <label>
                  {i18n.t('print.dpi')}
                  <select value={dpi} onChange={(e) => setDpi(Number(e.target.value))} disabled={job.running} data-testid="print-dpi">
                    {DPI_CHOICES.map((d) => (
                      <option key={d} value={d}>
                        {d}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {job.running && job.job && (
                <div className="io-progress" data-testid="print-progress">
                  <progress max={1} value={job.job.progress} />
                  <span className="muted small">{job.job.message ? i18n.l(job.job.message) : i18n.t('print.running')}</span>
                </div>
              )}
              {job.job?.state === 'cancelled' && <p className="muted small">{i18n.t('print.cancelled')}</p>}
              {result && (
                <div className="io-ok" data-testid="print-done">
                  <p>{i18n.t('print.done', { format: result.result.format.toUpperCase(), paper: result.result.paper, scale: result.result.scale })}</p>
                  <p className="muted small print-path" data-testid="print-path">
                    {i18n.t('print.savedAt', { path: result.result.out })}
                  </p>
                  {result.delivery === 'downloaded' ? (
                    <button type="button" className="link" onClick={() => fileRoutes.deliverOutput(result.jobId)} data-testid="print-download-again">
                      {i18n.t('print.downloadAgain')}
                    </button>
                  ) : (
                    <button type="button" className="link" onClick={() => showInFolder(result.result.out)} data-testid="print-show-in-folder">
                      {i18n.t('files.showInFolder')}
                    </button>
                  )}
                </div>
              )}
              <div className="modal-actions">
                {job.running ? (
                  <button type="button" onClick={job.cancel} data-testid="print-cancel">
                    ✕ {i18n.t('io.cancel')}
                  </button>
                ) : null}
                <button type="button" onClick={() => void run('png')} disabled={job.running} data-testid="print-export-png">
                  {i18n.t('print.exportPng')}
                </button>
                <button type="button" className="primary" onClick={() => void run('pdf')} disabled={job.running} data-testid="print-export-pdf">
                  {i18n.t('print.exportPdf')}
                </button>
              </div>
            </fieldset>
            {notice && (
              <p className="io-ok small" role="status" data-testid="print-notice">
                {notice}
              </p>
            )}
            {error && (
              <p className="error" role="alert" data-testid="print-error">
                {error}
              </p>
            )}
          </form>
          <section className="print-preview" aria-label={i18n.t('print.preview')}>
            <div className="print-preview-caption muted small" data-testid="print-preview-caption">
              {previewBusy || !preview
                ? i18n.t('print.previewLoading')
                : i18n.t('print.previewScale', { scale: preview.scale, w: frame?.w ?? 0, h: frame?.h ?? 0 })}
            </div>
            {preview && preview.truncated.length > 0 && <p className="error small">{i18n.t('print.truncated')}</p>}
            {preview && <SheetPreview sheet={preview.sheet} paperMm={preview.paperMm} />}
          </section>
        </div>
      </div>
    </div>
  );
}
