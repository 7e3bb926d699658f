/**
 * Jobs: started, followed and cancelled through the API — inline under the test runner, and in
 * worker threads in the built server (`plandesk serve` from dist/).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { JobInfo } from '../../gis-core/api/contract.js';
import { createHttpClient } from '../../gis-core/api/http-client.js';
import { PlanDeskService } from '../../gis-core/api/service.js';
import { Project } from '../../gis-core/store/project.js';
import { buildFixtureProject } from '../helpers/api-fixture.js';
import { startServeProcess } from '../helpers/serve-process.js';

const file = buildFixtureProject('jobs');

async function settle(get: () => Promise<JobInfo>): Promise<JobInfo> {
  let info = await get();
  await vi.waitFor(
    async () => {
      info = await get();
      expect(info.state).not.toBe('running');
    },
    { timeout: 20_000, interval: 50 },
  );
  return info;
}

describe('jobs through the service (inline)', () => {
  const project = Project.open(file);
  const service = new PlanDeskService(project);
  afterAll(() => project.close());

  it('runs a job to its end with progress and a result', async () => {
    const started = await service.jobStart({ kind: 'wait', args: { ms: 200, steps: 4 } });
    expect(started).toMatchObject({ kind: 'wait', state: 'running', progress: 0 });
    const done = await settle(() => service.job(started.id));
    expect(done).toMatchObject({ state: 'done', progress: 1, result: { slept: 200 } });
    expect(done.finishedAt).toBeDefined();
    expect((await service.jobList())[0]?.id).toBe(started.id);
  });

  it('reports a failure with its code and message, and a cancel as cancelled', async () => {
    const failing = await service.jobStart({ kind: 'wait', args: { ms: 10, fail: 'on purpose' } });
    expect(await settle(() => service.job(failing.id))).toMatchObject({ state: 'failed', error: { code: 'INVALID_ARGUMENT', message: 'on purpose' } });
    const long = await service.jobStart({ kind: 'wait', args: { ms: 10_000, steps: 100 } });
    await service.jobCancel(long.id);
    expect(await settle(() => service.job(long.id))).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
  });

  it('refuses unknown kinds, bad arguments and unknown jobs', async () => {
    await expect(service.jobStart({ kind: 'teleport', args: {} } as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(service.jobStart({ kind: 'wait', args: { ms: -1 } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(service.job('0190a0a0-0000-7000-8000-000000000000')).rejects.toMatchObject({ code: 'UNKNOWN_JOB' });
  });
});

describe('jobs in worker threads (the built server)', () => {
  it('runs, reports progress and cancels over HTTP', async () => {
    const { url, child } = await startServeProcess(file);
    try {
      const client = createHttpClient({ baseUrl: url });
      const started = await client.jobStart({ kind: 'wait', args: { ms: 1500, steps: 15 } });
      await vi.waitFor(async () => expect((await client.job(started.id)).progress).toBeGreaterThan(0), { timeout: 10_000, interval: 50 });
      expect(await settle(() => client.job(started.id))).toMatchObject({ state: 'done', result: { slept: 1500 } });
      const long = await client.jobStart({ kind: 'wait', args: { ms: 60_000, steps: 600 } });
      expect((await client.jobCancel(long.id)).id).toBe(long.id);
      expect(await settle(() => client.job(long.id))).toMatchObject({ state: 'cancelled' });
      await expect(client.job('nope')).rejects.toMatchObject({ code: 'UNKNOWN_JOB', status: 404 });
    } finally {
      child.kill();
    }
  }, 60_000);
});
