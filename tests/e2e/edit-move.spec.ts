/**
 * Moving a manhole: dragged with the move tool, its pipes' ends follow (the core keeps the
 * network connected); then undo, redo, a page reload and undo again. Positions are read back
 * through the API.
 */
import type { ApiFeature, ApiFeatureCollection } from '../../gis-core/api/contract.js';
import { api, keepScreenshot, toPagePixel, viewInfo, waitIdle } from './app.js';
import { editCall, expect, test, type EditProject } from './edit-fixtures.js';

type XY = [number, number];

const point = (f: { geometry: unknown }): XY => (f.geometry as { coordinates: XY }).coordinates;
const line = (f: { geometry: unknown }): XY[] => (f.geometry as { coordinates: XY[] }).coordinates;

interface Connected {
  readonly pipe: ApiFeature;
  readonly end: 'start' | 'end';
}

/** A manhole with at least two pipes on it, away from other manholes. */
async function pickManhole(request: Parameters<typeof api>[0], base: string): Promise<{ manhole: ApiFeature; pipes: Connected[] }> {
  const manholes = (await api<ApiFeatureCollection>(request, '/api/layers/drainage_manholes/features?limit=5000', base)).features;
  const pipes = (await api<ApiFeatureCollection>(request, '/api/layers/drainage_pipes/features?limit=5000', base)).features;
  let best: { manhole: ApiFeature; pipes: Connected[] } | null = null;
  for (const manhole of manholes) {
    const at = point(manhole);
    const on: Connected[] = [];
    for (const pipe of pipes) {
      const c = line(pipe);
      if (pipe.properties.upstream_manhole === manhole.id && Math.hypot(c[0]![0] - at[0], c[0]![1] - at[1]) < 0.01) on.push({ pipe, end: 'start' });
      if (pipe.properties.downstream_manhole === manhole.id && Math.hypot(c.at(-1)![0] - at[0], c.at(-1)![1] - at[1]) < 0.01) on.push({ pipe, end: 'end' });
    }
    const alone = manholes.every((other) => other === manhole || Math.hypot(point(other)[0] - at[0], point(other)[1] - at[1]) > 12);
    if (alone && on.length >= 2 && (!best || on.length > best.pipes.length)) best = { manhole, pipes: on };
  }
  expect(best, 'a manhole with two pipes').toBeTruthy();
  return best!;
}

async function pipeEnds(request: Parameters<typeof api>[0], project: EditProject, pipes: readonly Connected[]): Promise<XY[]> {
  const ends: XY[] = [];
  for (const { pipe, end } of pipes) {
    const c = line(await project.feature(request, 'drainage_pipes', pipe.id));
    ends.push(end === 'start' ? c[0]! : c.at(-1)!);
  }
  return ends;
}

test('move a manhole and its pipes follow; undo, redo, reload and undo again', async ({ page, request, project }) => {
  const { manhole, pipes } = await pickManhole(request, project.url);
  const from = point(manhole);

  // The layer panel's ✎ turns editing on for the manholes.
  await page.goto(`${project.url}#c=${from[0]},${from[1]}&r=0.2`);
  await waitIdle(page);
  await page.getByTestId('layer-edit-drainage_manholes').click();
  await expect(page.getByTestId('edit-layer')).toHaveValue('drainage_manholes');
  await waitIdle(page);

  // M: move. Drag the manhole 40 px right and 25 px down.
  await page.keyboard.press('m');
  await expect(page.getByTestId('edit-toolbar')).toHaveAttribute('data-mode', 'move');
  const view = await viewInfo(page);
  const p = toPagePixel(view, from);
  const moved = await editCall(page, '/api/edits', async () => {
    await page.mouse.move(p.x, p.y);
    await page.mouse.down();
    await page.mouse.move(p.x + 20, p.y + 12, { steps: 4 });
    await page.mouse.move(p.x + 40, p.y + 25, { steps: 4 });
    await page.mouse.up();
  });
  expect(moved.changes).toContainEqual({ layer: 'drainage_manholes', uuid: manhole.id, op: 'update' });
  for (const { pipe } of pipes) expect(moved.changes).toContainEqual({ layer: 'drainage_pipes', uuid: pipe.id, op: 'update' });
  await keepScreenshot(page, 'edit-04-move');

  const to = point(await project.feature(request, 'drainage_manholes', manhole.id));
  expect(Math.abs(to[0] - (from[0] + 40 * view.resolution))).toBeLessThan(view.resolution * 1.5);
  expect(Math.abs(to[1] - (from[1] - 25 * view.resolution))).toBeLessThan(view.resolution * 1.5);
  for (const end of await pipeEnds(request, project, pipes)) expect(end).toEqual(to);
  await expect(page.getByTestId('edit-undo')).toHaveAttribute('data-message', /^Di chuyển Hố ga, cửa xả/);

  // Undo puts the manhole and the pipe ends back; redo moves them again.
  await editCall(page, '/api/edits/undo', () => page.getByTestId('edit-undo').click());
  expect(point(await project.feature(request, 'drainage_manholes', manhole.id))).toEqual(from);
  for (const end of await pipeEnds(request, project, pipes)) expect(end).toEqual(from);
  await editCall(page, '/api/edits/redo', () => page.keyboard.press('Control+y'));
  expect(point(await project.feature(request, 'drainage_manholes', manhole.id))).toEqual(to);
  for (const end of await pipeEnds(request, project, pipes)) expect(end).toEqual(to);

  // Reload: undo still reverts the move.
  await page.reload();
  await waitIdle(page);
  await page.getByTestId('tool-edit').click();
  await expect(page.getByTestId('edit-undo')).toHaveAttribute('data-message', /^Di chuyển Hố ga, cửa xả/);
  await editCall(page, '/api/edits/undo', () => page.keyboard.press('Control+z'));
  expect(point(await project.feature(request, 'drainage_manholes', manhole.id))).toEqual(from);
  for (const end of await pipeEnds(request, project, pipes)) expect(end).toEqual(from);
});
