/**
 * The optional base map: an XYZ tile URL or a WMS service, in Web Mercator, reprojected by
 * OpenLayers onto the VN-2000 view. OFF by default — PlanDesk sends no request off the machine
 * unless the user sets a URL in Settings.
 */
import TileLayer from 'ol/layer/Tile.js';
import TileWMS from 'ol/source/TileWMS.js';
import XYZ from 'ol/source/XYZ.js';

export type BasemapSettings =
  | { readonly kind: 'off' }
  | { readonly kind: 'xyz'; readonly url: string; readonly opacity: number }
  | { readonly kind: 'wms'; readonly url: string; readonly layers: string; readonly opacity: number };

export const BASEMAP_OFF: BasemapSettings = { kind: 'off' };

const STORAGE_KEY = 'plandesk.basemap';

export function loadBasemapSettings(): BasemapSettings {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return BASEMAP_OFF;
    const parsed = JSON.parse(raw) as BasemapSettings;
    if (parsed.kind === 'xyz' || parsed.kind === 'wms') return parsed.url ? parsed : BASEMAP_OFF;
    return BASEMAP_OFF;
  } catch {
    return BASEMAP_OFF;
  }
}

export function saveBasemapSettings(settings: BasemapSettings): void {
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
}

export function createBasemapLayer(settings: BasemapSettings): TileLayer | null {
  switch (settings.kind) {
    case 'off':
      return null;
    case 'xyz':
      return new TileLayer({
        source: new XYZ({ url: settings.url, projection: 'EPSG:3857', crossOrigin: 'anonymous' }),
        opacity: settings.opacity,
        zIndex: -1,
        properties: { role: 'basemap' },
      });
    case 'wms':
      return new TileLayer({
        source: new TileWMS({
          url: settings.url,
          params: { LAYERS: settings.layers, TILED: true },
          projection: 'EPSG:3857',
          crossOrigin: 'anonymous',
        }),
        opacity: settings.opacity,
        zIndex: -1,
        properties: { role: 'basemap' },
      });
  }
}
