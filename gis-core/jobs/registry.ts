/** Every kind of job and its definition. A kind without an entry here is a type error. */
import type { JobKind } from '../api/contract.js';
import type { JobDefinition } from './definition.js';
import { floodJob } from '../flood/job.js';
import { exportJob, importJob } from '../io/job.js';
import { waitJob } from './wait-job.js';
import { printJob } from '../print/job.js';
import { publishJob } from '../publish/job.js';
import { syncCheckoutJob, syncPullJob, syncPushJob } from '../../sync/engine/jobs.js';

export const JOB_DEFINITIONS: { readonly [K in JobKind]: JobDefinition<K> } = {
  wait: waitJob,
  flood: floodJob,
  import: importJob,
  export: exportJob,
  'sync-checkout': syncCheckoutJob,
  'sync-pull': syncPullJob,
  'sync-push': syncPushJob,
  print: printJob,
  publish: publishJob,
};

export function isJobKind(kind: unknown): kind is JobKind {
  return typeof kind === 'string' && Object.hasOwn(JOB_DEFINITIONS, kind);
}
