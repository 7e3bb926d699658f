/* global window, document, fetch, performance, URLSearchParams */
/**
 * The peer of bench/render-compare.ts: a plain OpenLayers page, no framework, that gets the
 * same features PlanDesk draws for a view as ONE GeoJSON file and draws them with the same
 * colours (one vector layer per PlanDesk layer, a style per category; no labels).
 * It sets body[data-idle] when the first complete render is done, like PlanDesk's map element.
 */
import 'ol/ol.css';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import VectorLayer from 'ol/layer/Vector.js';
import { register } from 'ol/proj/proj4.js';
import VectorSource from 'ol/source/Vector.js';
import CircleStyle from 'ol/style/Circle.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import proj4 from 'proj4';

const config = await (await fetch('./config.json')).json();
proj4.defs(config.crs.code, config.crs.proj4);
register(proj4);

const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
const center = (hash.get('c') ?? '').split(',').map(Number);
const resolution = Number(hash.get('r'));

function styleFor(layer) {
  const cache = new globalThis.Map();
  const make = (color) => {
    if (layer.geometryType === 'Point') {
      return new Style({ image: new CircleStyle({ radius: layer.size / 2, fill: new Fill({ color }), stroke: new Stroke({ color: '#ffffff', width: 1 }) }) });
    }
    if (layer.geometryType === 'Polygon') {
      return new Style({ fill: new Fill({ color }), stroke: new Stroke({ color: layer.stroke, width: layer.width }) });
    }
    return new Style({ stroke: new Stroke({ color, width: layer.width }) });
  };
  return (feature) => {
    const code = layer.field ? feature.get(layer.field) : undefined;
    const color = (code !== undefined && layer.colors[code]) || layer.color;
    let style = cache.get(color);
    if (!style) cache.set(color, (style = make(color)));
    return style;
  };
}

const map = new Map({
  target: 'map',
  view: new View({ projection: config.crs.code, center, resolution }),
  pixelRatio: 1,
});

const started = performance.now();
// Inside a function, so the parsed GeoJSON can be collected once the features are made.
async function addLayers() {
  const collection = await (await fetch('./features.geojson')).json();
  const format = new GeoJSON({ dataProjection: config.crs.code, featureProjection: config.crs.code });
  const byLayer = new globalThis.Map();
  for (const feature of format.readFeatures(collection)) {
    const id = feature.get('__layer');
    if (!byLayer.has(id)) byLayer.set(id, []);
    byLayer.get(id).push(feature);
  }
  for (const layer of config.layers) {
    map.addLayer(
      new VectorLayer({
        source: new VectorSource({ features: byLayer.get(layer.id) ?? [] }),
        style: styleFor(layer),
        zIndex: layer.zIndex,
      }),
    );
  }
}
await addLayers();
map.once('rendercomplete', () => {
  document.body.dataset.idle = 'true';
  document.body.dataset.loadMs = String(performance.now() - started);
});
