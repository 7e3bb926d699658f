/**
 * Draw: a point, line or polygon of the active layer's type, snapped to the vertices and edges
 * of every visible layer. Click to add a vertex, double-click or Enter to finish (a polygon also
 * by clicking its first vertex), Backspace drops the last vertex, Esc cancels. The feature then
 * waits, drawn dashed, for its form.
 */
import type { Coordinate } from 'ol/coordinate.js';
import type SimpleGeometry from 'ol/geom/SimpleGeometry.js';
import Draw from 'ol/interaction/Draw.js';
import { sketchStyle } from '../edit-styles.js';
import { InteractionSet, type Mode, type ModeContext } from './mode.js';

export function drawMode(ctx: ModeContext): Mode {
  const set = new InteractionSet(ctx.map);
  let draw: Draw | null = null;
  let drawing = false;
  const setDrawing = (value: boolean) => {
    drawing = value;
    ctx.drawing(value);
  };
  return {
    id: 'draw',
    snaps: true,
    start() {
      draw = set.add(new Draw({ type: ctx.info.geometryType, style: sketchStyle, stopClick: true }));
      draw.on('drawstart', () => setDrawing(true));
      draw.on('drawabort', () => setDrawing(false));
      draw.on('drawend', (event) => {
        setDrawing(false);
        const geometry = event.feature.getGeometry() as SimpleGeometry | undefined;
        const coordinates = geometry?.getCoordinates() as Coordinate | Coordinate[] | Coordinate[][] | undefined;
        if (coordinates) ctx.drawn(coordinates);
      });
    },
    stop() {
      draw?.abortDrawing();
      set.removeAll();
      draw = null;
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
