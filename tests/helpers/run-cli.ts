/** Runs `plandesk …` in this process and captures what it writes, for the CLI tests. */
import { vi } from 'vitest';
import { runCli } from '../../gis-core/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await runCli(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
