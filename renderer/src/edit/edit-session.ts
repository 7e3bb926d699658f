/**
 * The edit session: what is being edited (the active layer), how (the mode), on what (the
 * selection, or a drawn feature waiting for its form), and the undo/redo state. It owns the
 * editing layers and interactions on the map, turns what the person did into edit batches
 * (`batches.ts`), sends them, and reloads the layers the result says changed — the core does
 * topology and derived values, the map shows what the core stored.
 *
 * Outside React, like MapController: components read `snapshot()` (useSyncExternalStore) and
 * call its methods.
 */
import Collection from 'ol/Collection.js';
import type Feature from 'ol/Feature.js';
import type { Coordinate } from 'ol/coordinate.js';
import type Polygon from 'ol/geom/Polygon.js';
import VectorLayer from 'ol/layer/Vector.js';
import type { Pixel } from 'ol/pixel.js';
import VectorSource from 'ol/source/Vector.js';
import { v7 as uuidv7 } from 'uuid';
import type { EditBatch, EditPosition, EditResult, EditState, LayerInfo, PlanDeskApi } from '../../../gis-core/api/contract.js';
import { networkOfLineLayer } from '../../../layers/networks.js';
import type { GeoJSONGeometry, LayerId } from '../../../layers/types.js';
import type { I18n } from '../i18n/context.js';
import { featureAtPixel } from '../interactions/identify.js';
import type { MapController } from '../map/map-controller.js';
import { toEditError, type EditError } from './api-errors.js';
import {
  attributesBatch,
  copyAttributesBatch,
  deleteBatch,
  featureName,
  geometryBatch,
  insertBatch,
  mergeBatch,
  splitLineBatch,
  splitPolygonBatch,
} from './batches.js';
import { selectionStyle, sketchStyle } from './edit-styles.js';
import { drawMode } from './modes/draw.js';
import type { EditMode, Mode, ModeContext, SelectHow } from './modes/mode.js';
import { moveMode } from './modes/move.js';
import { pickSourceMode } from './modes/pick-source.js';
import { reshapeMode } from './modes/reshape.js';
import { selectMode } from './modes/select.js';
import { splitLineMode } from './modes/split-line.js';
import { splitPolygonMode } from './modes/split-polygon.js';
import { Snapping, type SnapTarget } from './snapping.js';

export type { EditMode } from './modes/mode.js';

/** A feature as a form reads it. */
export interface EditFeature {
  readonly uuid: string;
  readonly properties: Record<string, unknown>;
  readonly geometry: GeoJSONGeometry | null;
}

export interface CopySource extends EditFeature {
  readonly name: string | null;
}

export interface EditNotice {
  readonly kind: 'applied' | 'undone' | 'redone';
  readonly message: string;
}

export interface EditSnapshot {
  readonly enabled: boolean;
  readonly layerId: LayerId | null;
  readonly mode: EditMode;
  /** Selected uuids of the active layer, in the order picked. */
  readonly selection: readonly string[];
  /** A drawn feature waiting for its form. */
  readonly sketch: GeoJSONGeometry | null;
  /** A drawing (or a cut line) is in progress. */
  readonly drawing: boolean;
  readonly snap: { readonly kind: SnapTarget['kind']; readonly layerId: LayerId } | null;
  readonly snapEnabled: boolean;
  /** Undo/redo state; null until the journal has answered. */
  readonly history: EditState | null;
  readonly busy: boolean;
  readonly error: EditError | null;
  readonly notice: EditNotice | null;
  readonly copySource: CopySource | null;
  /** Counts applied edits, undos, redos and reloads of the active layer (forms re-read their feature). */
  readonly revision: number;
}

const INITIAL: EditSnapshot = {
  enabled: false,
  layerId: null,
  mode: 'select',
  selection: [],
  sketch: null,
  drawing: false,
  snap: null,
  snapEnabled: true,
  history: null,
  busy: false,
  error: null,
  notice: null,
  copySource: null,
  revision: 0,
};

/** Modes that need a given geometry type of the active layer. */
export function modeAllowed(mode: EditMode, info: LayerInfo | undefined, selection: number): boolean {
  if (!info) return false;
  switch (mode) {
    case 'select':
    case 'draw':
    case 'move':
      return true;
    case 'reshape':
      return info.geometryType !== 'Point';
    case 'split-line':
      return info.geometryType === 'LineString';
    case 'split-polygon':
      return info.geometryType === 'Polygon' && selection === 1;
    case 'copy-attributes':
      return selection >= 1;
  }
}

