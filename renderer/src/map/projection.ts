/**
 * Makes the project's CRS known to OpenLayers from the definition the core serves
 * (GET /api/crs, the registry's proj4 strings — no copy here): the map runs in it, and it
 * transforms to WGS 84 (pointer readout) and Web Mercator (an optional base map) through proj4.
 *
 * Only these transforms are added: `ol/proj/proj4`'s `register` builds transforms between every
 * pair of proj4 definitions, which costs about half a second at start-up for nothing.
 */
import { addCoordinateTransforms, addProjection, get as getProjection, transformExtent } from 'ol/proj.js';
import Projection from 'ol/proj/Projection.js';
import proj4 from 'proj4';
import type { CrsInfo } from '../../../gis-core/api/contract.js';

/** Other CRSs the map transforms to (OpenLayers knows them natively). */
const PARTNERS = ['EPSG:4326', 'EPSG:3857'] as const;

function addTransforms(crs: CrsInfo, list: readonly CrsInfo[], projection: Projection): void {
  for (const code of PARTNERS) {
    const partner = list.find((c) => c.code === code);
    const converter = partner ? proj4(crs.proj4, partner.proj4) : proj4(crs.proj4, code);
    addCoordinateTransforms(
      projection,
      code,
      (coordinate) => converter.forward(coordinate as number[]),
      (coordinate) => converter.inverse(coordinate as number[]),
    );
  }
}

/** The OpenLayers projection of `crs` (registered once), with its area of use as validity extent. */
export function registerProjectCrs(crs: CrsInfo, list: readonly CrsInfo[]): Projection {
  const known = getProjection(crs.code);
  if (known) return known;
  const projection = new Projection({ code: crs.code, units: crs.units === 'm' ? 'm' : 'degrees' });
  addProjection(projection);
  addTransforms(crs, list, projection);
  if (crs.kind === 'projected') projection.setExtent(transformExtent([...crs.areaOfUse.bbox], 'EPSG:4326', projection, 16));
  return projection;
}
