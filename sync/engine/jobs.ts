/**
 * The sync jobs: checkout, pull, push (listed in gis-core/jobs/registry.ts). SCAFFOLD written
 * before the engine: to be replaced by the real ones (issue #6).
 */
import { PlanDeskError } from '../../gis-core/errors.js';
import type { JobDefinition } from '../../gis-core/jobs/definition.js';

function notYet(): never {
  throw new PlanDeskError('SYNC_NOT_CONNECTED', 'sync engine not built yet');
}

export const syncCheckoutJob: JobDefinition<'sync-checkout'> = { writes: true, check: () => notYet(), run: async () => notYet() };
export const syncPullJob: JobDefinition<'sync-pull'> = { writes: true, check: () => notYet(), run: async () => notYet() };
export const syncPushJob: JobDefinition<'sync-push'> = { writes: true, check: () => notYet(), run: async () => notYet() };
