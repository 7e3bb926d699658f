/**
 * The terrain (hillshade × elevation colours) and a flood run's depth on the map: image layers
 * whose pictures the core draws for the view (`rasterImage`), in the project CRS. Changing the
 * slider's level swaps the depth source, so only that picture is asked again.
 */
import type OlMap from 'ol/Map.js';
import ImageLayer from 'ol/layer/Image.js';
import ImageSource from 'ol/source/Image.js';
import type { PlanDeskApi, RasterImage } from '../../../gis-core/api/contract.js';

const TERRAIN_Z = -0.5;
const FLOOD_Z = 50;

export interface FloodView {
  readonly floodId: string;
  /** Undefined: the run's own level (its depth GeoTIFF). */
  readonly level?: number;
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('raster image did not decode'));
    image.src = src;
  });
}

export class FloodLayers {
  private readonly terrain: ImageLayer<ImageSource>;
  private readonly flood: ImageLayer<ImageSource>;
  private readonly listeners = new Set<(image: RasterImage) => void>();
  /** Bumped when the depth source changes: pictures for an older level are not reported. */
  private generation = 0;

  constructor(
    private readonly map: OlMap,
    private readonly api: PlanDeskApi,
  ) {
    this.terrain = new ImageLayer({ zIndex: TERRAIN_Z, visible: false, properties: { id: 'terrain' } });
    this.flood = new ImageLayer({ zIndex: FLOOD_Z, visible: false, opacity: 0.85, properties: { id: 'flood' } });
    this.terrain.setSource(this.source(() => ({ source: 'terrain' })));
    map.addLayer(this.terrain);
    map.addLayer(this.flood);
  }

  private source(request: () => { source: 'terrain' | 'flood'; floodId?: string; level?: number }): ImageSource {
    const projection = this.map.getView().getProjection();
    return new ImageSource({
      projection,
      loader: async (extent, resolution, pixelRatio) => {
        const mine = this.generation;
        const width = Math.max(1, Math.min(4096, Math.round(((extent[2]! - extent[0]!) / resolution) * pixelRatio)));
        const height = Math.max(1, Math.min(4096, Math.round(((extent[3]! - extent[1]!) / resolution) * pixelRatio)));
        const answer = await this.api.rasterImage({ ...request(), bbox: [extent[0]!, extent[1]!, extent[2]!, extent[3]!], width, height });
        if (mine === this.generation) for (const listener of this.listeners) listener(answer);
        return loadImage(answer.png);
      },
    });
  }

  /** Called with each picture drawn (its value range and, for a flood, the area at the level). */
  onImage(listener: (image: RasterImage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setTerrainVisible(visible: boolean): void {
    this.terrain.setVisible(visible);
  }

  showFlood(view: FloodView | null): void {
    this.generation++;
    if (!view) {
      this.flood.setVisible(false);
      return;
    }
    const request = { source: 'flood' as const, floodId: view.floodId, ...(view.level !== undefined ? { level: view.level } : {}) };
    this.flood.setSource(this.source(() => request));
    this.flood.setVisible(true);
  }

  dispose(): void {
    this.map.removeLayer(this.terrain);
    this.map.removeLayer(this.flood);
    this.listeners.clear();
  }
}
