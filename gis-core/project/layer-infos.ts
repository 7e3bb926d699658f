/**
 * The layers of a project as the API describes them (GET /api/layers): labels, group, drawing
 * order, fields with code lists, style, count and extent. Also what a published web map
 * carries (gis-core/publish/), so both describe layers the same way.
 */
import { LAYERS, LAYER_GROUPS } from '../../layers/index.js';
import type { LayerGroupId } from '../../layers/types.js';
import type { LayerInfo } from '../api/contract.js';
import type { Project } from '../store/project.js';

const GROUPS: ReadonlyMap<LayerGroupId, (typeof LAYER_GROUPS)[number]> = new Map(LAYER_GROUPS.map((g) => [g.id, g]));

/** Every layer of the project in drawing order (bottom first). */
export function describeLayers(project: Project): LayerInfo[] {
  return project
    .layers()
    .map((summary): LayerInfo => {
      const layer = project.layer(summary.id);
      const group = GROUPS.get(layer.group) ?? { id: layer.group, label: { vi: layer.group, en: layer.group }, order: 99 };
      return {
        id: layer.id,
        label: layer.label,
        group: { id: group.id, label: group.label, order: group.order },
        drawOrder: LAYERS.indexOf(layer),
        geometryType: layer.geometryType,
        style: layer.style,
        fields: layer.fields,
        featureCount: summary.featureCount,
        extent: summary.extent,
        srid: summary.srid,
      };
    })
    .sort((a, b) => a.drawOrder - b.drawOrder);
}
