/**
 * The main screen once a project is open: top bar, layer panel, the map, identify panel,
 * attribute table, status bar; in edit mode the edit bar and the feature form; the validation
 * panel. Holds the UI state; the map lives in MapController, editing in EditSession.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type {
  ApiFeature,
  ApiFeatureDetail,
  BBox,
  CrsInfo,
  EditResult,
  LayerInfo,
  PlanDeskApi,
  ProjectDescription,
  SearchHit,
  ValidationFinding,
} from '../../../gis-core/api/contract.js';
import type { GeoJSONGeometry, LayerId } from '../../../layers/types.js';
import { EditSession, type EditSnapshot } from '../edit/edit-session.js';
import { loadEditLayer, loadSnapTolerance, saveEditLayer, saveSnapTolerance } from '../edit/settings.js';
import { commandFor } from '../edit/shortcuts.js';
import { useI18n } from '../i18n/context.js';
import type { Measurement } from '../interactions/measure.js';
import { loadBasemapSettings, saveBasemapSettings, type BasemapSettings } from '../map/basemap.js';
import { MapController, type Tool, type ViewState } from '../map/map-controller.js';
import type { LayerLoadState } from '../map/view-loader.js';
import { AttributeTable } from './AttributeTable.js';
import { CopyAttributesPanel } from './CopyAttributesPanel.js';
import { EditToolbar } from './EditToolbar.js';
import { ExportDialog } from './ExportDialog.js';
import { PrintLayoutDialog } from './PrintLayoutDialog.js';
import { FloodPanel } from './FloodPanel.js';
import { FeatureForm, type FormKind } from './FeatureForm.js';
import { IdentifyPanel } from './IdentifyPanel.js';
import { ImportWizard } from './ImportWizard.js';
import { LayerPanel } from './LayerPanel.js';
import type { LayerUiState } from './LayerRow.js';
import { MeasureBox } from './MeasureBox.js';
import { Scene3DView } from './Scene3DView.js';
import { SearchBox } from './SearchBox.js';
import { SettingsDialog } from './SettingsDialog.js';
import { StatusBar } from './StatusBar.js';
import { SyncPanel } from './SyncPanel.js';
import { TopBar } from './TopBar.js';
import { ValidationPanel } from './ValidationPanel.js';

interface Props {
  readonly api: PlanDeskApi;
  readonly project: ProjectDescription;
  readonly layers: readonly LayerInfo[];
  readonly crs: CrsInfo;
  onLanguage(): void;
}

interface Selection {
  readonly layerId: LayerId;
  readonly uuid: string;
  readonly detail: ApiFeatureDetail | null;
  readonly error: string | null;
}

const NO_SUBSCRIPTION = () => () => {};
const NO_SNAPSHOT = () => null;

/** The edit session's state, re-rendering on each change (null before the map exists). */
function useEditSnapshot(session: EditSession | null): EditSnapshot | null {
  return useSyncExternalStore(session?.subscribe ?? NO_SUBSCRIPTION, session?.snapshot ?? NO_SNAPSHOT);
}

