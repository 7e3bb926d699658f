/**
 * The 3D view's scene, merged (PlanDesk: renderer/src/scene3d, one draw call per layer) against
 * a naive scene of one Mesh per building (materials shared per colour), in the same headless
 * Chromium run, for 5k, 20k and 50k synthetic buildings: build time (geometry + first frame,
 * which uploads the buffers), draw calls, triangles and orbit frame times (each frame timed to
 * the GPU's end with a 1-pixel readPixels). The merged scene is measured with its level of
 * detail (tiles beyond LOD_DISTANCE drawn simplified) and again with it off (all tiles near):
 * triangles drawn at the orbit distance and orbit frame times. Chromium here renders WebGL in software
 * (SwiftShader): compare within one run only; absolute frame times say little about a GPU.
 *
 *   npm run build && npm run bench:3d [-- --sizes 5000,20000,50000 --frames 12 --shadows]
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const ROOT = new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url).pathname;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '5000,20000,50000' },
    frames: { type: 'string', default: '12' },
    shadows: { type: 'boolean', default: false },
    chromium: { type: 'string', default: process.env.PLANDESK_CHROMIUM ?? '/usr/bin/chromium' },
    gpu: { type: 'boolean', default: false },
  },
});

interface Result {
  readonly n: number;
  readonly naive: boolean;
  readonly geometryMs: number;
  readonly firstFrameMs: number;
  readonly buildMs: number;
  readonly drawCalls: number;
  readonly triangles: number;
  readonly frameMedianMs: number;
  readonly frameP95Ms: number;
  /** Level of detail at the orbit distance (merged scene): tiles, how many far. */
  readonly tiles: number;
  readonly tilesFar: number;
  /** Camera distance to the orbit target (metres). */
  readonly eyeDistance: number;
  /** The merged scene with the level of detail off (every tile near); null for naive. */
  readonly noLod: { readonly triangles: number; readonly frameMedianMs: number } | null;
}

async function startPage(): Promise<{ url: string; close(): void }> {
  const outDir = join(ROOT, 'dist/bench/scene3d-page'); // build output: ignored by git and lint
  await build({ root: join(ROOT, 'bench/scene3d-page'), base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = join(outDir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(outDir) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

const fmt = (v: number, d = 0) => v.toFixed(d);

async function main(): Promise<void> {
  const sizes = args.sizes.split(',').map(Number);
  const frames = Number(args.frames);
  const page0 = await startPage();
  const chromeArgs = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  if (!args.gpu) chromeArgs.push('--disable-gpu');
  else chromeArgs.push('--enable-gpu', '--ignore-gpu-blocklist', '--use-angle=vulkan', '--enable-features=Vulkan');
  const browser = await chromium.launch({ executablePath: args.chromium, headless: true, args: chromeArgs });
  const results: Result[] = [];
  let renderer = '';
  try {
    for (const n of sizes) {
      for (const naive of [false, true]) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
        await page.goto(page0.url);
        await page.waitForFunction('window.benchReady === true');
        if (!renderer) {
          renderer = (await page.evaluate(`(() => { const gl = document.createElement('canvas').getContext('webgl2'); const d = gl && gl.getExtension('WEBGL_debug_renderer_info'); return d ? gl.getParameter(d.UNMASKED_RENDERER_WEBGL) : String(gl && gl.getParameter(gl.RENDERER)); })()`)) as string;
        }
        const r = (await page.evaluate(`window.runBench(${JSON.stringify({ n, naive, frames, shadows: args.shadows })})`)) as Result;
        results.push(r);
        console.log(`${n} ${naive ? 'naive ' : 'merged'}: build ${fmt(r.buildMs)} ms (geometry ${fmt(r.geometryMs)}, first frame ${fmt(r.firstFrameMs)}), ${r.drawCalls} draw calls, ${r.triangles} triangles, orbit frame median ${fmt(r.frameMedianMs, 1)} ms, p95 ${fmt(r.frameP95Ms, 1)} ms`);
        if (r.noLod) console.log(`  LOD at ${fmt(r.eyeDistance)} m: ${r.tilesFar} / ${r.tiles} tiles far, ${r.triangles} triangles (all near: ${r.noLod.triangles}, orbit frame median ${fmt(r.noLod.frameMedianMs, 1)} ms)`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    page0.close();
  }
  console.log(`\nChromium ${browser.version()} headless, WebGL renderer: ${renderer}; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; shadows ${args.shadows ? 'on' : 'off'}; 1280×800; ${frames} orbit frames`);
  console.log('\n| buildings | scene | build ms (geometry + first frame) | draw calls | triangles | orbit frame median / p95 ms |');
  console.log('|---:|---|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.n} | ${r.naive ? 'naive (mesh per building)' : 'PlanDesk merged'} | ${fmt(r.buildMs)} (${fmt(r.geometryMs)} + ${fmt(r.firstFrameMs)}) | ${r.drawCalls} | ${r.triangles} | ${fmt(r.frameMedianMs, 1)} / ${fmt(r.frameP95Ms, 1)} |`);
  }
  console.log('\n| buildings | build time naive / merged | draw calls naive / merged | orbit frame naive / merged (median) |');
  console.log('|---:|---:|---:|---:|');
  for (const n of sizes) {
    const m = results.find((r) => r.n === n && !r.naive)!;
    const v = results.find((r) => r.n === n && r.naive)!;
    console.log(`| ${n} | ${fmt(v.buildMs / m.buildMs, 2)}× | ${fmt(v.drawCalls / m.drawCalls, 0)}× (${v.drawCalls} / ${m.drawCalls}) | ${fmt(v.frameMedianMs / m.frameMedianMs, 1)}× |`);
  }
  console.log('\n| buildings | orbit distance m | tiles far / all | triangles drawn, LOD on / all near | orbit frame median LOD on / all near ms |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const r of results) {
    if (!r.noLod) continue;
    console.log(`| ${r.n} | ${fmt(r.eyeDistance)} | ${r.tilesFar} / ${r.tiles} | ${r.triangles} / ${r.noLod.triangles} (${fmt(r.noLod.triangles / r.triangles, 1)}× fewer) | ${fmt(r.frameMedianMs, 1)} / ${fmt(r.noLod.frameMedianMs, 1)} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