function propertiesOf(feature: Feature): Record<string, unknown> {
  const properties = { ...feature.getProperties() };
  delete properties[feature.getGeometryName()];
  delete properties.__layer;
  return properties;
}

export class EditSession {
  private state: EditSnapshot = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly appliedListeners = new Set<(result: EditResult) => void>();
  private readonly selection = new Collection<Feature>();
  private readonly selectionLayer: VectorLayer<VectorSource>;
  private readonly sketchSource = new VectorSource();
  private readonly sketchLayer = new VectorLayer({ source: this.sketchSource, style: sketchStyle, zIndex: 10_002, properties: { role: 'sketch' } });
  private readonly snapping: Snapping;
  private mode: Mode | null = null;
  private i18n: I18n;
  private readonly unsubscribeLoaded: () => void;

  constructor(
    private readonly controller: MapController,
    private readonly api: PlanDeskApi,
    i18n: I18n,
  ) {
    this.i18n = i18n;
    this.selectionLayer = new VectorLayer({
      source: new VectorSource({ features: this.selection }),
      style: selectionStyle(false),
      zIndex: 10_001,
      properties: { role: 'edit-selection' },
    });
    const layers = new Map(controller.layerIds().map((id) => [id, controller.featureLayer(id)!]));
    this.snapping = new Snapping(controller.map, layers, (target) =>
      this.set({ snap: target ? { kind: target.kind, layerId: target.layerId } : null }),
    );
    this.unsubscribeLoaded = controller.onLayerLoaded((id) => {
      if (id === this.state.layerId) {
        this.resolveSelection();
        this.set({ revision: this.state.revision + 1 });
      }
    });
  }

  // -- state -------------------------------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly snapshot = (): EditSnapshot => this.state;

  /** Calls `listener` after every applied edit, undo and redo (the validation panel re-checks). */
  onApplied(listener: (result: EditResult) => void): () => void {
    this.appliedListeners.add(listener);
    return () => void this.appliedListeners.delete(listener);
  }

