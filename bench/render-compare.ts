/**
 * Rendering in Chromium: PlanDesk (`plandesk serve` + the built renderer) against a plain
 * OpenLayers page given the same features as ONE GeoJSON file, in the same run, on the large
 * demo. Per view (city-wide, zoomed in):
 *   - time to first complete render: from navigation start (performance.now() in the page) to
 *     every feature request answered and the map drawn (PlanDesk: map[data-idle=true]; peer: its
 *     first `rendercomplete`), recorded in the page by a MutationObserver;
 *   - pan frame times while dragging the map (requestAnimationFrame intervals);
 *   - renderer memory (JS heap after a GC, CDP Performance.getMetrics).
 * The peer gets exactly the features PlanDesk fetched for that view (the bench replays
 * PlanDesk's own /api/layers/…/features requests and merges the answers), and draws them in the
 * same colours without labels; its viewport is the size of PlanDesk's map element.
 *
 *   npm run build && node dist/bench/render-compare.js [--file F] [--scale large] [--runs 3] [--zoom-resolution 0.3]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, appendFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import type { ApiFeatureCollection, CrsInfo, LayerInfo, ProjectDescription } from '../gis-core/api/contract.js';
import { ms, summarize, type Summary } from './lib/stats.js';

const ROOT = new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url).pathname;

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: join(ROOT, '.bench-data/large.plandesk.sqlite') },
    scale: { type: 'string', default: 'large' },
    runs: { type: 'string', default: '3' },
    'zoom-resolution': { type: 'string', default: '0.3' },
    chromium: { type: 'string', default: process.env.PLANDESK_CHROMIUM ?? '/usr/bin/chromium' },
    results: { type: 'string', default: join(ROOT, 'bench/RESULTS.md') },
  },
});

const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--js-flags=--expose-gc'];
const VIEWPORT = { width: 1600, height: 1000 };
const RUNS = Number(args.runs);
/** PlanDesk's map once every feature request has answered and the result is drawn (a locator: the UI's CSP forbids eval). */
const PLANDESK_IDLE = '[data-testid="map"][data-idle="true"][data-pending="0"]';

