/**
 * The project summary that `plandesk info --json` prints and the HTTP API serves as
 * `GET /api/project`: one shape, made in one place.
 */
import type { ProjectDescription } from '../api/contract.js';
import { getCrs } from '../crs/registry.js';
import type { Project } from '../store/project.js';

export type { ProjectDescription };

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
