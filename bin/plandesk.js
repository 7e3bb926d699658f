#!/usr/bin/env node
// Entry point of the `plandesk` command. The TypeScript sources are compiled to dist/ by `npm run build`
// (the setup script does it); this file only forwards to them.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/gis-core/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('plandesk: not built yet — run `npm run build` (or scripts/setup.sh) in the PlanDesk checkout first\n');
  process.exit(1);
}
const { runCli } = await import(main);
process.exitCode = await runCli(process.argv.slice(2));
