/**
 * Split a line: click on a line of the active layer (snapped onto it, or onto a valve or a
 * manhole standing on it); the core cuts it there into two features with the same attributes.
 */
import type MapBrowserEvent from 'ol/MapBrowserEvent.js';
import { InteractionSet, PointerHook, type Mode, type ModeContext } from './mode.js';

export function splitLineMode(ctx: ModeContext): Mode {
  const set = new InteractionSet(ctx.map);
  return {
    id: 'split-line',
    snaps: true,
    start() {
      set.add(
        new PointerHook({
          singleclick: (event: MapBrowserEvent) => {
            const hit = ctx.hitActive(event.pixel);
            if (hit) ctx.splitLine(hit, event.coordinate.slice(0, 2));
            return false;
          },
        }),
      );
    },
    stop: () => set.removeAll(),
  };
}
