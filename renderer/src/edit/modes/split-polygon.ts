/**
 * Cut a polygon: with one polygon selected, draw a line across it (snapped); the core cuts it in
 * two along the line, the larger part keeping the feature.
 */
import type LineString from 'ol/geom/LineString.js';
import Draw from 'ol/interaction/Draw.js';
import { cutStyle } from '../edit-styles.js';
import { InteractionSet, type Mode, type ModeContext } from './mode.js';

export function splitPolygonMode(ctx: ModeContext): Mode {
  const set = new InteractionSet(ctx.map);
  let draw: Draw | null = null;
  let drawing = false;
  const setDrawing = (value: boolean) => {
    drawing = value;
    ctx.drawing(value);
  };
  return {
    id: 'split-polygon',
    snaps: true,
    start() {
      draw = set.add(new Draw({ type: 'LineString', style: cutStyle, stopClick: true }));
      draw.on('drawstart', () => setDrawing(true));
      draw.on('drawabort', () => setDrawing(false));
      draw.on('drawend', (event) => {
        setDrawing(false);
        const line = (event.feature.getGeometry() as LineString | undefined)?.getCoordinates();
        if (line && line.length >= 2) ctx.cutPolygon(line);
      });
    },
    stop() {
      draw?.abortDrawing();
      set.removeAll();
    },
    finish() {
      if (drawing) draw?.finishDrawing();
    },
    abort() {
      if (!drawing) return false;
      draw?.abortDrawing();
      setDrawing(false);
      return true;
    },
    removeLastPoint() {
      if (!drawing) return false;
      draw?.removeLastPoint();
      return true;
    },
  };
}
