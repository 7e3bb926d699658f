import type { Command } from 'commander';
import { describeProject, type ProjectDescription } from '../../project/describe.js';
import { Project } from '../../store/project.js';

function formatNumber(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatDescription(d: ProjectDescription): string {
  const lines = [
    `${d.name}`,
    `  file:      ${d.file}`,
    `  province:  ${d.province}`,
    `  CRS:       ${d.crs.code} — ${d.crs.name}`,
    `  updated:   ${d.updatedAt}`,
    '',
    `  ${'layer'.padEnd(20)}${'geometry'.padEnd(12)}${'features'.padStart(10)}  extent (minx, miny, maxx, maxy)`,
  ];
  for (const layer of d.layers) {
    const extent = layer.extent ? layer.extent.map((v) => formatNumber(v, 1)).join(', ') : '—';
    lines.push(`  ${layer.id.padEnd(20)}${layer.geometryType.padEnd(12)}${formatNumber(layer.featureCount).padStart(10)}  ${extent}`);
  }
  return lines.join('\n');
}

export function registerInfoCommand(program: Command): void {
  program
    .command('info')
    .description('show a project: name, CRS, and per layer its geometry type, feature count and extent')
    .argument('<file>', 'PlanDesk project file (*.plandesk.sqlite)')
    .option('--json', 'print JSON (the same document as GET /api/project)')
    .action((file: string, options: { json?: boolean }) => {
      const project = Project.open(file, { readonly: true });
      try {
        const description = describeProject(project);
        process.stdout.write(options.json ? `${JSON.stringify(description, null, 2)}\n` : `${formatDescription(description)}\n`);
      } finally {
        project.close();
      }
    });
}
