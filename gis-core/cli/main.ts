/**
 * `plandesk` command line. Each command lives in `commands/` and registers itself on the
 * program; this file only wires them and turns failures into one line and a non-zero exit.
 */
import { Command, CommanderError } from 'commander';
import { isPlanDeskError } from '../errors.js';
import { registerCrsCommands } from './commands/crs.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerEditCommands } from './commands/edit.js';
import { registerFloodCommand } from './commands/flood.js';
import { registerInfoCommand } from './commands/info.js';
import { registerIoCommands } from './commands/io.js';
import { registerPrintCommand } from './commands/print.js';
import { registerPublishCommand } from './commands/publish.js';
import { registerServeCommand } from './commands/serve.js';
import { registerStartCommand } from './commands/start.js';
import { registerSyncCommands } from './commands/sync.js';
import { registerValidateCommand } from './commands/validate.js';

export function buildProgram(): Command {
  const program = new Command('plandesk')
    .description('PlanDesk — GIS quy hoạch xây dựng (VN-2000, QCVN 01:2021) / planning GIS for Vietnam')
    .version('0.1.0')
    .showHelpAfterError(false)
    .exitOverride();
  registerDemoCommand(program);
  registerInfoCommand(program);
  registerValidateCommand(program);
  registerIoCommands(program);
  registerEditCommands(program);
  registerFloodCommand(program);
  registerCrsCommands(program);
  registerPrintCommand(program);
  registerPublishCommand(program);
  registerServeCommand(program);
  registerStartCommand(program);
  registerSyncCommands(program);
  return program;
}

/** Runs the CLI and returns the exit code (never throws). */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version arrive here with exit code 0; usage errors were already printed.
      return error.exitCode;
    }
    const message = isPlanDeskError(error) ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`plandesk: ${message.split('\n')[0]}\n`);
    if (process.env.PLANDESK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
