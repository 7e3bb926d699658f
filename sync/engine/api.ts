/**
 * The sync part of the API (SyncApi in gis-core/api/contract.ts) over a project: the service
 * delegates each method here. SCAFFOLD written before the engine: every function must be
 * replaced by the real one (issue #6) — none may stay a placeholder.
 */
import { PlanDeskError } from '../../gis-core/errors.js';
import type { Project } from '../../gis-core/store/project.js';
import type { SyncChangeset, SyncConflict, SyncConnection, SyncConnectRequest, SyncResolution, SyncStatus } from '../api-types.js';

function notYet(): never {
  throw new PlanDeskError('SYNC_NOT_CONNECTED', 'sync engine not built yet');
}

export function syncStatus(_project: Project): SyncStatus {
  return notYet();
}

export async function syncConnect(_project: Project, _request: SyncConnectRequest): Promise<SyncConnection> {
  return notYet();
}

export function syncPreview(_project: Project): SyncChangeset {
  return notYet();
}

export function syncConflicts(_project: Project): SyncConflict[] {
  return notYet();
}

export function syncResolve(_project: Project, _resolution: SyncResolution): SyncStatus {
  return notYet();
}
