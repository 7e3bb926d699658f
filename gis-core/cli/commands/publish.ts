/**
 * `plandesk publish FILE --out DIR`: the project's planning layers as a read-only static web
 * map for a provincial portal (gis-core/publish/, docs/PUBLISH.md). Progress on stderr.
 */
import type { Command } from 'commander';
import { publishSite, type PublishResult } from '../../publish/publish.js';
import { Project } from '../../store/project.js';

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

function formatResult(result: PublishResult): string {
  const lines = [`Đã xuất bản đồ web / published the web map "${result.title}" to ${result.outDir}`];
  for (const l of result.layers) lines.push(`  ${l.id.padEnd(18)} ${String(l.features).padStart(9)} features  ${megabytes(l.bytes).padStart(10)}`);
  lines.push(`  search index: ${result.search.parcels} parcels, ${result.search.names} names (${megabytes(result.search.bytes)})`);
  lines.push(`  ${result.files} files, ${megabytes(result.bytes)} in all — host the folder on any static web server (README.txt)`);
  return lines.join('\n');
}

export function registerPublishCommand(program: Command): void {
  program
    .command('publish')
    .description('xuất bản đồ quy hoạch trực tuyến (trang web tĩnh, chỉ xem) / export a read-only static web map package')
    .argument('<file>', 'PlanDesk project file')
    .requiredOption('--out <dir>', 'the folder to write (new or empty; --force replaces an earlier web map)')
    .option('--layers <ids>', 'comma-separated layer ids (default: zoning,parcels,roads,red_lines)')
    .option('--title <text>', 'page title (default: the project name)')
    .option('--force', 'replace the web map already in --out')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { out: string; layers?: string; title?: string; force?: boolean; json?: boolean }) => {
      const project = Project.open(file, { readonly: true });
      try {
        let last = '';
        const result = await publishSite(project, {
          outDir: options.out,
          ...(options.layers ? { layers: options.layers.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
          ...(options.title ? { title: options.title } : {}),
          ...(options.force ? { force: true } : {}),
          onProgress: (fraction, message) => {
            const line = `  ${Math.round(fraction * 100)} % ${message.vi} / ${message.en}`;
            if (line !== last) process.stderr.write(`${line}\n`);
            last = line;
          },
        });
        process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatResult(result)}\n`);
      } finally {
        project.close();
      }
    });
}
