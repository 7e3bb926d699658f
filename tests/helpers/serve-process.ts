/**
 * `plandesk serve FILE` as a real child process (the built binary, dist/): for tests that need
 * worker threads, a separate process, or a kill. Resolves once the server has printed its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/plandesk.js', import.meta.url));
const dist = fileURLToPath(new URL('../../dist/gis-core/cli/main.js', import.meta.url));

export interface ServeProcess {
  /** 'http://127.0.0.1:PORT/' */
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves when the process has exited (however it ends). */
  readonly exited: Promise<unknown>;
}

export async function startServeProcess(file: string, args: readonly string[] = []): Promise<ServeProcess> {
  if (!existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const child = spawn(process.execPath, [bin, 'serve', file, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`serve exited: ${output}`));
    });
  });
  return { url, child, exited };
}
