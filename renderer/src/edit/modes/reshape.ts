/**
 * Reshape (vertices): drag a vertex of a selected line or polygon, drag an edge to add one,
 * Alt+click a vertex to remove it; snapped to the other features. Each drag is saved as one
 * edit. Clicking another feature selects it.
 */
import type Feature from 'ol/Feature.js';
import Modify from 'ol/interaction/Modify.js';
import { addSelectionGestures } from './select.js';
import { InteractionSet, type Mode, type ModeContext } from './mode.js';

export function reshapeMode(ctx: ModeContext): Mode {
  const set = new InteractionSet(ctx.map);
  return {
    id: 'reshape',
    snaps: true,
    start() {
      addSelectionGestures(ctx, set);
      const modify = set.add(new Modify({ features: ctx.selection, pixelTolerance: 10 }));
      const revisions = new Map<Feature, number>();
      modify.on('modifystart', (event) => {
        revisions.clear();
        for (const feature of event.features.getArray()) revisions.set(feature, feature.getGeometry()?.getRevision() ?? 0);
      });
      modify.on('modifyend', (event) => {
        const changed = event.features.getArray().filter((f) => (f.getGeometry()?.getRevision() ?? 0) !== revisions.get(f));
        if (changed.length) ctx.changed('reshape', changed);
      });
    },
    stop: () => set.removeAll(),
  };
}
