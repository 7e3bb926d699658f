/**
 * Editing from the command line, through the same service call as the UI: `plandesk edit`
 * applies a batch (JSON, as POST /api/edits takes it), `undo` / `redo` walk the journal,
 * `history` lists it.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { EditHistoryEntry, EditResult } from '../../api/contract.js';
import { PlanDeskService } from '../../api/service.js';
import { PlanDeskError } from '../../errors.js';
import { Project } from '../../store/project.js';

async function withService<T>(file: string, readonly: boolean, work: (service: PlanDeskService) => Promise<T>): Promise<T> {
  const project = Project.open(file, { readonly });
  try {
    return await work(new PlanDeskService(project));
  } finally {
    project.close();
  }
}

function readBatch(path: string): unknown {
  let text: string;
  try {
    text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (error) {
    throw new PlanDeskError('FILE_NOT_FOUND', `Cannot read the edit batch ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PlanDeskError('INVALID_ARGUMENT', `${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function printResult(verb: string, result: EditResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${verb}: lô sửa #${result.batchId} (${result.batchUuid}), ${result.changes.length} đối tượng / features changed\n`);
  for (const change of result.changes) process.stdout.write(`  ${change.op.padEnd(7)} ${change.layer.padEnd(18)} ${change.uuid}\n`);
  if (result.undoMessage) process.stdout.write(`  hoàn tác tiếp / next undo: ${result.undoMessage}\n`);
}

function historyLine(entry: EditHistoryEntry): string {
  const state = entry.state ? ` [${entry.state}]` : entry.reverts ? ` (→ #${entry.reverts})` : '';
  return `#${String(entry.batchId).padEnd(6)} ${entry.createdAt}  ${entry.kind.padEnd(8)}${state.padEnd(12)} ${entry.author.padEnd(12)} ${entry.changeCount} · ${entry.message}`;
}

export function registerEditCommands(program: Command): void {
  program
    .command('edit')
    .description('apply an edit batch (JSON { operations: [...] }, as POST /api/edits) in one transaction, journaled and undoable')
    .argument('<file>', 'PlanDesk project file')
    .argument('<batch>', 'the batch as a JSON file, or - for standard input')
    .option('-m, --message <text>', 'the history line of the batch')
    .option('--author <name>', 'who makes the edit (the OS user by default)')
    .option('--no-topology', 'do not move pipe ends with their nodes or snap new ends to nodes')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, batchPath: string, options: { message?: string; author?: string; topology: boolean; json?: boolean }) => {
      const batch = readBatch(batchPath);
      if (typeof batch !== 'object' || batch === null || Array.isArray(batch)) {
        throw new PlanDeskError('INVALID_ARGUMENT', `${batchPath}: an edit batch is an object { "operations": [...] }`);
      }
      const request = {
        source: 'cli' as const,
        ...batch,
        ...(options.message ? { message: options.message } : {}),
        ...(options.author ? { author: options.author } : {}),
        ...(options.topology ? {} : { topology: false }),
      };
      const result = await withService(file, false, (service) => service.editApply(request as Parameters<PlanDeskService['editApply']>[0]));
      printResult('Đã sửa / Applied', result, options.json ?? false);
    });
  program
    .command('undo')
    .description('undo the newest edit batch of a project (the journal is in the file, so this works after a restart)')
    .argument('<file>', 'PlanDesk project file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const result = await withService(file, false, (service) => service.editUndo());
      printResult('Đã hoàn tác / Undone', result, options.json ?? false);
    });
  program
    .command('redo')
    .description('redo the edit batch undone last')
    .argument('<file>', 'PlanDesk project file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const result = await withService(file, false, (service) => service.editRedo());
      printResult('Đã làm lại / Redone', result, options.json ?? false);
    });
  program
    .command('history')
    .description("list a project's edit journal, newest first (edits made by other programs are gathered first)")
    .argument('<file>', 'PlanDesk project file')
    .option('-n, --limit <n>', 'how many batches (1–500)', '20')
    .option('--json', 'print JSON (the same document as GET /api/edits)')
    .action(async (file: string, options: { limit: string; json?: boolean }) => {
      const history = await withService(file, false, (service) => service.editHistory({ limit: Number(options.limit) }));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(history, null, 2)}\n`);
        return;
      }
      for (const entry of history.entries) process.stdout.write(`${historyLine(entry)}\n`);
      if (history.entries.length === 0) process.stdout.write('Chưa có lô sửa nào / no edits yet\n');
    });
}
