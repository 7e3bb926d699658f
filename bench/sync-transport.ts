/**
 * Sync with the SDI: push and pull of N changed features (default 10,000 hydrants) against a
 * real QGIS Server over PostGIS (tests/helpers/sdi-server.ts: a throwaway cluster, started
 * here), three ways in the same run:
 *
 * - the raw transport, the peer: a minimal script that hand-writes WFS-T Transactions with
 *   N Insert elements, as few as the server takes (push) and sends ONE GetFeature for the N features (pull, body read, not
 *   parsed); with --ogcapi also N OGC API POSTs and one items GET;
 * - PlanDesk's transport (sync/transport/): `insert` of N features (one Insert per feature with
 *   its handle, results matched by uuid, in transactions of 2,000) and `getFeatures` (paged
 *   GML parsed into GeoJSON features in the project CRS);
 * - PlanDesk's engine (sync/engine/): `runPush` of N features inserted locally through
 *   `editApply` (changeset from the journal, outbox, transport, acknowledgements), and
 *   `runPull` after N features changed on the server (fetch, three-way merge, one sync batch).
 *
 * Between phases the server table is emptied with SQL. Ratios are PlanDesk / raw.
 *
 *   npm run build && node dist/bench/sync-transport.js [--features 10000] [--ogcapi]
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EditOperation } from '../gis-core/api/contract.js';
import { PlanDeskService } from '../gis-core/api/service.js';
import { BUNDLED_DEMO } from '../gis-core/project/demo-location.js';
import { Project } from '../gis-core/store/project.js';
import { newUuid } from '../gis-core/util/uuid.js';
import { syncConnect } from '../sync/engine/api.js';
import { openSession, runPull, runPush } from '../sync/engine/jobs.js';
import { connectTransport } from '../sync/transport/connect.js';
import type { InsertRequest } from '../sync/transport/types.js';
import { startSdiServer, type SdiServer } from '../tests/helpers/sdi-server.js';
import { seededRandom } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    features: { type: 'string', default: '10000' },
    ogcapi: { type: 'boolean', default: false },
  },
});
const N = Number(args.features);
const SRID = 5897;
const TYPE = 'water_hydrants';
/** Where the hydrants go (EPSG:5897, around Cao Lãnh). */
const AREA: [number, number, number, number] = [566_000, 1_153_000, 572_000, 1_159_000];

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await run();
  return [value, seconds(start)];
}

function row(label: string, s: number, extra = ''): void {
  console.log(`  ${label.padEnd(52)} ${s.toFixed(2).padStart(7)} s  ${Math.round(N / s).toLocaleString('en-US').padStart(7)} features/s${extra ? `  ${extra}` : ''}`);
}

function ratio(label: string, planDesk: number, raw: number): void {
  console.log(`  ratio ${label.padEnd(46)} ${(planDesk / raw).toFixed(2).padStart(7)}`);
}

function hydrants(random: () => number): InsertRequest[] {
  return Array.from({ length: N }, (_, i) => ({
    uuid: newUuid(),
    properties: { hydrant_type: 'pillar', code: `TC-${i}`, status: 'existing' },
    geometry: { type: 'Point', coordinates: [AREA[0] + random() * (AREA[2] - AREA[0]), AREA[1] + random() * (AREA[3] - AREA[1])] },
  }));
}

/**
 * The peer's push: hand-written WFS-T Transactions with N Insert elements — as few as
 * qgis_mapserver takes (it drops request bodies over 128 KiB, so ONE transaction of 10,000 is
 * not possible there: bodies of at most 64,000 bytes, as PlanDesk's transport sends).
 */
