/**
 * Select: click a feature to select it (Shift+click adds or removes one), Ctrl+drag a box to
 * select the active layer's features in it, click on nothing to clear. A click on a feature of
 * another layer selects it and makes its layer the active one.
 */
import type Feature from 'ol/Feature.js';
import type MapBrowserEvent from 'ol/MapBrowserEvent.js';
import { platformModifierKeyOnly } from 'ol/events/condition.js';
import DragBox from 'ol/interaction/DragBox.js';
import { InteractionSet, PointerHook, type Mode, type ModeContext } from './mode.js';

/** The selection gestures, shared by the modes that work on a selection (select, move, reshape). */
export function addSelectionGestures(ctx: ModeContext, set: InteractionSet): void {
  set.add(
    new PointerHook({
      singleclick: (event: MapBrowserEvent) => {
        const shift = (event.originalEvent as PointerEvent).shiftKey;
        const hit = ctx.hitActive(event.pixel);
        if (hit) {
          ctx.select([hit], shift ? 'toggle' : 'replace');
          return false;
        }
        if (!shift) {
          const other = ctx.hitAny(event.pixel);
          if (other && other.layerId !== ctx.info.id) ctx.selectInLayer(other.layerId, other.feature);
          else ctx.select([], 'replace');
        }
        return false;
      },
    }),
  );
  const box = set.add(new DragBox({ condition: platformModifierKeyOnly, className: 'ol-dragbox edit-dragbox' }));
  box.on('boxend', () => {
    const extent = box.getGeometry().getExtent();
    const found: Feature[] = [];
    ctx.layer.getSource()?.forEachFeatureIntersectingExtent(extent, (feature) => void found.push(feature));
    ctx.select(found, 'add');
  });
}

export function selectMode(ctx: ModeContext): Mode {
  const set = new InteractionSet(ctx.map);
  return {
    id: 'select',
    snaps: false,
    start: () => addSelectionGestures(ctx, set),
    stop: () => set.removeAll(),
  };
}
