/**
 * The main screen once a project is open: top bar, layer panel, the map, identify panel,
 * attribute table, status bar. Holds the UI state; the map itself lives in MapController.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiFeature, ApiFeatureDetail, CrsInfo, LayerInfo, PlanDeskApi, ProjectDescription, SearchHit } from '../../../gis-core/api/contract.js';
import type { GeoJSONGeometry, LayerId } from '../../../layers/types.js';
import type { Measurement } from '../interactions/measure.js';
import { loadBasemapSettings, saveBasemapSettings, type BasemapSettings } from '../map/basemap.js';
import { MapController, type Tool, type ViewState } from '../map/map-controller.js';
import type { LayerLoadState } from '../map/view-loader.js';
import { AttributeTable } from './AttributeTable.js';
import { IdentifyPanel } from './IdentifyPanel.js';
import { LayerPanel } from './LayerPanel.js';
import type { LayerUiState } from './LayerRow.js';
import { MeasureBox } from './MeasureBox.js';
import { SearchBox } from './SearchBox.js';
import { SettingsDialog } from './SettingsDialog.js';
import { StatusBar } from './StatusBar.js';
import { TopBar } from './TopBar.js';

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

export function Workspace({ api, project, layers, crs, onLanguage }: Props) {
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
  const byId = useMemo(() => new Map(layers.map((l) => [l.id, l])), [layers]);

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

  return (
    <div className={`workspace${tableInfo ? ' with-table' : ''}`}>
      <TopBar
        project={project}
        tool={tool}
        search={<SearchBox api={api} onPick={pickSearchHit} />}
        onTool={setTool}
        onZoomProject={() => controller?.zoomToProject(300)}
        onLanguage={onLanguage}
        onSettings={() => setSettingsOpen(true)}
      />
      <LayerPanel
        layers={layers}
        order={order}
        ui={ui}
        load={load}
        onChange={changeLayer}
        onOrder={changeOrder}
        onZoom={(id) => controller?.zoomToLayer(id)}
        onTable={(id) => setTableLayer(id)}
      />
      <main className="map-area">
        <div
          ref={mapRef}
          className={`map tool-${tool}`}
          data-testid="map"
          data-idle={idle ? 'true' : 'false'}
          data-pending={pending}
          data-resolution={view?.resolution}
          data-center={view ? view.center.join(',') : undefined}
          aria-label="map"
        />
        {tool !== 'identify' && <MeasureBox measurement={measurement} kind={tool} onClear={() => controller?.clearMeasure()} />}
      </main>
      {selection && selectedLayer && (
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
      {settingsOpen && (
        <SettingsDialog
          basemap={basemap}
          onCancel={() => setSettingsOpen(false)}
          onSave={(next) => {
            setBasemap(next);
            saveBasemapSettings(next);
            controller?.setBasemap(next);
            setSettingsOpen(false);
          }}
        />
      )}
    </div>
  );
}
