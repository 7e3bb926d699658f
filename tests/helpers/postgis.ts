/**
 * A throwaway PostgreSQL + PostGIS cluster for the SDI tests: `initdb` in a temporary folder,
 * `postgres` on a free port listening on a Unix socket in that folder only, a database with
 * PostGIS. Run as the `postgres` OS user when the tests run as root (initdb refuses root).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** The newest PostgreSQL installed under /usr/lib/postgresql. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  return undefined;
}

export function postgisAvailable(): boolean {
  const bin = postgresBin();
  if (!bin) return false;
  const share = execFileSync(join(bin, 'pg_config'), ['--sharedir'], { encoding: 'utf8' }).trim();
  return existsSync(join(share, 'extension', 'postgis.control'));
}

export interface PostgisCluster {
  readonly port: number;
  /** The socket folder (host for libpq). */
  readonly socketDir: string;
  readonly database: string;
  readonly user: string;
  /** A libpq connection string (QGIS Server datasource `dbname=… host=… port=… user=…`). */
  readonly conninfo: string;
  /** Runs SQL through psql; returns its output (tuples only, unaligned). */
  psql(sql: string): string;
  stop(): Promise<void>;
}

export async function startPostgis(database = 'sdi'): Promise<PostgisCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (scripts/setup.sh installs postgresql and postgis)');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'plandesk-pg-'));
  const data = join(dir, 'data');
  const user = asRoot ? 'postgres' : (process.env.USER ?? 'postgres');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  run(join(bin, 'initdb'), ['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const args = ['-D', data, '-p', String(port), '-k', dir, '-c', "listen_addresses=", '-c', 'fsync=off', '-c', 'synchronous_commit=off'];
  const server: ChildProcess = spawn(asRoot ? 'runuser' : join(bin, 'postgres'), asRoot ? ['-u', 'postgres', '--', join(bin, 'postgres'), ...args] : args, {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const ready = () => {
    try {
      execFileSync(join(bin, 'pg_isready'), ['-h', dir, '-p', String(port)], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 30_000;
  while (!ready()) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`postgres did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const psqlAs = (db: string, sql: string) =>
    execFileSync(join(bin, 'psql'), ['-h', dir, '-p', String(port), '-U', user, '-d', db, '-v', 'ON_ERROR_STOP=1', '-q', '-t', '-A', '-c', sql], {
      encoding: 'utf8',
    });
  psqlAs('postgres', `CREATE DATABASE ${database}`);
  psqlAs(database, 'CREATE EXTENSION postgis');
  return {
    port,
    socketDir: dir,
    database,
    user,
    conninfo: `dbname='${database}' host=${dir} port=${port} user='${user}'`,
    psql: (sql) => psqlAs(database, sql),
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        // pg_ctl, not a signal to our child: under runuser the child is runuser, which does not pass signals on.
        run(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