  private set(patch: Partial<EditSnapshot>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  setI18n(i18n: I18n): void {
    this.i18n = i18n;
  }

  private get info(): LayerInfo | undefined {
    return this.state.layerId ? this.controller.layerInfo(this.state.layerId) : undefined;
  }

  // -- turning on and off, layer and mode ---------------------------------------------------

  enable(layerId: LayerId | null): void {
    if (this.state.enabled) {
      if (layerId) this.setLayer(layerId);
      return;
    }
    const map = this.controller.map;
    map.addLayer(this.selectionLayer);
    map.addLayer(this.sketchLayer);
    this.set({ enabled: true, layerId: layerId ?? this.state.layerId, error: null, notice: null });
    this.startMode('select');
    if (!this.state.history) void this.loadHistory();
  }

  disable(): void {
    if (!this.state.enabled) return;
    this.stopMode();
    this.clearSelection();
    this.sketchSource.clear();
    const map = this.controller.map;
    map.removeLayer(this.selectionLayer);
    map.removeLayer(this.sketchLayer);
    this.set({ enabled: false, sketch: null, copySource: null, drawing: false, snap: null, error: null });
  }

  async loadHistory(): Promise<void> {
    try {
      const history = await this.api.editHistory({ limit: 1 });
      this.set({ history: { canUndo: history.canUndo, canRedo: history.canRedo, undoMessage: history.undoMessage, redoMessage: history.redoMessage } });
    } catch (error) {
      this.set({ error: toEditError(error) });
    }
  }

  setLayer(layerId: LayerId): void {
    if (layerId === this.state.layerId) return;
    this.stopMode();
    this.clearSelection();
    this.sketchSource.clear();
    this.set({ layerId, sketch: null, copySource: null });
    if (this.state.enabled) this.startMode('select');
  }

  setMode(mode: EditMode): void {
    if (!this.state.enabled || this.state.busy) return;
    if (!modeAllowed(mode, this.info, this.state.selection.length)) return;
    if (mode === 'draw') {
      this.sketchSource.clear();
      this.clearSelection();
      this.set({ sketch: null, copySource: null });
    }
    this.startMode(mode);
  }

  private startMode(id: EditMode): void {
    this.stopMode();
    const ctx = this.context();
    if (!ctx) {
      this.set({ mode: id });
      return;
    }
    const factories: Record<EditMode, (c: ModeContext) => Mode> = {
      select: selectMode,
      draw: drawMode,
      move: moveMode,
      reshape: reshapeMode,
      'split-line': splitLineMode,
      'split-polygon': splitPolygonMode,
      'copy-attributes': pickSourceMode,
    };
    const mode = factories[id](ctx);
    mode.start();
    this.mode = mode;
    this.selectionLayer.setStyle(selectionStyle(id === 'reshape'));
    const map = this.controller.map;
    if (mode.snaps) {
      this.snapping.restrictTo(id === 'split-line' ? this.splitTargets(ctx.info.id) : null);
      this.snapping.exclude(id === 'reshape' ? this.selection.getArray() : []);
      // Last added is asked first: snapping moves the pointer before the mode sees it.
      map.addInteraction(this.snapping);
    }
    this.set({ mode: id, drawing: false });
  }

  private stopMode(): void {
    if (this.mode) this.mode.stop();
    this.mode = null;
    this.controller.map.removeInteraction(this.snapping);
    this.snapping.hide();
  }

  /** A line is split where it is clicked: snap onto it, or onto the nodes standing on it. */
  private splitTargets(layerId: LayerId): LayerId[] {
    return [layerId, ...(networkOfLineLayer(layerId)?.nodes ?? [])];
  }

  setSnapTolerance(pixels: number): void {
    this.snapping.setTolerance(pixels);
  }

  setSnapEnabled(enabled: boolean): void {
    this.snapping.setEnabled(enabled);
    this.set({ snapEnabled: enabled });
  }

  // -- selection ----------------------------------------------------------------------------

  private context(): ModeContext | null {
    const info = this.info;
    const layer = info ? this.controller.featureLayer(info.id) : undefined;
    if (!info || !layer) return null;
    return {
      map: this.controller.map,
      info,
      layer,
      selection: this.selection,
      sketchSource: this.sketchSource,
      snapping: this.snapping,
      hitActive: (pixel) => this.hitActive(pixel),
      hitAny: (pixel) => featureAtPixel(this.controller.map, pixel),
      select: (features, how) => this.selectFeatures(features, how),
      selectInLayer: (layerId, feature) => {
        this.setLayer(layerId);
        this.selectFeatures([feature], 'replace');
      },
      drawn: (coordinates) => this.drawn(coordinates),
      changed: (kind, features) => void this.saveGeometries(kind, features),
      splitLine: (feature, at) => void this.splitLine(feature, at),
      cutPolygon: (line) => void this.cutPolygon(line),
      pickedSource: (feature) => this.pickSource(feature),
      drawing: (active) => this.set({ drawing: active }),
    };
  }

  private hitActive(pixel: Pixel): Feature | null {
    const layer = this.state.layerId ? this.controller.featureLayer(this.state.layerId) : undefined;
    if (!layer) return null;
    const map = this.controller.map;
    const found = map.forEachFeatureAtPixel(pixel, (feature) => feature as Feature, {
      hitTolerance: 5,
      layerFilter: (candidate) => candidate === layer,
    });
    if (found) return found;
    // Polygons drawn without a fill (parcels) are hit only on their outline: inside counts too.
    if (this.info?.geometryType !== 'Polygon') return null;
    const inside = layer.getSource()?.getFeaturesAtCoordinate(map.getCoordinateFromPixel(pixel)) ?? [];
    const area = (f: Feature) => (f.getGeometry() as Polygon | undefined)?.getArea() ?? Infinity;
    return inside.sort((a, b) => area(a) - area(b))[0] ?? null;
  }

  private selectFeatures(features: readonly Feature[], how: SelectHow): void {
    let next: Feature[];
    if (how === 'replace') next = [...new Set(features)];
    else {
      next = [...this.selection.getArray()];
      for (const feature of features) {
        const at = next.indexOf(feature);
        if (at < 0) next.push(feature);
        else if (how === 'toggle') next.splice(at, 1);
      }
    }
    this.selection.clear();
    this.selection.extend(next);
    if (this.mode?.id === 'reshape') this.snapping.exclude(next);
    this.set({ selection: next.map((f) => String(f.getId())) });
  }

  /** Selects features of a layer by uuid (a validation finding, a saved feature); found when loaded. */
  selectByUuid(layerId: LayerId, uuids: readonly string[]): void {
    if (layerId !== this.state.layerId) this.setLayer(layerId);
    this.set({ selection: [...uuids] });
    this.resolveSelection();
    if (this.state.mode !== 'select') this.startMode('select');
  }

  clearSelection(): void {
    this.selection.clear();
    if (this.state.selection.length) this.set({ selection: [] });
  }

  /** Finds the selected uuids among the active layer's loaded features (after a reload they are new objects). */
  private resolveSelection(): void {
    const source = this.state.layerId ? this.controller.featureLayer(this.state.layerId)?.getSource() : null;
    const found = this.state.selection.map((uuid) => source?.getFeatureById(uuid) as Feature | null | undefined).filter((f): f is Feature => !!f);
    this.selection.clear();
    this.selection.extend(found);
    if (this.mode?.id === 'reshape') this.snapping.exclude(found);
  }

  /** The selected features as loaded (attributes and geometry) for the form. */
  selectedFeatures(): EditFeature[] {
    return this.selection.getArray().map((feature) => ({
      uuid: String(feature.getId()),
      properties: propertiesOf(feature),
      geometry: this.controller.geoJsonGeometry(feature),
    }));
  }

  // -- what modes report ----------------------------------------------------------------------

  private drawn(coordinates: Coordinate | Coordinate[] | Coordinate[][]): void {
    const info = this.info;
    if (!info) return;
    const geometry = { type: info.geometryType, coordinates } as unknown as GeoJSONGeometry;
    this.sketchSource.clear();
    this.sketchSource.addFeature(this.controller.readFeature(geometry));
    // The drawing waits for its form: no more drawing until it is saved or cancelled.
    this.stopMode();
    this.set({ sketch: geometry, drawing: false });
  }

  private pickSource(feature: Feature): void {
    const info = this.info;
    if (!info) return;
    const properties = propertiesOf(feature);
    this.set({
      copySource: { uuid: String(feature.getId()), properties, geometry: null, name: featureName(info, properties, this.i18n) },
    });
    this.startMode('select');
  }

  private async saveGeometries(kind: 'move' | 'reshape', features: readonly Feature[]): Promise<void> {
    const info = this.info;
    if (!info) return;
    const updates = features.flatMap((feature) => {
      const geometry = this.controller.geoJsonGeometry(feature);
      return geometry ? [{ uuid: String(feature.getId()), geometry, name: featureName(info, propertiesOf(feature), this.i18n) }] : [];
    });
    if (updates.length) await this.apply(geometryBatch(info, this.i18n, kind, updates));
  }

  private async splitLine(feature: Feature, at: Coordinate): Promise<void> {
    const info = this.info;
    if (!info || this.state.busy) return;
    const position: EditPosition = [at[0]!, at[1]!];
    await this.apply(splitLineBatch(info, this.i18n, String(feature.getId()), position, uuidv7(), featureName(info, propertiesOf(feature), this.i18n)));
  }

  private async cutPolygon(line: Coordinate[]): Promise<void> {
    const info = this.info;
    const target = this.selection.item(0);
    if (!info || !target) return;
    const positions = line.map((c) => [c[0]!, c[1]!] as const);
    const result = await this.apply(
      splitPolygonBatch(info, this.i18n, String(target.getId()), positions, uuidv7(), featureName(info, propertiesOf(target), this.i18n)),
    );
    if (result) this.startMode('select');
  }

  // -- what the toolbar and the form ask -----------------------------------------------------

  /** Saves the drawn feature with these attributes; it is then selected. */
  async saveSketch(properties: Record<string, unknown>): Promise<boolean> {
    const info = this.info;
    const geometry = this.state.sketch;
    if (!info || !geometry) return false;
    const uuid = uuidv7();
    const result = await this.apply(insertBatch(info, this.i18n, { uuid, properties, geometry }));
    if (!result) return false;
    this.sketchSource.clear();
    this.set({ sketch: null });
    this.selectByUuid(info.id, [uuid]);
    return true;
  }

  discardSketch(): void {
    this.sketchSource.clear();
    this.set({ sketch: null });
    if (this.state.mode === 'draw') this.startMode('draw');
  }

  /** The same values on every selected feature (one feature, or a bulk edit). */
  async saveAttributes(properties: Record<string, unknown>): Promise<boolean> {
    const info = this.info;
    const uuids = this.state.selection;
    if (!info || uuids.length === 0 || Object.keys(properties).length === 0) return false;
    const first = this.selection.item(0);
    const name = uuids.length === 1 && first ? featureName(info, propertiesOf(first), this.i18n) : null;
    return (await this.apply(attributesBatch(info, this.i18n, uuids, properties, name))) !== null;
  }

  async deleteSelected(): Promise<void> {
    const info = this.info;
    const uuids = this.state.selection;
    if (!info || uuids.length === 0) return;
    const first = this.selection.item(0);
    const name = uuids.length === 1 && first ? featureName(info, propertiesOf(first), this.i18n) : null;
    const result = await this.apply(deleteBatch(info, this.i18n, uuids, name));
    if (result) this.clearSelection();
  }

  async mergeSelected(): Promise<void> {
    const info = this.info;
    const uuids = this.state.selection;
    if (!info || info.geometryType !== 'Polygon' || uuids.length < 2) return;
    const result = await this.apply(mergeBatch(info, this.i18n, uuids));
    if (result) this.selectByUuid(info.id, [uuids[0]!]);
  }

  async applyCopy(keys: readonly string[]): Promise<boolean> {
    const info = this.info;
    const source = this.state.copySource;
    const targets = this.state.selection.filter((uuid) => uuid !== source?.uuid);
    if (!info || !source || targets.length === 0 || keys.length === 0) return false;
    const result = await this.apply(copyAttributesBatch(info, this.i18n, source, targets, keys));
    if (result) this.set({ copySource: null });
    return result !== null;
  }

  cancelCopy(): void {
    this.set({ copySource: null });
    if (this.state.mode === 'copy-attributes') this.startMode('select');
  }

  dismissError(): void {
    this.set({ error: null });
  }

  /** Esc: the drawing in progress, else the drawn feature, else the tool, else the selection. */
  cancel(): void {
    if (this.mode?.abort?.()) return;
    if (this.state.copySource || this.state.mode === 'copy-attributes') return this.cancelCopy();
    if (this.state.sketch) {
      this.sketchSource.clear();
      this.set({ sketch: null });
      this.startMode('draw');
      return;
    }
    if (this.state.mode !== 'select') return this.startMode('select');
    this.clearSelection();
  }

  /** Enter: finishes the drawing. */
  finish(): void {
    this.mode?.finish?.();
  }

  removeLastPoint(): boolean {
    return this.mode?.removeLastPoint?.() ?? false;
  }

  // -- applying, undo, redo --------------------------------------------------------------------

  /** Sends a batch; on success the changed layers are reloaded. Errors are shown, never swallowed. */
  async apply(batch: EditBatch): Promise<EditResult | null> {
    if (this.state.busy) return null;
    this.set({ busy: true, error: null });
    try {
      const result = await this.api.editApply(batch);
      await this.changed(result, { kind: 'applied', message: batch.message ?? '' });
      return result;
    } catch (error) {
      this.set({ error: toEditError(error) });
      // A move or reshape is drawn already: show the stored geometry again.
      await this.controller.reloadLayers(new Set(batch.operations.map((op) => op.layer)));
      return null;
    } finally {
      this.set({ busy: false });
    }
  }

  async undo(): Promise<void> {
    await this.step('undo');
  }

  async redo(): Promise<void> {
    await this.step('redo');
  }

  private async step(which: 'undo' | 'redo'): Promise<void> {
    if (this.state.busy) return;
    this.mode?.abort?.();
    const message = (which === 'undo' ? this.state.history?.undoMessage : this.state.history?.redoMessage) ?? '';
    this.set({ busy: true, error: null });
    try {
      const result = which === 'undo' ? await this.api.editUndo() : await this.api.editRedo();
      await this.changed(result, { kind: which === 'undo' ? 'undone' : 'redone', message });
    } catch (error) {
      this.set({ error: toEditError(error) });
      void this.loadHistory();
    } finally {
      this.set({ busy: false });
    }
  }

  private async changed(result: EditResult, notice: EditNotice): Promise<void> {
    const deleted = new Set(result.changes.filter((c) => c.op === 'delete').map((c) => c.uuid));
    this.set({
      history: { canUndo: result.canUndo, canRedo: result.canRedo, undoMessage: result.undoMessage, redoMessage: result.redoMessage },
      selection: this.state.selection.filter((uuid) => !deleted.has(uuid)),
      notice,
      copySource: this.state.copySource && deleted.has(this.state.copySource.uuid) ? null : this.state.copySource,
    });
    await this.controller.reloadLayers(new Set(result.changes.map((c) => c.layer)));
    this.resolveSelection();
    this.set({ revision: this.state.revision + 1 });
    for (const listener of this.appliedListeners) listener(result);
  }

  dispose(): void {
    this.disable();
    this.unsubscribeLoaded();
    this.snapping.release();
  }
}