async function rawWfsInsert(sdi: SdiServer, features: readonly InsertRequest[]): Promise<number> {
  const inserts = features.map((f) => {
    const [x, y] = (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
    return `<wfs:Insert handle="${f.uuid}"><qgs:${TYPE}><qgs:geometry><gml:Point srsName="EPSG:${SRID}"><gml:pos>${x} ${y}</gml:pos></gml:Point></qgs:geometry><qgs:hydrant_type>pillar</qgs:hydrant_type><qgs:code>${f.properties.code as string}</qgs:code><qgs:status>existing</qgs:status><qgs:uuid>${f.uuid}</qgs:uuid></qgs:${TYPE}></wfs:Insert>`;
  });
  const open = `<wfs:Transaction service="WFS" version="1.1.0" xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:qgs="http://www.qgis.org/gml">`;
  let inserted = 0;
  let requests = 0;
  for (let i = 0; i < inserts.length; ) {
    let body = open;
    while (i < inserts.length && body.length + inserts[i]!.length < 64_000) body += inserts[i++];
    let text = '';
    // qgis_mapserver sometimes reads a body only in part and answers 501 (nothing done): send again.
    for (let attempt = 0; attempt < 4 && !text.includes('TransactionResponse'); attempt++) {
      text = await (await fetch(`${sdi.url}?SERVICE=WFS`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: `${body}</wfs:Transaction>` })).text();
    }
    inserted += Number(/<totalInserted>(\d+)<\/totalInserted>/.exec(text)?.[1] ?? 0);
    requests++;
  }
  console.log(`  (raw push: ${requests} Transaction requests)`);
  return inserted;
}

/** The peer's pull: ONE GetFeature (GML 3, project CRS), the body read, not parsed. */
async function rawWfsGet(sdi: SdiServer): Promise<number> {
  const text = await (await fetch(`${sdi.url}?SERVICE=WFS&VERSION=1.1.0&REQUEST=GetFeature&TYPENAME=${TYPE}&SRSNAME=EPSG:${SRID}`)).text();
  return text.split('<gml:featureMember>').length - 1;
}

async function rawOgcInsert(sdi: SdiServer, features: readonly InsertRequest[]): Promise<number> {
  let ok = 0;
  for (const f of features) {
    // Coordinates in CRS84 would be the real peer's job too; the raw script sends what QGIS reads.
    const body = JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [105.63, 10.45] }, properties: { ...f.properties, uuid: f.uuid } });
    const response = await fetch(`${sdi.url}wfs3/collections/${TYPE}/items`, { method: 'POST', headers: { 'Content-Type': 'application/geo+json' }, body });
    await response.arrayBuffer();
    if (response.status === 201) ok++;
  }
  return ok;
}

async function rawOgcGet(sdi: SdiServer): Promise<number> {
  const body = (await (await fetch(`${sdi.url}wfs3/collections/${TYPE}/items?limit=${N}&crs=http://www.opengis.net/def/crs/EPSG/9.6.2/${SRID}`)).json()) as { features: unknown[] };
  return body.features.length;
}

function count(sdi: SdiServer): number {
  return Number(sdi.pg.psql(`SELECT count(*) FROM ${TYPE}`).trim());
}

