/**
 * How editing looks on the map: the selection (orange, vertices shown when reshaping), the
 * sketch being drawn or waiting for its form (dashed magenta), and the snap target (a ring on a
 * vertex, the segment and a diamond on an edge). Colours no layer style uses.
 */
import type { FeatureLike } from 'ol/Feature.js';
import type Geometry from 'ol/geom/Geometry.js';
import LineString from 'ol/geom/LineString.js';
import MultiPoint from 'ol/geom/MultiPoint.js';
import Point from 'ol/geom/Point.js';
import Polygon from 'ol/geom/Polygon.js';
import CircleStyle from 'ol/style/Circle.js';
import Fill from 'ol/style/Fill.js';
import RegularShape from 'ol/style/RegularShape.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';

const SELECT = '#ff6d00';
const SKETCH = '#c2185b';
const SNAP = '#00c853';

function vertices(geometry: Geometry | undefined): MultiPoint | undefined {
  if (geometry instanceof Polygon) return new MultiPoint(geometry.getCoordinates().flat());
  if (geometry instanceof LineString) return new MultiPoint(geometry.getCoordinates());
  return undefined;
}

const selectBase = [
  new Style({ stroke: new Stroke({ color: 'rgba(60, 20, 0, 0.55)', width: 7 }) }),
  new Style({
    stroke: new Stroke({ color: SELECT, width: 3.5 }),
    fill: new Fill({ color: 'rgba(255, 109, 0, 0.16)' }),
    image: new CircleStyle({ radius: 9, stroke: new Stroke({ color: SELECT, width: 3.5 }), fill: new Fill({ color: 'rgba(255, 109, 0, 0.3)' }) }),
  }),
];

const vertexStyle = new Style({
  image: new CircleStyle({ radius: 4.5, fill: new Fill({ color: '#fff' }), stroke: new Stroke({ color: SELECT, width: 2 }) }),
  geometry: (feature: FeatureLike) => vertices(feature.getGeometry() as Geometry | undefined),
});

/** The selected features; with their vertices while reshaping. */
export function selectionStyle(showVertices: boolean): Style[] {
  return showVertices ? [...selectBase, vertexStyle] : selectBase;
}

const sketchStroke = new Stroke({ color: SKETCH, width: 2.5, lineDash: [8, 5] });
const sketchVertex = new Style({
  image: new CircleStyle({ radius: 4, fill: new Fill({ color: SKETCH }), stroke: new Stroke({ color: '#fff', width: 1.5 }) }),
  geometry: (feature: FeatureLike) => {
    const geometry = feature.getGeometry() as Geometry | undefined;
    return geometry instanceof Point ? geometry : vertices(geometry);
  },
});

/** A drawn feature waiting for its form, and the Draw interaction's sketch. */
export const sketchStyle: Style[] = [
  new Style({
    stroke: sketchStroke,
    fill: new Fill({ color: 'rgba(194, 24, 91, 0.14)' }),
    image: new CircleStyle({ radius: 7, fill: new Fill({ color: 'rgba(194, 24, 91, 0.35)' }), stroke: new Stroke({ color: SKETCH, width: 2.5 }) }),
  }),
  sketchVertex,
];

/** The cut line of a split and the split marker. */
export const cutStyle = new Style({
  stroke: new Stroke({ color: '#d50000', width: 2.5, lineDash: [6, 4] }),
  image: new RegularShape({ points: 4, radius: 8, angle: Math.PI / 4, stroke: new Stroke({ color: '#d50000', width: 2.5 }) }),
});

const snapVertex = new Style({
  image: new CircleStyle({ radius: 8, stroke: new Stroke({ color: SNAP, width: 3 }), fill: new Fill({ color: 'rgba(0, 200, 83, 0.25)' }) }),
  zIndex: 2,
});
const snapEdgePoint = new Style({
  image: new RegularShape({ points: 4, radius: 7, stroke: new Stroke({ color: SNAP, width: 3 }), fill: new Fill({ color: 'rgba(0, 200, 83, 0.25)' }) }),
  zIndex: 2,
});
const snapSegment = new Style({ stroke: new Stroke({ color: SNAP, width: 5 }), zIndex: 1 });

export function snapStyle(feature: FeatureLike): Style {
  switch (feature.get('kind')) {
    case 'vertex':
      return snapVertex;
    case 'segment':
      return snapSegment;
    default:
      return snapEdgePoint;
  }
}
