/** Validation reports: finding order, counts, and the human-readable text the CLI prints. */
import { LAYERS } from '../../layers/index.js';
import type { Severity } from '../../layers/types.js';
import type { ValidationFinding, ValidationReport } from '../api/contract.js';

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
const LAYER_ORDER = new Map(LAYERS.map((l, i) => [l.id, i]));

/** Errors first, then by layer (panel order), rule and uuid: the same report always reads the same. */
export function sortFindings(findings: ValidationFinding[]): ValidationFinding[] {
  return findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (LAYER_ORDER.get(a.layerId) ?? 0) - (LAYER_ORDER.get(b.layerId) ?? 0) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0),
  );
}

export function summarize(findings: readonly ValidationFinding[]): ValidationReport['counts'] {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Findings per rule code, most first. */
export function countByRule(findings: readonly ValidationFinding[]): { rule: string; severity: Severity; count: number }[] {
  const by = new Map<string, { rule: string; severity: Severity; count: number }>();
  for (const f of findings) {
    const entry = by.get(f.rule) ?? { rule: f.rule, severity: f.severity, count: 0 };
    entry.count++;
    by.set(f.rule, entry);
  }
  return [...by.values()].sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1));
}

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: 'lỗi/error', warning: 'cảnh báo/warning', info: 'thông tin/info' };

function viNumber(n: number): string {
  return n.toLocaleString('en-US').replace(/,/g, '.');
}

/** The report as the CLI prints it: each finding (Vietnamese, then English), counts by rule, a summary. */
export function formatReport(report: ValidationReport, seconds?: number): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(`${f.rule}  ${SEVERITY_LABEL[f.severity]}  ${f.layerId} ${f.uuid}`);
    lines.push(`    ${f.message.vi}`);
    lines.push(`    ${f.message.en}`);
  }
  if (report.findings.length > 0) {
    lines.push('', 'Theo quy tắc / by rule:');
    for (const r of countByRule(report.findings)) lines.push(`  ${r.rule.padEnd(28)}${SEVERITY_LABEL[r.severity].padEnd(18)}${String(r.count).padStart(8)}`);
    lines.push('');
  }
  const { error, warning, info } = report.counts;
  const rules = new Set(report.rules.map((r) => r.code)).size;
  const time = seconds === undefined ? '' : ` trong ${seconds.toFixed(1).replace('.', ',')} s`;
  const timeEn = seconds === undefined ? '' : ` in ${seconds.toFixed(1)} s`;
  lines.push(
    `Đã kiểm tra ${viNumber(report.checkedFeatures)} đối tượng theo ${rules} quy tắc${time}: ${error} lỗi, ${warning} cảnh báo, ${info} thông tin.`,
    `Checked ${report.checkedFeatures.toLocaleString('en-US')} features against ${rules} rules${timeEn}: ${error} errors, ${warning} warnings, ${info} info.`,
  );
  return lines.join('\n');
}
