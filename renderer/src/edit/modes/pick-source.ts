/** Copy attributes: with the targets selected, click the feature whose attributes to copy. */
import type MapBrowserEvent from 'ol/MapBrowserEvent.js';
import { InteractionSet, PointerHook, type Mode, type ModeContext } from './mode.js';

export function pickSourceMode(ctx: ModeContext): Mode {
  const set = new InteractionSet(ctx.map);
  return {
    id: 'copy-attributes',
    snaps: false,
    start() {
      set.add(
        new PointerHook({
          singleclick: (event: MapBrowserEvent) => {
            const hit = ctx.hitActive(event.pixel);
            if (hit) ctx.pickedSource(hit);
            return false;
          },
        }),
      );
    },
    stop: () => set.removeAll(),
  };
}