function ensureProject(file: string): void {
  if (existsSync(file)) {
    console.log(`using ${file}`);
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  console.log(`generating the demo (--scale ${args.scale}) into ${file} …`);
  const made = spawnSync(process.execPath, [join(ROOT, 'bin/plandesk.js'), 'demo', '--out', file, '--scale', args.scale], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error(`plandesk demo failed (${made.status})`);
}

async function startPlanDesk(file: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/plandesk.js'), 'serve', file, '--port', '0', '--read-only'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/[^\s?]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`plandesk serve exited (${code}): ${output}`)));
  });
  return { url, child };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The peer page, built with Vite from bench/render-peer/, served with its config and features. */
async function startPeer(): Promise<{ url: string; server: Server; setData(config: unknown, features: string): void }> {
  const outDir = join(ROOT, 'dist/bench/render-peer'); // build output: ignored by git and lint
  await build({ root: join(ROOT, 'bench/render-peer'), base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  let config = '{}';
  let features = '{}';
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/config.json') return void response.writeHead(200, { 'Content-Type': 'application/json' }).end(config);
    if (path === '/features.geojson') return void response.writeHead(200, { 'Content-Type': 'application/geo+json' }).end(features);
    const file = join(outDir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(outDir) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    setData(nextConfig, nextFeatures) {
      config = JSON.stringify(nextConfig);
      features = nextFeatures;
    },
  };
}

/** The peer's per-layer colours: PlanDesk's categories and main paint, no labels. */
function peerLayers(layers: readonly LayerInfo[]) {
  return layers.map((layer) => {
    const style = layer.style;
    const symbol = style.kind === 'single' ? style.symbol : style.base;
    const colors: Record<string, string> = {};
    let field: string | undefined;
    if (style.kind === 'categorized') {
      field = style.field;
      const alpha = layer.geometryType === 'Polygon' ? (symbol.fill?.color ?? '#ffffffff').slice(7, 9) : '';
      for (const entry of layer.fields.find((f) => f.key === style.field)?.codeList?.entries ?? []) {
        if (entry.color) colors[entry.code] = `${entry.color}${alpha}`;
      }
    }
    const main = layer.geometryType === 'Polygon' ? symbol.fill?.color : layer.geometryType === 'Point' ? symbol.point?.fill?.color : symbol.stroke?.color;
    return {
      id: layer.id,
      zIndex: layer.drawOrder,
      geometryType: layer.geometryType,
      field,
      colors,
      color: main ?? 'rgba(0,0,0,0)',
      stroke: symbol.stroke?.color ?? symbol.point?.stroke?.color ?? '#555555',
      width: symbol.stroke?.width ?? 1,
      size: symbol.point?.size ?? 6,
    };
  });
}

interface Run {
  readonly firstRenderMs: number;
  readonly heapMb: number;
  readonly frames: Summary;
}

/**
 * Installed before any page script (an init script, outside the page's CSP): records
 * performance.now() — ms since navigation start — when the map first reports its complete
 * render: PlanDesk's map element data-idle="true" with data-pending="0", the peer's body data-idle.
 */
const IDLE_RECORDER = `(() => {
  const check = () => {
    if (window.__idleAt !== undefined) return;
    const map = document.querySelector('[data-testid="map"]');
    const done = map ? map.dataset.idle === 'true' && map.dataset.pending === '0' : document.body?.dataset.idle === 'true';
    if (done) window.__idleAt = performance.now();
  };
  new MutationObserver(check).observe(document, { attributes: true, childList: true, subtree: true });
})()`;

async function idleAt(page: Page): Promise<number> {
  return Math.round((await page.evaluate('window.__idleAt')) as number);
}

const FRAME_RECORDER = `(() => {
  const frames = [];
  let last = performance.now();
  let on = true;
  const tick = (t) => { frames.push(t - last); last = t; if (on) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  window.__stopFrames = () => { on = false; return frames; };
})()`;

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
}

async function panFrames(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<Summary> {
  await page.evaluate(FRAME_RECORDER);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) {
    await page.mouse.move(cx - i * 6, cy - i * 3);
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
  await page.waitForTimeout(200);
  const frames = (await page.evaluate('window.__stopFrames()')) as number[];
  return summarize(frames.slice(1));
}

async function runPlanDesk(browser: Browser, url: string, hash: string, record?: string[]): Promise<Run & { box: { x: number; y: number; width: number; height: number } }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  // Only the warm-up run records PlanDesk's feature requests (reading bodies over CDP would slow the timed runs).
  if (record) {
    page.on('request', (request) => {
      if (/\/api\/layers\/[^/]+\/features\?/.test(request.url())) record.push(request.url());
    });
  }
  await page.addInitScript(IDLE_RECORDER);
  await page.goto(`${url}${hash}`);
  await page.locator(PLANDESK_IDLE).waitFor({ timeout: 300_000 });
  const firstRenderMs = await idleAt(page);
  const box = (await page.getByTestId('map').boundingBox())!;
  const heap = await heapMb(page);
  const frames = await panFrames(page, box);
  await context.close();
  return { firstRenderMs, heapMb: heap, frames, box };
}

async function runPeer(browser: Browser, url: string, hash: string, size: { width: number; height: number }): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: Math.round(size.width), height: Math.round(size.height) } });
  const page = await context.newPage();
  await page.addInitScript(IDLE_RECORDER);
  await page.goto(`${url}${hash}`);
  await page.locator('body[data-idle="true"]').waitFor({ timeout: 300_000 });
  const firstRenderMs = await idleAt(page);
  const heap = await heapMb(page);
  const frames = await panFrames(page, { x: 0, y: 0, width: size.width, height: size.height });
  await context.close();
  return { firstRenderMs, heapMb: heap, frames };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  for (const needed of ['dist/renderer/index.html', 'dist/gis-core/cli/main.js']) {
    if (!existsSync(join(ROOT, needed))) throw new Error(`${needed} is missing: run \`npm run build\` first`);
  }
  ensureProject(args.file);
  const plandesk = await startPlanDesk(args.file);
  const peer = await startPeer();
  const browser = await chromium.launch({ executablePath: args.chromium, args: CHROME_ARGS, headless: true });
  const lines: string[] = [];
  try {
    const project = await getJson<ProjectDescription>(`${plandesk.url}api/project`);
    const layers = await getJson<LayerInfo[]>(`${plandesk.url}api/layers`);
    const crsList = await getJson<CrsInfo[]>(`${plandesk.url}api/crs`);
    const crs = crsList.find((c) => c.epsg === project.crs.epsg)!;
    const total = layers.reduce((sum, l) => sum + l.featureCount, 0);
    console.log(`project: ${project.name}, ${total.toLocaleString('en')} features in ${layers.length} layers, ${crs.code}`);

    // The city-wide view is PlanDesk's own opening view (the whole project).
    const probe = await browser.newPage({ viewport: VIEWPORT });
    await probe.goto(plandesk.url);
    await probe.locator(PLANDESK_IDLE).waitFor({ timeout: 300_000 });
    const cityHash = new URL(probe.url()).hash;
    const center = (await probe.getByTestId('map').getAttribute('data-center'))!;
    await probe.close();
    const views = [
      { name: 'city-wide', hash: cityHash },
      { name: `zoomed in (${args['zoom-resolution']} m/px)`, hash: `#c=${center}&r=${args['zoom-resolution']}` },
    ];

    lines.push(`| view | features drawn | first complete render PlanDesk / OL (ratio) | pan frame p50 / p95 / max PlanDesk | pan frame p50 / p95 / max OL | JS heap PlanDesk / OL |`, `|---|---|---|---|---|---|`);
    for (const view of views) {
      const urls: string[] = [];
      const warm = await runPlanDesk(browser, plandesk.url, view.hash, urls); // warms SQLite's page cache; records the requests
      const collections = await Promise.all([...new Set(urls)].map((u) => getJson<ApiFeatureCollection>(u)));
      const merged = {
        type: 'FeatureCollection',
        features: collections.flatMap((c) => c.features.map((f) => ({ type: 'Feature', id: f.id, geometry: f.geometry, properties: { ...f.properties, __layer: c.layerId } }))),
      };
      peer.setData({ crs: { code: crs.code, proj4: crs.proj4 }, layers: peerLayers(layers) }, JSON.stringify(merged));
      await runPeer(browser, peer.url, view.hash, warm.box); // warm-up

      const ours: Run[] = [];
      const theirs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        ours.push(await runPlanDesk(browser, plandesk.url, view.hash));
        theirs.push(await runPeer(browser, peer.url, view.hash, warm.box));
      }
      const a = median(ours.map((r) => r.firstRenderMs));
      const b = median(theirs.map((r) => r.firstRenderMs));
      const fa = ours[Math.floor(RUNS / 2)]!.frames;
      const fb = theirs[Math.floor(RUNS / 2)]!.frames;
      const ha = median(ours.map((r) => r.heapMb));
      const hb = median(theirs.map((r) => r.heapMb));
      const row = `| ${view.name} | ${merged.features.length.toLocaleString('en')} | ${a} ms / ${b} ms (**${(a / b).toFixed(2)}×**) | ${ms(fa.p50)} / ${ms(fa.p95)} / ${ms(fa.max)} ms | ${ms(fb.p50)} / ${ms(fb.p95)} / ${ms(fb.max)} ms | ${ha.toFixed(0)} MB / ${hb.toFixed(0)} MB (${(ha / hb).toFixed(2)}×) |`;
      lines.push(row);
      console.log(`${view.name}: ${merged.features.length} features; first complete render PlanDesk ${a} ms, plain OL ${b} ms, ratio ${(a / b).toFixed(2)}; pan p95 ${ms(fa.p95)} vs ${ms(fb.p95)} ms; heap ${ha.toFixed(0)} vs ${hb.toFixed(0)} MB`);
    }
    const header = [
      '',
      `## Rendering: PlanDesk vs plain OpenLayers (bench/render-compare.ts, ${new Date().toISOString().slice(0, 10)})`,
      '',
      `${project.name}: ${total.toLocaleString('en')} features (${args.file.replace(ROOT, '')}); Chromium ${browser.version()} headless, --disable-gpu (software canvas), viewport ${VIEWPORT.width}×${VIEWPORT.height}; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB. Median of ${RUNS} runs after a warm-up.`,
      'First complete render: from navigation start until every feature request has answered and the map is drawn (timed in the page) (PlanDesk includes its API/SQLite queries, the peer one static GeoJSON file). The peer draws the same features in the same colours without labels, in a viewport the size of PlanDesk\'s map. Ratio = PlanDesk / plain OL.',
      '',
    ];
    const text = [...header, ...lines, ''].join('\n');
    console.log(text);
    if (!existsSync(args.results)) writeFileSync(args.results, '# Benchmark results\n');
    appendFileSync(args.results, text);
    console.log(`appended to ${args.results}`);
  } finally {
    await browser.close();
    plandesk.child.kill('SIGTERM');
    peer.server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
