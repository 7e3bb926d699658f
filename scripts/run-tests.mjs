#!/usr/bin/env node
// `npm test`: lint, typecheck, build, then every test (vitest: unit + integration; Playwright:
// e2e in Debian Chromium). Both runners always run, so one failing does not hide the other;
// the last line totals them as "N passed, N failed, N skipped" and the exit code is non-zero
// if any step failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = 'test-results';
mkdirSync(reports, { recursive: true });

function run(title, command, args, env = {}) {
  process.stdout.write(`\n▶ ${title}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function readJson(file) {
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  } catch {
    return null;
  }
}

for (const [title, script] of [['lint', 'lint'], ['typecheck', 'typecheck'], ['build', 'build']]) {
  if (!run(title, 'npm', ['run', '--silent', script])) {
    process.stdout.write(`\n${title} failed: no tests were run\n0 passed, 1 failed\n`);
    process.exit(1);
  }
}

const vitestReport = `${reports}/vitest.json`;
const playwrightReport = `${reports}/playwright.json`;
rmSync(vitestReport, { force: true });
rmSync(playwrightReport, { force: true });

const vitestOk = run('vitest (unit + integration)', 'npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`,
]);
const playwrightOk = run('playwright (end-to-end, Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
});

const v = readJson(vitestReport);
const p = readJson(playwrightReport)?.stats;
const passed = (v?.numPassedTests ?? 0) + (p?.expected ?? 0) + (p?.flaky ?? 0);
// A runner that crashed before writing its report counts as one failure, never as silence.
const failed = (v ? v.numFailedTests : vitestOk ? 0 : 1) + (p ? p.unexpected : playwrightOk ? 0 : 1);
const skipped = (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) + (p?.skipped ?? 0);
process.stdout.write(
  `\nvitest: ${v?.numPassedTests ?? '?'} passed, ${v?.numFailedTests ?? '?'} failed; ` +
    `playwright: ${p?.expected ?? '?'} passed, ${p?.unexpected ?? '?'} failed\n`,
);
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(vitestOk && playwrightOk && failed === 0 ? 0 : 1);
