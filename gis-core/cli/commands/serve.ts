import type { Command } from 'commander';
import { PlanDeskError } from '../../errors.js';
import { serveProject, stopOnSignals } from '../../server/serve-project.js';

interface ServeCommandOptions {
  port: string;
  host: string;
  token?: string;
  readOnly?: boolean;
  allowOrigin?: string[];
  stopWithStdin?: boolean;
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
    .option('--stop-with-stdin', 'stop when stdin closes (for a parent process, e.g. the desktop shell, that may die)')
    .action(async (file: string, options: ServeCommandOptions) => {
      const token = options.token ?? (process.env.PLANDESK_TOKEN || undefined);
      const served = await serveProject({
        file,
        host: options.host,
        port: parsePort(options.port),
        ...(token ? { token } : {}),
        readonly: options.readOnly ?? false,
        extraOrigins: options.allowOrigin ?? [],
      });
      stopOnSignals(served);
      if (options.stopWithStdin) {
        process.stdin.once('close', () => void served.close());
        process.stdin.resume();
      }
      const where = token ? `${served.url}?token=…` : served.url;
      process.stdout.write(`PlanDesk: serving ${served.project.info().name} (${file}) at ${where} — Ctrl+C to stop\n`);
      await served.stopped;
    });
}
