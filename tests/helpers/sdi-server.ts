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

const VERSIONING_SQL = fileURLToPath(new URL('../../resources/sdi/plandesk-versioning.sql', import.meta.url));
/** QGIS 3.22's srsid of EPSG:5897 (VN-2000 / TM-3 105°00′). */
const SRSID_5897 = 60149;

export function qgisServerAvailable(): boolean {
  return existsSync('/usr/bin/qgis_mapserver') && existsSync('/usr/lib/qgis/server/libwfs.so');
}

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
  stop(): Promise<void>;
}

export async function startSdiServer(layers: readonly LayerId[]): Promise<SdiServer> {
  const pg = await startPostgis();
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-sdi-'));
  let server: ChildProcess | undefined;
  try {
    pg.psql(`\\i ${VERSIONING_SQL}`);
    const tables = layers.map((id) => createSdiTable(pg, id));
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
    const qgisServer = spawn('qgis_mapserver', ['-p', project, `127.0.0.1:${port}`], {
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', QGIS_SERVER_LOG_LEVEL: '1', HOME: dir, XDG_RUNTIME_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = qgisServer;
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
      if (Date.now() > deadline) throw new Error(`qgis_mapserver did not answer: ${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return {
      pg,
      url,
      async stop() {
        if (qgisServer.exitCode === null) {
          const exited = new Promise((resolve) => qgisServer.once('exit', resolve));
          qgisServer.kill('SIGTERM');
          await exited;
        }
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
