/**
 * The core runs beside the shell, in a Node process (`plandesk serve` on 127.0.0.1, a fresh
 * random token, port 0), and the main process reaches it through the HTTP client. So Electron
 * never loads the native SQLite module (built for Node's ABI, not Electron's), and the desktop
 * app runs the very code serve mode runs. The node binary is $PLANDESK_NODE (set by
 * `plandesk start`) or `node` on the PATH.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { PlanDeskApi } from '../gis-core/api/contract.js';
import { createHttpClient } from '../gis-core/api/http-client.js';

// dist/electron/core-host.js → the checkout root.
const checkoutRoot = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url));
export const PLANDESK_BIN = `${checkoutRoot}bin/plandesk.js`;

const START_TIMEOUT_MS = 60_000;

export interface CoreHost {
  readonly file: string;
  readonly url: string;
  readonly api: PlanDeskApi;
  stop(): void;
}

export function startCore(file: string, options: { readonly node?: string; readonly log?: (line: string) => void } = {}): Promise<CoreHost> {
  const token = randomBytes(24).toString('hex');
  const node = options.node ?? (process.env.PLANDESK_NODE || 'node');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  // --stop-with-stdin: if the shell dies, its end of the pipe closes and the core stops too.
  const child: ChildProcess = spawn(node, [PLANDESK_BIN, 'serve', file, '--port', '0', '--host', '127.0.0.1', '--token', token, '--stop-with-stdin'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the PlanDesk core did not start within ${START_TIMEOUT_MS / 1000} s: ${errors.trim()}`));
    }, START_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
      log(`core: ${chunk.toString().trimEnd()}`);
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run the PlanDesk core with "${node}": ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the PlanDesk core stopped (exit ${code ?? 'signal'}): ${errors.trim().split('\n').pop() ?? ''}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0];
      if (!url) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.once('exit', (code) => log(`core: stopped (exit ${code ?? 'signal'})`));
      resolve({ file, url, api: createHttpClient({ baseUrl: url, token }), stop: () => child.kill('SIGTERM') });
    });
  });
}
