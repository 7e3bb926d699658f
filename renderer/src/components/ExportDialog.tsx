/**
 * The export dialog (issue #5): a layer, or the edit session's selection, to GeoPackage,
 * Shapefile, GeoJSON, KML, DXF or CSV in the project CRS or another; run as an export job
 * (progress, cancel), then downloaded (a shapefile as one .zip) in serve mode, or written where the
 * desktop app's save dialog says (fileRoutes, io/local-files.ts). "Planning database" exports every
 * mapped layer at once as the GeoPackage of Circular 16/2025/TT-BXD Appendix II.
 */
import { useEffect, useState } from 'react';
import type { CrsInfo, ExportJobArgs, ExportJobResult, LayerInfo, PlanDeskApi } from '../../../gis-core/api/contract.js';
import type { LayerId } from '../../../layers/types.js';
import { useI18n } from '../i18n/context.js';
import type { StringKey } from '../i18n/strings.js';
import { fileRoutes } from '../io/file-transfer.js';
import type { Delivery, OutputTarget } from '../io/local-files.js';
import { useJob } from '../jobs/use-job.js';

type Format = ExportJobArgs['format'];
const FORMATS: readonly Format[] = ['gpkg', 'shp', 'geojson', 'kml', 'dxf', 'csv', 'planning-gpkg'];
/** GeoJSON (RFC 7946) and KML are WGS 84 by definition. */
const WGS84_ONLY: ReadonlySet<Format> = new Set(['geojson', 'kml']);
/** The file the save dialog suggests: the layer's id, or the appendix's name for the planning database. */
function suggestedName(format: Format, layer: LayerId): string {
  return format === 'planning-gpkg' ? 'QuyHoach.gpkg' : `${layer}.${format}`;
}

interface Props {
  readonly api: PlanDeskApi;
  readonly layers: readonly LayerInfo[];
  readonly projectCrs: CrsInfo;
  /** The edit session's selection, when it has one. */
  readonly selection: { readonly layerId: LayerId; readonly uuids: readonly string[] } | null;
  /** The layer to start with (the one being edited, say). */
  readonly initialLayer?: LayerId | null;
  onClose(): void;
}

