/**
 * `plandesk sync …`: the sync engine (sync/engine/) from the command line — connect a project to
 * an SDI server, check out an area, pull, push, preview, list and resolve conflicts. The same
 * functions the API and the jobs use. Credentials come from PLANDESK_SDI_USER /
 * PLANDESK_SDI_PASSWORD or PLANDESK_SDI_TOKEN, never from the project or the command line.
 *
 * Exit status: 0 done (no open conflict), 1 done but conflicts remain open, 2 could not run
 * (bad arguments, no connection, wrong password, server down or in error — the outbox is kept).
 */
import { CommanderError, type Command } from 'commander';
import type { Label } from '../../api/contract.js';
import { PlanDeskError, isPlanDeskError } from '../../errors.js';
import { Project } from '../../store/project.js';
import type { BBox } from '../../store/types.js';
import type { LayerId } from '../../../layers/types.js';
import type { SyncCredentials, SyncJobResult, SyncLayerMapping, SyncProtocol, SyncResolutionChoice, SyncStatus } from '../../../sync/api-types.js';
import { syncConflicts, syncConnect, syncPreview, syncResolve, syncStatus } from '../../../sync/engine/api.js';
import { checkBBox, openSession, runPull, runPush } from '../../../sync/engine/jobs.js';

export const SYNC_EXIT = { ok: 0, conflicts: 1, failed: 2 } as const;

const PROTOCOLS: readonly (SyncProtocol | 'auto')[] = ['auto', 'wfs-1.1', 'wfs-2.0', 'ogcapi-features'];

export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): SyncCredentials | undefined {
  if (env.PLANDESK_SDI_TOKEN) return { token: env.PLANDESK_SDI_TOKEN };
  if (env.PLANDESK_SDI_USER || env.PLANDESK_SDI_PASSWORD) {
    return { ...(env.PLANDESK_SDI_USER ? { username: env.PLANDESK_SDI_USER } : {}), ...(env.PLANDESK_SDI_PASSWORD ? { password: env.PLANDESK_SDI_PASSWORD } : {}) };
  }
  return undefined;
}

function parseBBoxOption(text: string): BBox {
  return checkBBox(text.split(',').map((v) => Number(v.trim())));
}

function layersOption(text: string | undefined): SyncLayerMapping[] | undefined {
  if (!text) return undefined;
  // The feature type named as the layer; fields matched by name and type (sync connect suggests them).
  return text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((layer) => ({ layer: layer as LayerId, featureType: layer, fields: {} }));
}

function failed(error: unknown): never {
  const message = isPlanDeskError(error) || error instanceof Error ? error.message : String(error);
  process.stderr.write(`plandesk: ${message.split('\n')[0]}\n`);
  throw new CommanderError(SYNC_EXIT.failed, 'plandesk.sync.failed', message);
}

async function withProject<T>(file: string, readonly: boolean, work: (project: Project) => Promise<T> | T): Promise<T> {
  let project: Project | undefined;
  try {
    project = Project.open(file, { readonly });
    return await work(project);
  } catch (error) {
    if (error instanceof CommanderError) throw error;
    return failed(error);
  } finally {
    project?.close();
  }
}

/** A job context for the terminal: progress on stderr, Ctrl+C cancels between steps. */
function terminalContext(): { progress(fraction: number, message?: Label): void; throwIfCancelled(): void; signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once('SIGINT', onInterrupt);
  let last = '';
  return {
    signal: controller.signal,
    progress(fraction, message) {
      const line = `  ${Math.round(fraction * 100)} %${message ? ` ${message.vi}` : ''}`;
      if (line !== last) process.stderr.write(`${line}\n`);
      last = line;
    },
    throwIfCancelled() {
      if (controller.signal.aborted) throw new PlanDeskError('CANCELLED', 'Sync cancelled; the outbox keeps what was not acknowledged');
    },
    dispose: () => process.off('SIGINT', onInterrupt),
  };
}

function printStatus(status: SyncStatus): void {
  const c = status.connection;
  if (!c) {
    process.stdout.write('Chưa kết nối máy chủ SDI / not connected to an SDI server\n');
    return;
  }
  process.stdout.write(`Máy chủ / server: ${c.url} (${c.protocol})${c.username ? `, user ${c.username}` : ''}\n`);
  process.stdout.write(`Lớp / layers: ${c.layers.map((m) => (m.layer === m.featureType ? m.layer : `${m.layer}→${m.featureType}`)).join(', ')}\n`);
  process.stdout.write(`Vùng / area: ${c.area ? c.area.join(', ') : '—'}   lần cuối / last sync: ${c.lastSync ?? '—'}\n`);
  const p = status.pending;
  process.stdout.write(`Chờ đẩy / pending: ${p.inserts} thêm/insert, ${p.updates} sửa/update, ${p.deletes} xóa/delete\n`);
  process.stdout.write(`Xung đột mở / open conflicts: ${status.openConflicts}\n`);
  const o = status.outbox;
  process.stdout.write(`Hàng đợi / outbox: ${o.pending} pending, ${o.sent} sent, ${o.acknowledged} acknowledged, ${o.failed} failed\n`);
}

