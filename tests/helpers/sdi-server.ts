/**
 * A real provincial SDI server for the sync tests: PostgreSQL + PostGIS (postgis.ts) with the
 * PlanDesk versioning script, tables made from PlanDesk layer definitions, and QGIS Server
 * (`qgis_mapserver`, offscreen) publishing them with WFS-T and OGC API Features.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { fileURLToPath } from 'node:url';
import { getLayer } from '../../layers/index.js';
import type { FieldType, LayerId } from '../../layers/types.js';
import { qgisServerProject, type PublishedTable } from '../../sync/sdi/qgis-project.js';
import { startPostgis, type PostgisCluster } from './postgis.js';

// From tests/helpers/ or, when a bench imports this helper, from dist/tests/helpers/.
const VERSIONING_SQL = fileURLToPath(new URL(`${import.meta.url.includes('/dist/') ? '../../../' : '../../'}resources/sdi/plandesk-versioning.sql`, import.meta.url));
/** QGIS 3.22's srsid of EPSG:5897 (VN-2000 / TM-3 105°00′). */
const SRSID_5897 = 60149;

/**
 * Whether QGIS Server with its WFS module is installed, so a developer without it can still run
 * the rest. Under CI (CI=true) a missing server is an error, never a skip: setup.sh installs it,
 * and a sync suite skipped in CI would hide a broken install step.
 */
export function qgisServerAvailable(): boolean {
  const installed = existsSync('/usr/bin/qgis_mapserver') && existsSync('/usr/lib/qgis/server/libwfs.so');
  if (!installed && process.env.CI === 'true') {
    throw new Error('CI=true but QGIS Server (qgis_mapserver + qgis-server-wfs) is not installed: scripts/setup.sh must install it');
  }
  return installed;
}

/** One geometry per type spanning the demo area (Cao Lãnh, EPSG:5897), for the layer extents. */
const EXTENT_SEED: Record<string, string> = {
  Point: 'POINT(569000 1156000)',
  LineString: 'LINESTRING(560000 1150000, 580000 1165000)',
  Polygon: 'POLYGON((560000 1150000, 580000 1150000, 580000 1165000, 560000 1150000))',
};

const PG_TYPES: Record<FieldType, string> = { text: 'text', integer: 'integer', real: 'double precision', boolean: 'boolean', date: 'date' };

/** The SDI table of a PlanDesk layer: fid serial key, the layer's fields, the geometry, versioned. */
export function createSdiTable(pg: PostgisCluster, layerId: LayerId, epsg = 5897): PublishedTable {
  const layer = getLayer(layerId);
  const columns = layer.fields.map((f) => `"${f.key}" ${PG_TYPES[f.type]}`);
  pg.psql(`CREATE TABLE public."${layer.id}" (fid serial PRIMARY KEY, ${columns.join(', ')}, geom geometry(${layer.geometryType}, ${epsg}))`);
  pg.psql(`CREATE INDEX ON public."${layer.id}" USING gist (geom)`);
  pg.psql(`SELECT plandesk_enable_versioning('public."${layer.id}"')`);
  return { schema: 'public', table: layer.id, name: layer.id, geometryType: layer.geometryType, geometryColumn: 'geom', key: 'fid' };
}

export interface SdiServer {
  readonly pg: PostgisCluster;
  /** 'http://127.0.0.1:PORT/' — WFS at `?SERVICE=WFS`, OGC API Features under `wfs3/`. */
  readonly url: string;
  /** Kills QGIS Server (SIGKILL, as a crash); PostGIS stays up. */
  killQgisServer(): Promise<void>;
  /** Starts QGIS Server again on the same port (killing it first if it still runs). */
  restartQgisServer(): Promise<void>;
  stop(): Promise<void>;
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** `qgis_mapserver` on `port`, once it answers GetCapabilities with its feature types. */
async function launchQgisServer(project: string, port: number, dir: string): Promise<ChildProcess> {
  const qgisServer = spawn('qgis_mapserver', ['-p', project, `127.0.0.1:${port}`], {
    env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', QGIS_SERVER_LOG_LEVEL: '1', HOME: dir, XDG_RUNTIME_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (chunk: Buffer) => (log += chunk.toString());
  qgisServer.stdout?.on('data', collect);
  qgisServer.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (qgisServer.exitCode !== null) throw new Error(`qgis_mapserver exited: ${log}`);
    try {
      const response = await fetch(`${url}?SERVICE=WFS&VERSION=1.1.0&REQUEST=GetCapabilities`, { signal: AbortSignal.timeout(5000) });
      if (response.ok && (await response.text()).includes('<FeatureType')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      qgisServer.kill('SIGKILL');
      throw new Error(`qgis_mapserver did not answer: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return qgisServer;
}

export async function startSdiServer(layers: readonly LayerId[]): Promise<SdiServer> {
  const pg = await startPostgis();
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-sdi-'));
  let server: ChildProcess | undefined;
  try {
    pg.psql(`\\i ${VERSIONING_SQL}`);
    const tables = layers.map((id) => createSdiTable(pg, id));
    // QGIS Server 3.22 computes a layer's extent once, when it loads the project; an empty table
    // gives an infinite extent and OGC API /collections then fails (HTTP 500, "forward transform
    // of (inf, inf)"). A row present while the project loads, deleted once it is up, avoids that.
    for (const t of tables) pg.psql(`INSERT INTO public."${t.table}" (geom) VALUES (ST_GeomFromText('${EXTENT_SEED[t.geometryType]}', 5897))`);
    const project = join(dir, 'sdi.qgs');
    writeFileSync(
      project,
      qgisServerProject({
        title: 'SDI thử nghiệm / test SDI',
        connection: { dbname: pg.database, host: pg.socketDir, port: pg.port, user: pg.user },
        epsg: 5897,
        srsid: SRSID_5897,
        tables,
      }),
    );
    const port = await freePort();
    let qgisServer = await launchQgisServer(project, port, dir);
    server = qgisServer;
    const url = `http://127.0.0.1:${port}/`;
    // Load every layer (OGC API collections) while the seed rows are there, then remove them.
    await fetch(`${url}wfs3/collections?f=json`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    for (const t of tables) pg.psql(`DELETE FROM public."${t.table}"`);
    return {
      pg,
      url,
      async killQgisServer() {
        await stopProcess(qgisServer, 'SIGKILL');
      },
      async restartQgisServer() {
        await stopProcess(qgisServer, 'SIGKILL');
        qgisServer = await launchQgisServer(project, port, dir);
      },
      async stop() {
        await stopProcess(qgisServer, 'SIGTERM');
        await pg.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    server?.kill('SIGKILL');
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