export function ExportDialog({ api, layers, projectCrs, selection, initialLayer, onClose }: Props) {
  const i18n = useI18n();
  const [layerId, setLayerId] = useState<LayerId>(selection?.layerId ?? initialLayer ?? layers.find((l) => l.featureCount > 0)?.id ?? layers[0]!.id);
  const [onlySelection, setOnlySelection] = useState(selection !== null);
  const [format, setFormat] = useState<Format>('gpkg');
  const [crs, setCrs] = useState<number>(projectCrs.epsg);
  const [crsList, setCrsList] = useState<CrsInfo[]>([]);
  const [result, setResult] = useState<{ jobId: string; result: ExportJobResult; delivery: Delivery } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob<'export'>(api, {
    onDone: (done, info) => {
      setResult({ jobId: info.id, result: done, delivery: fileRoutes.deliverOutput(info.id) });
    },
    onError: (failure) => setError(failure.message),
  });

  useEffect(() => {
    api.crsList().then(setCrsList, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [api]);

  const useSelection = onlySelection && selection !== null && selection.layerId === layerId;
  const wgs84 = WGS84_ONLY.has(format);
  const planning = format === 'planning-gpkg';

  async function run(): Promise<void> {
    setError(null);
    setResult(null);
    const crsArg = !wgs84 && crs !== projectCrs.epsg ? { crs } : {};
    let target: OutputTarget | null;
    try {
      target = await fileRoutes.outputFor({
        title: i18n.t('files.saveTitle.export'),
        defaultName: suggestedName(format, layerId),
        filterName: format === 'shp' ? 'ESRI Shapefile (.shp)' : i18n.t(`io.format.${format}` as StringKey),
        extensions: [format === 'planning-gpkg' ? 'gpkg' : format],
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return;
    }
    if (!target) return; // the save dialog was cancelled
    // The save dialog has asked before replacing a file.
    const outArg = target.out !== undefined ? { out: target.out, overwrite: true } : {};
    void job.start({
      kind: 'export',
      args:
        format === 'planning-gpkg'
          ? { format, ...outArg, ...crsArg }
          : { layer: layerId, format, ...outArg, ...(useSelection ? { uuids: selection.uuids } : {}), ...crsArg },
    });
  }

  function showInFolder(path: string): void {
    fileRoutes.showInFolder(path).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }

  const crsChoices = crsList.filter((c) => c.epsg === projectCrs.epsg || c.kind === 'projected' || c.epsg === 4326 || c.epsg === 4756);

  return (
    <div className="modal-backdrop" role="presentation" onClick={() => !job.running && onClose()}>
      <div className="modal io-export" role="dialog" aria-modal="true" aria-label={i18n.t('io.export.title')} onClick={(e) => e.stopPropagation()} data-testid="export-dialog">
        <h2>{i18n.t('io.export.title')}</h2>
        <fieldset disabled={job.running}>
          {!planning && (
            <label>
              {i18n.t('io.export.layer')}
              <select value={layerId} onChange={(e) => setLayerId(e.target.value as LayerId)} data-testid="export-layer">
                {layers.map((l) => (
                  <option key={l.id} value={l.id}>
                    {i18n.l(l.label)} ({l.featureCount})
                  </option>
                ))}
              </select>
            </label>
          )}
          {!planning && selection && selection.layerId === layerId && (
            <label className="check">
              <input type="checkbox" checked={onlySelection} onChange={(e) => setOnlySelection(e.target.checked)} data-testid="export-selection" />
              <span>{i18n.t('io.export.onlySelection', { n: selection.uuids.length })}</span>
            </label>
          )}
          <label>
            {i18n.t('io.export.format')}
            <select value={format} onChange={(e) => setFormat(e.target.value as Format)} data-testid="export-format">
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {i18n.t(`io.format.${f}` as StringKey)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {i18n.t('io.export.crs')}
            <select value={wgs84 ? 4326 : crs} onChange={(e) => setCrs(Number(e.target.value))} disabled={wgs84} data-testid="export-crs">
              {wgs84 ? (
                <option value={4326}>WGS 84 (EPSG:4326)</option>
              ) : (
                crsChoices.map((c) => (
                  <option key={c.epsg} value={c.epsg}>
                    {c.name} (EPSG:{c.epsg}){c.epsg === projectCrs.epsg ? ` — ${i18n.t('io.export.projectCrs')}` : ''}
                  </option>
                ))
              )}
            </select>
          </label>
          {wgs84 && <p className="muted small" data-testid="export-wgs84-note">{i18n.t('io.export.wgs84Note')}</p>}
          {format === 'dxf' && <p className="muted small">{i18n.t('io.export.dxfNote')}</p>}
          {format === 'shp' && <p className="muted small">{i18n.t(fileRoutes.local ? 'files.shpNote' : 'io.export.shpNote')}</p>}
          {planning && (
            <p className="muted small" data-testid="export-planning-note">
              {i18n.t('io.export.planningNote')}
            </p>
          )}
        </fieldset>
        {job.running && job.job && (
          <div className="io-progress" data-testid="export-progress">
            <progress max={1} value={job.job.progress} />
            <span className="muted small">{job.job.message ? i18n.l(job.job.message) : i18n.t('io.export.running')}</span>
          </div>
        )}
        {job.job?.state === 'cancelled' && <p className="muted small">{i18n.t('io.export.cancelled')}</p>}
        {result && (
          <p className="io-ok" data-testid="export-done">
            {i18n.t('io.export.done', { n: result.result.features, crs: `EPSG:${result.result.crs}` })}{' '}
            {result.delivery === 'downloaded' ? (
              <button className="link" onClick={() => fileRoutes.deliverOutput(result.jobId)} data-testid="export-download-again">
                {i18n.t('io.export.downloadAgain')}
              </button>
            ) : (
              <>
                <span className="muted small print-path" data-testid="export-path">
                  {i18n.t('files.savedAt', { path: result.result.out })}
                </span>{' '}
                <button className="link" onClick={() => void showInFolder(result.result.out)} data-testid="export-show-in-folder">
                  {i18n.t('files.showInFolder')}
                </button>
              </>
            )}
          </p>
        )}
        {error && (
          <p className="error" role="alert" data-testid="export-error">
            {error}
          </p>
        )}
        <div className="modal-actions">
          {job.running ? (
            <button onClick={job.cancel} data-testid="export-cancel">
              ✕ {i18n.t('io.cancel')}
            </button>
          ) : (
            <button onClick={onClose} data-testid="export-close">
              {i18n.t('io.close')}
            </button>
          )}
          <button className="primary" onClick={() => void run()} disabled={job.running} data-testid="export-run">
            {i18n.t(fileRoutes.local ? 'files.exportRun' : 'io.export.run')}
          </button>
        </div>
      </div>
    </div>
  );
}
