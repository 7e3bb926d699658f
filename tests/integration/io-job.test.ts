/** The 'import' and 'export' job definitions (checked arguments, progress, cancel), run in-process. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Label } from '../../gis-core/api/contract.js';
import { exportJob, importJob } from '../../gis-core/io/job.js';
import { Project } from '../../gis-core/store/project.js';
import { isPlanDeskError } from '../../gis-core/errors.js';
import { writeGeoJson } from '../helpers/gdal-fixtures.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('plandesk-io-job-');

function context(project: Project, controller = new AbortController()) {
  const progress: number[] = [];
  return {
    progress,
    ctx: {
      project,
      signal: controller.signal,
      progress: (f: number, _m?: Label) => void progress.push(f),
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new Error('cancelled');
      },
    },
  };
}

describe('import / export jobs', () => {
  it('checks arguments, reports progress, imports and exports', async () => {
    const project = Project.create(join(dir, 'job.plandesk.sqlite'), { name: 'job', province: 'Đà Nẵng', crsEpsg: 5899 });
    try {
      const src = writeGeoJson(dir, 'pts', [
        { properties: { code: 'A' }, geometry: { type: 'Point', coordinates: [548000, 1773000] } },
        { properties: { code: 'B' }, geometry: { type: 'Point', coordinates: [548010, 1773000] } },
      ]);
      expect(() => importJob.check({ file: src, layer: 'nope' }, project)).toThrow(/layer must be a layer id/);
      expect(() => importJob.check({ layer: 'water_hydrants' }, project)).toThrow(/file/);
      const args = importJob.check({ file: src, layer: 'water_hydrants', srcCrs: 5899 }, project);
      const { progress, ctx } = context(project);
      const result = await importJob.run(args, ctx);
      expect(result.imported).toBe(2);
      expect(progress.at(-1)).toBe(1);

      const controller = new AbortController();
      controller.abort();
      const cancelled = context(project, controller);
      await expect(importJob.run(args, cancelled.ctx)).rejects.toSatisfy((e: unknown) => isPlanDeskError(e) && e.code === 'CANCELLED');
      expect(project.count('water_hydrants')).toBe(2);

      const out = join(dir, 'out.geojson');
      const exported = await exportJob.run(exportJob.check({ layer: 'water_hydrants', format: 'geojson', out }, project), context(project).ctx);
      expect(exported).toMatchObject({ features: 2, crs: 4326 });
      // The desktop app's save dialog asked before replacing: `overwrite` (with an `out` only).
      await expect(exportJob.run(exportJob.check({ layer: 'water_hydrants', format: 'geojson', out }, project), context(project).ctx)).rejects.toSatisfy(
        (e: unknown) => isPlanDeskError(e) && e.code === 'FILE_EXISTS',
      );
      const replaced = await exportJob.run(exportJob.check({ layer: 'water_hydrants', format: 'geojson', out, overwrite: true }, project), context(project).ctx);
      expect(replaced).toMatchObject({ out, features: 2 });
      expect(() => exportJob.check({ layer: 'water_hydrants', format: 'geojson', overwrite: true }, project)).toThrow(/overwrite needs an out/);
      expect(() => exportJob.check({ format: 'planning-gpkg', out, overwrite: 'yes' }, project)).toThrow(/overwrite must be true or false/);
    } finally {
      project.close();
    }
  });
});