function printResult(verb: string, result: SyncJobResult, status: SyncStatus, json: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify({ result, status }, null, 2)}\n`);
  else {
    process.stdout.write(
      `${verb}: ${result.fetched} tải về/fetched, ${result.merged} hợp nhất/merged, ${result.pushed} đẩy lên/pushed, ${result.rejected} bị từ chối/rejected, ${result.conflicts} xung đột mới/new conflicts` +
        `${result.batchId !== null ? `, lô sửa/batch #${result.batchId}` : ''}\n`,
    );
    if (status.openConflicts > 0) process.stdout.write(`Còn ${status.openConflicts} xung đột / open conflicts remain: plandesk sync conflicts FILE\n`);
  }
}

function exitForConflicts(status: SyncStatus): void {
  if (status.openConflicts > 0) throw new CommanderError(SYNC_EXIT.conflicts, 'plandesk.sync.conflicts', `${status.openConflicts} open conflicts`);
}

async function runJob(file: string, kind: 'checkout' | 'pull' | 'push', json: boolean, bbox?: BBox): Promise<void> {
  const status = await withProject(file, false, async (project) => {
    const context = terminalContext();
    try {
      const session = await openSession(project, credentialsFromEnv());
      const result = kind === 'push' ? await runPush(session, context) : await runPull(session, context, bbox);
      const status = syncStatus(project);
      printResult(kind === 'push' ? 'Đã đẩy / pushed' : kind === 'pull' ? 'Đã kéo / pulled' : 'Đã lấy về / checked out', result, status, json);
      return status;
    } finally {
      context.dispose();
    }
  });
  exitForConflicts(status);
}

export function registerSyncCommands(program: Command): void {
  const sync = program
    .command('sync')
    .description('đồng bộ với máy chủ SDI / sync with the provincial SDI server (WFS-T, OGC API Features)')
    .addHelpText(
      'after',
      '\nCredentials: PLANDESK_SDI_USER + PLANDESK_SDI_PASSWORD, or PLANDESK_SDI_TOKEN.\nExit status: 0 done, 1 done but conflicts remain open, 2 could not run (the outbox is kept).',
    )
    .exitOverride((error) => {
      throw error.exitCode === 0 ? error : new CommanderError(SYNC_EXIT.failed, error.code, error.message);
    });
  const json = (command: Command): Command => command.option('--json', 'print JSON');
  const sub = (name: string, description: string): Command =>
    sync
      .command(name)
      .description(description)
      .exitOverride((error) => {
        // Usage errors (missing option, unknown argument) exit 2 too, so that 1 always means "conflicts remain".
        throw error.exitCode === 0 ? error : new CommanderError(SYNC_EXIT.failed, error.code, error.message);
      });

  sub('connect', 'connect a project to an SDI server (detects the protocol, maps layers by name)')
    .argument('<file>', 'PlanDesk project file')
    .requiredOption('--server <url>', 'the WFS endpoint or the OGC API Features landing page')
    .option('--protocol <p>', `one of ${PROTOCOLS.join(', ')}`, 'auto')
    .option('--layers <a,b>', 'only these layers (the feature type named as the layer)')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { server: string; protocol: string; layers?: string; json?: boolean }) => {
      if (!PROTOCOLS.includes(options.protocol as SyncProtocol)) failed(new PlanDeskError('INVALID_ARGUMENT', `--protocol is one of ${PROTOCOLS.join(', ')}`));
      const connection = await withProject(file, false, (project) => {
        const layers = layersOption(options.layers);
        const credentials = credentialsFromEnv();
        return syncConnect(project, {
          url: options.server,
          protocol: options.protocol as SyncProtocol | 'auto',
          ...(credentials ? { credentials } : {}),
          ...(layers ? { layers } : {}),
        });
      });
      if (options.json) process.stdout.write(`${JSON.stringify(connection, null, 2)}\n`);
      else process.stdout.write(`Đã kết nối / connected: ${connection.url} (${connection.protocol}), ${connection.layers.map((m) => m.layer).join(', ')}\n`);
    });

  sub('checkout', 'fetch the mapped layers inside an area (one undoable edit batch)')
    .argument('<file>', 'PlanDesk project file')
    .option('--server <url>', 'connect first (as sync connect)')
    .option('--layers <a,b>', 'with --server: only these layers')
    .requiredOption('--bbox <minx,miny,maxx,maxy>', 'the area, project CRS')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { server?: string; layers?: string; bbox: string; json?: boolean }) => {
      let bbox: BBox;
      try {
        bbox = parseBBoxOption(options.bbox);
      } catch (error) {
        failed(error);
      }
      if (options.server) {
        const server = options.server;
        await withProject(file, false, (project) => {
          const layers = layersOption(options.layers);
          const credentials = credentialsFromEnv();
          return syncConnect(project, { url: server, ...(credentials ? { credentials } : {}), ...(layers ? { layers } : {}) });
        });
      }
      await runJob(file, 'checkout', options.json ?? false, bbox);
    });

  json(sub('pull', 'fetch what changed on the server and merge it three ways').argument('<file>', 'PlanDesk project file')).action(
    async (file: string, options: { json?: boolean }) => runJob(file, 'pull', options.json ?? false),
  );
  json(sub('push', 'send the local changes through the durable outbox (resumes an interrupted push)').argument('<file>', 'PlanDesk project file')).action(
    async (file: string, options: { json?: boolean }) => runJob(file, 'push', options.json ?? false),
  );

  json(sub('status', 'connection, pending changes, open conflicts, outbox').argument('<file>', 'PlanDesk project file')).action(async (file: string, options: { json?: boolean }) => {
    const status = await withProject(file, true, (project) => syncStatus(project));
    if (options.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    else printStatus(status);
    exitForConflicts(status);
  });

  json(sub('preview', 'what a push would send and what it would overwrite (dry run)').argument('<file>', 'PlanDesk project file')).action(
    async (file: string, options: { json?: boolean }) => {
      const changeset = await withProject(file, true, (project) => syncPreview(project));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(changeset, null, 2)}\n`);
        return;
      }
      for (const c of changeset.changes) {
        const detail = c.kind === 'update' ? ` ${c.attributes.map((a) => (a === 'geometry' ? 'geometry' : `${a}: ${JSON.stringify(c.overwrites[a])} → ${JSON.stringify(c.values[a])}`)).join('; ')}` : '';
        process.stdout.write(`  ${c.kind.padEnd(7)} ${c.layer.padEnd(18)} ${c.uuid}${c.blocked ? ' [xung đột / blocked]' : ''}${detail}\n`);
      }
      if (changeset.changes.length === 0) process.stdout.write('Không có gì để đẩy / nothing to push\n');
    },
  );

  json(sub('conflicts', 'list the conflicts (base, local, server values)').argument('<file>', 'PlanDesk project file')).action(async (file: string, options: { json?: boolean }) => {
    const conflicts = await withProject(file, true, (project) => syncConflicts(project));
    if (options.json) process.stdout.write(`${JSON.stringify(conflicts, null, 2)}\n`);
    else {
      const short = (v: unknown): string => (typeof v === 'object' && v !== null ? '(…)' : JSON.stringify(v));
      for (const c of conflicts) {
        process.stdout.write(
          `#${String(c.id).padEnd(5)} ${c.state.padEnd(8)} ${c.kind.padEnd(14)} ${c.layer} ${c.uuid} ${c.attribute ?? ''}  gốc/base ${short(c.base)} · của tôi/mine ${short(c.local)} · máy chủ/theirs ${short(c.server)}${c.resolution ? ` → ${c.resolution}` : ''}\n`,
        );
      }
      if (conflicts.length === 0) process.stdout.write('Không có xung đột / no conflicts\n');
    }
    if (conflicts.some((c) => c.state === 'open')) throw new CommanderError(SYNC_EXIT.conflicts, 'plandesk.sync.conflicts', 'open conflicts');
  });

  sub('resolve', 'resolve a conflict: mine (keep local), theirs (take the server), edit (--value)')
    .argument('<file>', 'PlanDesk project file')
    .argument('<id>', 'the conflict id (plandesk sync conflicts)')
    .argument('<choice>', 'mine | theirs | edit')
    .option('--value <v>', 'with edit: the value (JSON, or text)')
    .option('--json', 'print the status as JSON')
    .action(async (file: string, id: string, choice: string, options: { value?: string; json?: boolean }) => {
      let value: unknown;
      if (options.value !== undefined) {
        try {
          value = JSON.parse(options.value) as unknown;
        } catch {
          value = options.value;
        }
      }
      const status = await withProject(file, false, (project) =>
        syncResolve(project, { conflictId: Number(id), choice: choice as SyncResolutionChoice, ...(value !== undefined ? { value } : {}) }),
      );
      if (options.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      else printStatus(status);
      exitForConflicts(status);
    });
}