async function main(): Promise<void> {
  console.log(`sync push / pull of ${N.toLocaleString('en-US')} hydrants against QGIS Server ${'(WFS-T 1.1' + (args.ogcapi ? ', OGC API Features)' : ')')}`);
  const sdi = await startSdiServer([TYPE]);
  const work = join(tmpdir(), `plandesk-sync-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const clear = () => sdi.pg.psql(`DELETE FROM ${TYPE}`);
  try {
    const random = seededRandom(11);

    // ---- WFS-T: raw peer vs PlanDesk transport --------------------------------------------------
    const [rawInserted, rawPush] = await timed(() => rawWfsInsert(sdi, hydrants(random)));
    row('push  raw: WFS-T Transactions of <= 64 kB', rawPush, `(${rawInserted} inserted)`);
    const [rawGot, rawPull] = await timed(() => rawWfsGet(sdi));
    row('pull  raw: one GetFeature (GML, body read)', rawPull, `(${rawGot} features)`);
    clear();

    const wfs = await connectTransport(sdi.url, { srid: SRID, timeoutMs: 600_000 });
    await wfs.featureTypes();
    const [outcomes, tPush] = await timed(() => wfs.insert(TYPE, hydrants(random)));
    row('push  PlanDesk transport: insert (WFS-T)', tPush, `(${outcomes.filter((o) => o.applied).length} applied, ids by uuid)`);
    const [features, tPull] = await timed(() => wfs.getFeatures(TYPE, {}));
    row('pull  PlanDesk transport: getFeatures (WFS, parsed)', tPull, `(${features.length} features)`);
    ratio('transport push / raw push (WFS-T)', tPush, rawPush);
    ratio('transport pull / raw pull (WFS)', tPull, rawPull);
    clear();

    // ---- the engine: push of N local inserts, pull of N server changes ------------------------
    try {
      const file = join(work, 'bench.plandesk.sqlite');
      copyFileSync(BUNDLED_DEMO.file, file);
      if (existsSync(`${BUNDLED_DEMO.file}-wal`)) copyFileSync(`${BUNDLED_DEMO.file}-wal`, `${file}-wal`);
      const project = Project.open(file);
      try {
        const service = new PlanDeskService(project);
        await syncConnect(project, { url: sdi.url, layers: [{ layer: TYPE, featureType: TYPE, fields: {} }] });
        const noop = { progress: () => undefined, throwIfCancelled: () => undefined, signal: new AbortController().signal };
        // Checkout of the (empty) area first; the session is opened again after it, as each job opens its own.
        await runPull(await openSession(project, undefined), noop, AREA);
        const session = await openSession(project, undefined);
        const operations = hydrants(random).map((f): EditOperation => ({ op: 'insert', layer: TYPE, uuid: f.uuid, properties: f.properties, geometry: f.geometry! }));
        await service.editApply({ operations, source: 'import', topology: false });
        const [pushed, ePush] = await timed(() => runPush(session, noop));
        row('push  PlanDesk engine: runPush', ePush, `(${pushed.pushed} pushed, ${pushed.rejected} rejected; server has ${count(sdi)})`);
        sdi.pg.psql(`UPDATE ${TYPE} SET status = 'planned'`);
        const [pulled, ePull] = await timed(() => runPull(session, noop));
        row('pull  PlanDesk engine: runPull', ePull, `(${pulled.fetched} fetched, ${pulled.merged} merged, ${pulled.conflicts} conflicts)`);
        ratio('engine push / raw push (WFS-T)', ePush, rawPush);
        ratio('engine pull / raw pull (WFS)', ePull, rawPull);
      } finally {
        project.close();
      }
    } catch (error) {
      console.log(`  engine: FAILED — ${error instanceof Error ? error.message : String(error)}`);
    }
    clear();

    // ---- OGC API Features ---------------------------------------------------------------------
    if (args.ogcapi) {
      const [rawPosted, rawPost] = await timed(() => rawOgcInsert(sdi, hydrants(random)));
      row(`push  raw: ${N} OGC API POSTs`, rawPost, `(${rawPosted} created)`);
      const [rawItems, rawGet] = await timed(() => rawOgcGet(sdi));
      row('pull  raw: one items GET (JSON parsed)', rawGet, `(${rawItems} features)`);
      clear();
      const ogc = await connectTransport(`${sdi.url}wfs3/`, { srid: SRID, timeoutMs: 600_000 });
      await ogc.featureTypes();
      const [posted, oPush] = await timed(() => ogc.insert(TYPE, hydrants(random)));
      row('push  PlanDesk transport: insert (OGC API)', oPush, `(${posted.filter((o) => o.applied).length} applied)`);
      const [items, oPull] = await timed(() => ogc.getFeatures(TYPE, {}));
      row('pull  PlanDesk transport: getFeatures (OGC API)', oPull, `(${items.length} features)`);
      ratio('transport push / raw push (OGC API)', oPush, rawPost);
      ratio('transport pull / raw pull (OGC API)', oPull, rawGet);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    await sdi.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
