/**
 * Starts `plandesk serve` on a project file (a free port) and reads its URL from what it
 * prints. Used by the global setup (the demo, read-only) and by the editing tests (each on its
 * own copy of the demo, writable).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const CLI = join(ROOT, 'bin/plandesk.js');
export const BUNDLED_DEMO = join(ROOT, 'resources/demo/cao-lanh.plandesk.sqlite');

export interface Served {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export async function serve(file: string, args: readonly string[] = []): Promise<Served> {
  const server = spawn(process.execPath, [CLI, 'serve', file, '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`plandesk serve printed no URL in 30 s:\n${output}`)), 30_000);
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/[^\s?]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`plandesk serve exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    process: server,
    stop: async () => {
      if (server.exitCode !== null) return;
      server.kill('SIGTERM');
      await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    },
  };
}