export function Workspace({ api, project, layers, crs, onLanguage }: Props) {
  const i18n = useI18n();
  const mapRef = useRef<HTMLDivElement | null>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const [tool, setTool] = useState<Tool>('identify');
  const [order, setOrder] = useState<LayerId[]>(() => [...layers].sort((a, b) => a.drawOrder - b.drawOrder).map((l) => l.id));
  const [ui, setUi] = useState<Map<LayerId, LayerUiState>>(() => new Map(layers.map((l) => [l.id, { visible: true, opacity: 1 }])));
  const [load, setLoad] = useState<ReadonlyMap<LayerId, LayerLoadState>>(new Map());
  const [pending, setPending] = useState(0);
  const [idle, setIdle] = useState(false);
  const [view, setView] = useState<ViewState | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [measurement, setMeasurement] = useState<Measurement | null>(null);
  const [tableLayer, setTableLayer] = useState<LayerId | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [basemap, setBasemap] = useState<BasemapSettings>(() => loadBasemapSettings());
  const [snapTolerance, setSnapTolerance] = useState(loadSnapTolerance);
  const [session, setSession] = useState<EditSession | null>(null);
  const [validationOpen, setValidationOpen] = useState(false);
  const [floodOpen, setFloodOpen] = useState(false);
  const [syncOpen, setSyncOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [printOpen, setPrintOpen] = useState(false);
  /** The box the 3D view was opened for (null: closed). */
  const [scene3dBox, setScene3dBox] = useState<BBox | null>(null);
  /** Feature counts as edits change them (the layer list is read once, at boot). */
  const [counts, setCounts] = useState<ReadonlyMap<LayerId, number>>(() => new Map(layers.map((l) => [l.id, l.featureCount])));
  const byId = useMemo(() => new Map(layers.map((l) => [l.id, l])), [layers]);
  const edit = useEditSnapshot(session);
  const editing = tool === 'edit' && edit?.enabled === true;

  const select = useCallback(
    (layerId: LayerId, uuid: string, geometry: GeoJSONGeometry | null, target: MapController) => {
      setSelection({ layerId, uuid, detail: null, error: null });
      target.select(geometry);
      api
        .feature(layerId, uuid, { crs: crs.code })
        .then((detail) => {
          setSelection((current) => (current?.uuid === uuid ? { ...current, detail } : current));
          if (!geometry) target.select(detail.geometry);
        })
        .catch((e: unknown) =>
          setSelection((current) => (current?.uuid === uuid ? { ...current, error: e instanceof Error ? e.message : String(e) } : current)),
        );
    },
    [api, crs.code],
  );

  useEffect(() => {
    const target = mapRef.current;
    if (!target) return;
    let created: MapController | null = null;
    created = new MapController(target, api, crs, layers, {
      onView: setView,
      onLoad: (states, count) => {
        setLoad(states);
        setPending(count);
      },
      onIdle: setIdle,
      onMeasure: setMeasurement,
      onIdentify: (hit) => {
        if (!hit || !created) {
          setSelection(null);
          created?.select(null);
          return;
        }
        const uuid = String(hit.feature.getId());
        select(hit.layerId, uuid, created.geoJsonGeometry(hit.feature), created);
      },
    });
    created.setBasemap(loadBasemapSettings());
    created.initialView();
    setController(created);
    return () => created?.dispose();
  }, [api, crs, layers, select]);

  useEffect(() => controller?.setTool(tool), [controller, tool]);

  // The edit session lives with the map; the language it writes history lines in follows the UI.
  const i18nRef = useRef(i18n);
  i18nRef.current = i18n;
  useEffect(() => {
    if (!controller) return;
    const created = new EditSession(controller, api, i18nRef.current);
    setSession(created);
    return () => {
      created.dispose();
      setSession(null);
    };
  }, [controller, api]);
  useEffect(() => session?.setI18n(i18n), [session, i18n]);
  useEffect(
    () =>
      session?.onApplied((result) =>
        setCounts((previous) => {
          const next = new Map(previous);
          for (const change of result.changes) {
            const delta = change.op === 'insert' ? 1 : change.op === 'delete' ? -1 : 0;
            if (delta) next.set(change.layer, Math.max(0, (next.get(change.layer) ?? 0) + delta));
          }
          return next;
        }),
      ),
    [session],
  );
  useEffect(() => session?.setSnapTolerance(snapTolerance), [session, snapTolerance]);

  // Edit mode on: the identify selection goes, the session takes the clicks.
  useEffect(() => {
    if (!session) return;
    if (tool === 'edit') {
      setSelection(null);
      controller?.select(null);
      session.enable(session.snapshot().layerId ?? loadEditLayer(layers.map((l) => l.id)));
    } else session.disable();
  }, [session, tool, controller, layers]);
  useEffect(() => saveEditLayer(edit?.layerId ?? null), [edit?.layerId]);

  // Keyboard shortcuts while editing (not while typing in a field).
  useEffect(() => {
    if (!session || tool !== 'edit') return;
    const onKey = (event: KeyboardEvent) => {
      const command = commandFor(event);
      if (!command) return;
      const state = session.snapshot();
      const geometry = state.layerId ? byId.get(state.layerId)?.geometryType : undefined;
      switch (command) {
        case 'undo':
          void session.undo();
          break;
        case 'redo':
          void session.redo();
          break;
        case 'delete':
          if (state.selection.length === 0) return;
          void session.deleteSelected();
          break;
        case 'cancel':
          session.cancel();
          break;
        case 'finish':
          // Enter finishes a drawing; otherwise it stays with the focused button.
          if (!state.drawing) return;
          session.finish();
          break;
        case 'removeLastPoint':
          if (!session.removeLastPoint()) return;
          break;
        case 'draw':
          session.setMode('draw');
          break;
        case 'move':
          session.setMode('move');
          break;
        case 'reshape':
          session.setMode('reshape');
          break;
        case 'split':
          session.setMode(geometry === 'Polygon' ? 'split-polygon' : 'split-line');
          break;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, tool, byId]);

  const viewBox = useCallback((): BBox => {
    const [a, b, c, d] = (controller?.viewExtent() ?? [0, 0, 0, 0]) as [number, number, number, number];
    return [a, b, c, d];
  }, [controller]);
  const onApplied = useCallback((listener: (result: EditResult) => void) => session?.onApplied(listener) ?? (() => {}), [session]);

  function pickFinding(finding: ValidationFinding): void {
    if (!controller) return;
    const [minx, miny, maxx, maxy] = finding.bbox;
    const margin = Math.max(maxx - minx, maxy - miny) * 0.5;
    controller.fit([minx - margin, miny - margin, maxx + margin, maxy + margin], 400, 80);
    if (editing && session) session.selectByUuid(finding.layerId, [finding.uuid]);
    else select(finding.layerId, finding.uuid, null, controller);
  }

  function editLayer(id: LayerId): void {
    // The session keeps the layer while off too: turning edit mode on starts on it.
    session?.setLayer(id);
    setTool('edit');
  }

  function changeLayer(id: LayerId, next: LayerUiState): void {
    const previous = ui.get(id);
    setUi(new Map(ui).set(id, next));
    if (previous?.visible !== next.visible) controller?.setLayerVisible(id, next.visible);
    if (previous?.opacity !== next.opacity) controller?.setLayerOpacity(id, next.opacity);
  }

  function changeOrder(bottomFirst: LayerId[]): void {
    setOrder(bottomFirst);
    controller?.setLayerOrder(bottomFirst);
  }

  function pickSearchHit(hit: SearchHit): void {
    if (!controller) return;
    // Some room around the hit, so the parcel is seen among its neighbours.
    const [minx, miny, maxx, maxy] = hit.bbox;
    const margin = Math.max(maxx - minx, maxy - miny) * 0.8;
    controller.fit([minx - margin, miny - margin, maxx + margin, maxy + margin], 400, hit.kind === 'parcel' ? 90 : 150);
    select(hit.layerId, hit.uuid, null, controller);
  }

  function zoomToRow(layerId: LayerId, row: ApiFeature): void {
    if (!controller) return;
    controller.zoomToGeometry(row.geometry);
    select(layerId, row.id, row.geometry, controller);
  }

  const selectedLayer = selection ? byId.get(selection.layerId) : undefined;
  const tableInfo = tableLayer ? byId.get(tableLayer) : undefined;
  const editInfo = editing && edit?.layerId ? byId.get(edit.layerId) : undefined;
  // The selected features as loaded (re-read when the selection or the layer's features change).
  const editFeatures = useMemo(
    () => (session && edit && edit.selection.length > 0 ? session.selectedFeatures() : []),
    [session, edit?.selection, edit?.revision],
  );
  const formKind: FormKind | null = !editInfo || !edit ? null : edit.sketch ? 'new' : editFeatures.length === 1 ? 'single' : editFeatures.length > 1 ? 'bulk' : null;
  const copying = editing && edit !== null && (edit.copySource !== null || edit.mode === 'copy-attributes');

  const rightPanels = (
    <>
      {!editing && selection && selectedLayer && (
        <IdentifyPanel
          layer={selectedLayer}
          feature={selection.detail}
          error={selection.error}
          onClose={() => {
            setSelection(null);
            controller?.select(null);
          }}
          onZoom={() => selection.detail && controller?.zoomToGeometry(selection.detail.geometry)}
        />
      )}
      {editing && session && edit && editInfo && copying && (
        <CopyAttributesPanel
          key={`${editInfo.id}:${edit.copySource?.uuid ?? ''}`}
          info={editInfo}
          source={edit.copySource}
          targets={edit.selection.filter((uuid) => uuid !== edit.copySource?.uuid).length}
          busy={edit.busy}
          onApply={(keys) => session.applyCopy(keys)}
          onCancel={() => session.cancelCopy()}
        />
      )}
      {editing && session && edit && editInfo && !copying && formKind && (
        <FeatureForm
          key={`${editInfo.id}:${formKind}:${formKind === 'new' ? 'sketch' : edit.selection.join(',')}`}
          info={editInfo}
          kind={formKind}
          features={formKind === 'new' ? [] : editFeatures}
          sketch={edit.sketch}
          busy={edit.busy}
          onSave={(values) => (formKind === 'new' ? session.saveSketch(values) : session.saveAttributes(values))}
          onCancel={() => (formKind === 'new' ? session.discardSketch() : session.clearSelection())}
        />
      )}
      {editing && !copying && !formKind && (
        // Kept open in edit mode, so selecting a feature does not resize the map under the pointer.
        <aside className="side-panel form-empty" data-testid="form-empty">
          <div className="eyebrow">{i18n.t('form.edit')}</div>
          <p className="muted">{i18n.t('form.emptyHint')}</p>
        </aside>
      )}
      {validationOpen && (
        <ValidationPanel api={api} layers={layers} viewBox={viewBox} onApplied={onApplied} onPick={pickFinding} onClose={() => setValidationOpen(false)} />
      )}
      {floodOpen && controller && <FloodPanel api={api} controller={controller} layers={layers} onClose={() => setFloodOpen(false)} />}
      {importOpen && controller && (
        <ImportWizard
          api={api}
          controller={controller}
          layers={layers}
          onChanged={(layerId, delta) => setCounts((previous) => new Map(previous).set(layerId, Math.max(0, (previous.get(layerId) ?? 0) + delta)))}
          onClose={() => setImportOpen(false)}
        />
      )}
      {syncOpen && controller && (
        <SyncPanel api={api} controller={controller} layers={layers} viewBox={viewBox} onApplied={onApplied} onClose={() => setSyncOpen(false)} />
      )}
    </>
  );
  const hasRight = (!editing && selection !== null && selectedLayer !== undefined) || validationOpen || floodOpen || syncOpen || importOpen || editing;

  return (
    <div className={`workspace${tableInfo ? ' with-table' : ''}${editing ? ' editing' : ''}${importOpen ? ' importing' : ''}`}>
      <TopBar
        project={project}
        tool={tool}
        search={<SearchBox api={api} onPick={pickSearchHit} />}
        validationOpen={validationOpen}
        onTool={setTool}
        onValidation={() => setValidationOpen(!validationOpen)}
        onZoomProject={() => controller?.zoomToProject(300)}
        onScene3d={() => {
          const extent = controller?.viewExtent();
          if (extent) setScene3dBox([extent[0]!, extent[1]!, extent[2]!, extent[3]!]);
        }}
        floodOpen={floodOpen}
        onFlood={() => setFloodOpen(!floodOpen)}
        syncOpen={syncOpen}
        onSync={() => setSyncOpen(!syncOpen)}
        importOpen={importOpen}
        onImport={() => setImportOpen(!importOpen)}
        onExport={() => setExportOpen(true)}
        onPrint={() => setPrintOpen(true)}
        onLanguage={onLanguage}
        onSettings={() => setSettingsOpen(true)}
      />
      <LayerPanel
        layers={layers}
        order={order}
        ui={ui}
        load={load}
        counts={counts}
        editLayer={editing ? (edit?.layerId ?? null) : null}
        onEdit={editLayer}
        onChange={changeLayer}
        onOrder={changeOrder}
        onZoom={(id) => controller?.zoomToLayer(id)}
        onTable={(id) => setTableLayer(id)}
      />
      {editing && session && edit && (
        <EditToolbar
          session={session}
          state={edit}
          layers={layers}
          load={edit.layerId ? load.get(edit.layerId) : undefined}
          api={api}
          snapTolerance={snapTolerance}
        />
      )}
      <main className="map-area">
        <div
          ref={mapRef}
          className={`map tool-${tool}${editing && edit ? ` edit-${edit.mode}` : ''}`}
          data-testid="map"
          data-idle={idle ? 'true' : 'false'}
          data-pending={pending}
          data-resolution={view?.resolution}
          data-center={view ? view.center.join(',') : undefined}
          aria-label="map"
        />
        {(tool === 'length' || tool === 'area') && <MeasureBox measurement={measurement} kind={tool} onClear={() => controller?.clearMeasure()} />}
        {scene3dBox && <Scene3DView api={api} layers={layers} bbox={scene3dBox} onClose={() => setScene3dBox(null)} />}
      </main>
      {hasRight && <div className="right-column">{rightPanels}</div>}
      {tableInfo && controller && (
        <AttributeTable
          key={tableInfo.id}
          layer={tableInfo}
          api={api}
          crs={crs.code}
          selectedUuid={selection?.uuid ?? null}
          viewBox={() => {
            const [a, b, c, d] = controller.viewExtent() as [number, number, number, number];
            return [a, b, c, d];
          }}
          onClose={() => setTableLayer(null)}
          onSelect={(row) => select(tableInfo.id, row.id, row.geometry, controller)}
          onZoom={(row) => zoomToRow(tableInfo.id, row)}
        />
      )}
      <StatusBar crs={crs} controller={controller} view={view} pending={pending} basemap={basemap} />
      {exportOpen && (
        <ExportDialog
          api={api}
          layers={layers.map((l) => ({ ...l, featureCount: counts.get(l.id) ?? l.featureCount }))}
          projectCrs={crs}
          selection={edit?.layerId && edit.selection.length > 0 ? { layerId: edit.layerId, uuids: edit.selection } : null}
          initialLayer={edit?.layerId ?? null}
          onClose={() => setExportOpen(false)}
        />
      )}
      {printOpen && (
        <PrintLayoutDialog
          api={api}
          layers={layers}
          visibleLayers={layers.filter((l) => ui.get(l.id)?.visible !== false).map((l) => l.id)}
          viewCenter={() => {
            const extent = controller?.viewExtent();
            return extent ? [(extent[0]! + extent[2]!) / 2, (extent[1]! + extent[3]!) / 2] : null;
          }}
          onClose={() => setPrintOpen(false)}
        />
      )}
      {settingsOpen && (
        <SettingsDialog
          basemap={basemap}
          snapTolerance={snapTolerance}
          onCancel={() => setSettingsOpen(false)}
          onSave={(next, tolerance) => {
            setBasemap(next);
            saveBasemapSettings(next);
            controller?.setBasemap(next);
            setSnapTolerance(tolerance);
            saveSnapTolerance(tolerance);
            setSettingsOpen(false);
          }}
        />
      )}
    </div>
  );
}
