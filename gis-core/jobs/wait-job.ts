/**
 * The 'wait' job: sleeps in steps, reporting progress, and can fail on purpose. It exercises the
 * job machinery itself (worker threads, progress, cancel, failure) in tests and diagnostics.
 */
import { PlanDeskError } from '../errors.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { cancelledError, type JobDefinition } from './definition.js';

export const waitJob: JobDefinition<'wait'> = {
  writes: false,
  check(args) {
    const a = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
    const ms = a.ms;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > 600_000) {
      throw new PlanDeskError('INVALID_ARGUMENT', `wait job: ms must be an integer from 0 to 600000, got ${JSON.stringify(ms)}`);
    }
    const steps = a.steps ?? 10;
    if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > 1000) {
      throw new PlanDeskError('INVALID_ARGUMENT', `wait job: steps must be an integer from 1 to 1000`);
    }
    if (a.fail !== undefined && typeof a.fail !== 'string') throw new PlanDeskError('INVALID_ARGUMENT', 'wait job: fail must be a message');
    return { ms, steps, ...(typeof a.fail === 'string' ? { fail: a.fail } : {}) };
  },
  async run(args, context) {
    const steps = args.steps ?? 10;
    for (let i = 0; i < steps; i++) {
      try {
        await sleep(args.ms / steps, undefined, { signal: context.signal });
      } catch {
        throw cancelledError();
      }
      context.progress((i + 1) / steps, { vi: `Bước ${i + 1}/${steps}`, en: `Step ${i + 1}/${steps}` });
    }
    if (args.fail) throw new PlanDeskError('INVALID_ARGUMENT', args.fail);
    return { slept: args.ms };
  },
};
