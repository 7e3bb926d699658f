/**
 * The project summary that `plandesk info --json` prints and the HTTP API serves as
 * `GET /api/project`: one shape, made in one place.
 */
import type { Label } from '../../layers/types.js';
import { getCrs } from '../crs/registry.js';
import type { Project } from '../store/project.js';
import type { LayerSummary } from '../store/types.js';

export interface ProjectDescription {
  readonly file: string;
  readonly name: string;
  readonly province: string;
  readonly crs: { readonly epsg: number; readonly code: string; readonly name: string; readonly label: Label };
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly schemaVersion: number;
  readonly layers: readonly LayerSummary[];
}

export function describeProject(project: Project): ProjectDescription {
  const info = project.info();
  const crs = getCrs(info.crsEpsg);
  return {
    file: info.file,
    name: info.name,
    province: info.province,
    crs: { epsg: crs.epsg, code: crs.code, name: crs.name, label: crs.label },
    createdAt: info.createdAt,
    updatedAt: info.updatedAt,
    schemaVersion: info.schemaVersion,
    layers: project.layers(),
  };
}
