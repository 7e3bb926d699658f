/**
 * Full validation of the large demo (every layer's rules over ~1,060,000 features). There is no
 * peer tool for QCVN rules; the same-run reference is a plain full read of the same layers
 * through the store (`project.iterateFeatures`, decoding every feature as validation must), and
 * the figure is validation time / read time. Also checks the findings against the demo's
 * manifest of planted violations.
 *
 *   node dist/bench/validate.js [--file F] [--scale large|N]
 * Defaults: .bench-data/large.plandesk.sqlite, generated (seed 2025) when missing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDemoProject } from '../gis-core/demo/write.js';
import type { PlantedViolation } from '../gis-core/demo/violations.js';
import { Project } from '../gis-core/store/project.js';
import { planRun, validateProject } from '../gis-core/validate/engine.js';
import { compareWithManifest } from '../gis-core/validate/manifest.js';
import { countByRule } from '../gis-core/validate/report.js';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: '.bench-data/large.plandesk.sqlite' },
    scale: { type: 'string', default: 'large' },
  },
});

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function generateIfMissing(file: string): void {
  if (existsSync(file)) {
    console.log(`using existing ${file} (delete it to generate it again)`);
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  const start = process.hrtime.bigint();
  const scale = /^\d+$/.test(args.scale) ? Number(args.scale) : args.scale;
  writeDemoProject(file, { scale: scale as never, seed: 2025 });
  console.log(`generated demo --scale ${args.scale} in ${seconds(start).toFixed(1)} s`);
}

function main(): void {
  const file = args.file;
  generateIfMissing(file);
  const project = Project.open(file, { readonly: true });
  const layers = project.layers();
  const plan = planRun(layers.map((l) => l.id));
  const toRead = plan.load.reduce((s, id) => s + (layers.find((l) => l.id === id)?.featureCount ?? 0), 0);
  console.log(`project: ${layers.reduce((s, l) => s + l.featureCount, 0).toLocaleString('en-US')} features in ${layers.length} layers; ` +
    `${new Set(plan.infos.map((r) => r.code)).size} rules (${plan.infos.length} rule × layer pairs) over ${plan.load.length} layers\n`);

  // Reference: read and decode every feature of the same layers, keeping none (also warms the page cache).
  const reads: number[] = [];
  for (let run = 0; run < 2; run++) {
    const start = process.hrtime.bigint();
    let n = 0;
    for (const id of plan.load) for (const f of project.iterateFeatures(id)) if (f.uuid) n++;
    reads.push(seconds(start));
    if (n !== toRead) throw new Error(`read ${n} features, expected ${toRead}`);
  }
  const read = Math.min(...reads);
  const rssBefore = process.resourceUsage().maxRSS * 1024;

  const start = process.hrtime.bigint();
  let loaded = 0;
  const report = validateProject(project, {}, (done) => {
    if (loaded === 0 && done >= toRead) loaded = seconds(start);
  });
  const total = seconds(start);
  const peak = process.resourceUsage().maxRSS * 1024;
  const manifest = JSON.parse(project.getMetadata('demo_manifest') ?? '[]') as PlantedViolation[];
  project.close();
  const check = compareWithManifest(report, manifest);

  console.log('| | |');
  console.log('|---|---:|');
  console.log(`| features checked | ${report.checkedFeatures.toLocaleString('en-US')} |`);
  console.log(`| features read (checked + read by rules) | ${toRead.toLocaleString('en-US')} |`);
  console.log(`| validation, total | ${total.toFixed(1)} s |`);
  console.log(`| of which reading into memory | ${loaded.toFixed(1)} s |`);
  console.log(`| of which rules | ${(total - loaded).toFixed(1)} s |`);
  console.log(`| features checked / s | ${Math.round(report.checkedFeatures / total).toLocaleString('en-US')} |`);
  console.log(`| plain full read of the same layers (best of 2) | ${read.toFixed(1)} s |`);
  console.log(`| **validation / read** | **${(total / read).toFixed(2)}** |`);
  console.log(`| peak RSS (before validation: ${mb(rssBefore)}) | ${mb(peak)} |`);
  console.log(`\nfindings: ${report.findings.length} (${report.counts.error} errors, ${report.counts.warning} warnings, ${report.counts.info} info)`);
  console.log('| rule | severity | findings |');
  console.log('|---|---|---:|');
  for (const r of countByRule(report.findings)) console.log(`| ${r.rule} | ${r.severity} | ${r.count} |`);
  console.log(`\nmanifest: ${manifest.length} planted, ${check.found.length} found, ${check.missed.length} missed, ` +
    `${check.consequences.length} findings are consequences of planted overlaps, ${check.unexplained.length} unexplained (false findings)`);
  for (const m of check.missed) console.log(`  missed: ${m.kind} ${m.uuid} — ${m.description}`);
  for (const f of check.unexplained) console.log(`  unexplained: ${f.rule} ${f.layerId} ${f.uuid} — ${f.message.en}`);
}

main();
