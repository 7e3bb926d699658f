/**
 * Move: drag a feature of the active layer (or the whole selection, when the drag starts on a
 * selected feature). On release the new geometry is saved; the core moves what is connected
 * (pipe ends with their manhole).
 */
import type MapBrowserEvent from 'ol/MapBrowserEvent.js';
import Translate from 'ol/interaction/Translate.js';
import { addSelectionGestures } from './select.js';
import { InteractionSet, PointerHook, type Mode, type ModeContext } from './mode.js';

export function moveMode(ctx: ModeContext): Mode {
  const set = new InteractionSet(ctx.map);
  return {
    id: 'move',
    snaps: false,
    start() {
      addSelectionGestures(ctx, set);
      const translate = set.add(new Translate({ features: ctx.selection, hitTolerance: 6 }));
      translate.on('translateend', (event) => {
        const moved = event.features.getArray();
        const [dx, dy] = [event.coordinate[0]! - event.startCoordinate[0]!, event.coordinate[1]! - event.startCoordinate[1]!];
        if (moved.length && (dx !== 0 || dy !== 0)) ctx.changed('move', moved);
      });
      // Added after Translate, so it sees a press first: pressing an unselected feature selects
      // it, and the same drag moves it.
      set.add(
        new PointerHook({
          pointerdown: (event: MapBrowserEvent) => {
            const hit = ctx.hitActive(event.pixel);
            if (hit && !ctx.selection.getArray().includes(hit)) ctx.select([hit], 'replace');
          },
        }),
      );
    },
    stop: () => set.removeAll(),
  };
}
