/**
 * The `publish` job: `plandesk publish` off the request thread, with progress and cancel (for a
 * "Xuất bản đồ web" button). Without `out` (serve mode) the site goes into the job's own folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLayerId } from '../../layers/index.js';
import { PlanDeskError } from '../errors.js';
import type { JobDefinition } from '../jobs/definition.js';
import { chooseLayers } from './choose-layers.js';
import type { PublishJobArgs } from './job-types.js';
import { publishSite } from './publish.js';

function invalid(message: string): never {
  throw new PlanDeskError('INVALID_ARGUMENT', `publish: ${message}`);
}

export const publishJob: JobDefinition<'publish'> = {
  writes: false,
  check(args, project) {
    if (typeof args !== 'object' || args === null) invalid('arguments must be an object');
    const a = args as Record<string, unknown>;
    if (a.out !== undefined && (typeof a.out !== 'string' || a.out === '')) invalid('out must be a folder path');
    if (a.title !== undefined && typeof a.title !== 'string') invalid('title must be text');
    if (a.force !== undefined && typeof a.force !== 'boolean') invalid('force must be true or false');
    if (a.layers !== undefined && (!Array.isArray(a.layers) || !a.layers.every(isLayerId))) invalid(`layers must be a list of layer ids, got ${JSON.stringify(a.layers)}`);
    const checked: PublishJobArgs = {
      ...(typeof a.out === 'string' ? { out: a.out } : {}),
      ...(Array.isArray(a.layers) ? { layers: a.layers } : {}),
      ...(typeof a.title === 'string' ? { title: a.title } : {}),
      ...(a.force === true ? { force: true } : {}),
    };
    chooseLayers(project, checked.layers);
    return checked;
  },
  paths: (args) => ({ read: [], write: args.out !== undefined ? [args.out] : [] }),
  async run(args, context) {
    const outDir = args.out ?? join(context.ensureWorkDir?.() ?? mkdtempSync(join(tmpdir(), 'plandesk-publish-job-')), 'web-map');
    return publishSite(context.project, {
      outDir,
      ...(args.layers ? { layers: args.layers } : {}),
      ...(args.title ? { title: args.title } : {}),
      ...(args.force ? { force: true } : {}),
      onProgress: (fraction, message) => context.progress(fraction, message),
      throwIfCancelled: () => context.throwIfCancelled(),
    });
  },
};
