import type { Command } from 'commander';
import { PlanDeskError } from '../../errors.js';
import { parseRateLimit } from '../../server/rate-limit.js';
import { serveProject, stopOnSignals } from '../../server/serve-project.js';

interface ServeCommandOptions {
  port: string;
  host: string;
  token?: string;
  readOnly?: boolean;
  allowOrigin?: string[];
  stopWithStdin?: boolean;
  filesRoot?: string;
  kiosk?: boolean;
  idle: string;
  rateLimit?: string;
}

/** --idle: 5 … 3600 seconds. */
export function parseIdleSeconds(text: string): number {
  if (!/^\d{1,4}$/.test(text) || Number(text) < 5 || Number(text) > 3600) {
    throw new PlanDeskError('INVALID_ARGUMENT', `--idle must be 5 … 3600 seconds, got "${text}"`);
  }
  return Number(text);
}

/** What --kiosk changes in the serve options (docs/KIOSK.md). */
function kioskServeOptions(options: ServeCommandOptions) {
  if (!options.kiosk) {
    if (options.rateLimit !== undefined) throw new PlanDeskError('INVALID_ARGUMENT', '--rate-limit applies to --kiosk only');
    return {};
  }
  if (options.allowOrigin?.length) throw new PlanDeskError('INVALID_ARGUMENT', 'a kiosk loads nothing from other origins: drop --allow-origin');
  if (options.filesRoot !== undefined) throw new PlanDeskError('INVALID_ARGUMENT', 'a kiosk serves no files: drop --files-root');
  return {
    access: 'kiosk' as const,
    // A kiosk never writes: the file is opened read-only whatever else is asked.
    readonly: true,
    idleSeconds: parseIdleSeconds(options.idle),
    ...(options.rateLimit !== undefined ? { rateLimit: parseRateLimit(options.rateLimit) } : {}),
  };
}

export function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new PlanDeskError('INVALID_ARGUMENT', `--port must be 0–65535, got "${text}"`);
  return Number(text);
}

/** `plandesk serve FILE`: the map UI and the HTTP API (docs/API.md) for one project. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve a project: the map UI and the HTTP API (docs/API.md), on 127.0.0.1 by default')
    .argument('<file>', 'PlanDesk project file (*.plandesk.sqlite)')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
    .option('--host <h>', 'interface to listen on; anything but loopback needs --token', '127.0.0.1')
    .option('--token <t>', 'access token API calls must carry (Authorization: Bearer …); default $PLANDESK_TOKEN')
    .option('--read-only', 'open the project read-only')
    .option('--allow-origin <origin...>', 'base map server origin(s) the UI may load images from (CSP img-src/connect-src)')
    .option('--files-root <dir>', 'let clients name files under DIR in import/export jobs (by default only uploads, and outputs are downloaded)')
    .option('--stop-with-stdin', 'stop when stdin closes (for a parent process, e.g. the desktop shell, that may die)')
    .option('--kiosk', 'public planning kiosk (docs/KIOSK.md): the kiosk page and its read-only lookups only, rate-limited, project opened read-only')
    .option('--idle <seconds>', 'kiosk: back to the home screen after this many seconds without a touch', '120')
    .option('--rate-limit <burst/perSecond>', 'kiosk: requests per client, e.g. 60/3 (60 at once, 3 a second sustained; the default)')
    .action(async (file: string, options: ServeCommandOptions) => {
      const token = options.token ?? (process.env.PLANDESK_TOKEN || undefined);
      const served = await serveProject({
        file,
        host: options.host,
        port: parsePort(options.port),
        ...(token ? { token } : {}),
        readonly: options.readOnly ?? false,
        extraOrigins: options.allowOrigin ?? [],
        ...(options.filesRoot !== undefined ? { filesRoot: options.filesRoot } : {}),
        ...kioskServeOptions(options),
      });
      stopOnSignals(served);
      if (options.stopWithStdin) {
        process.stdin.once('close', () => void served.close());
        process.stdin.resume();
      }
      const where = token ? `${served.url}?token=…` : served.url;
      const as = options.kiosk ? ' as a public kiosk' : '';
      process.stdout.write(`PlanDesk: serving ${served.project.info().name} (${file})${as} at ${where} — Ctrl+C to stop\n`);
      await served.stopped;
    });
}
