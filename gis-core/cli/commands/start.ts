import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { describeProject } from '../../project/describe.js';
import { BUNDLED_DEMO } from '../../project/demo-location.js';
import { Project } from '../../store/project.js';
import { formatDescription } from './info.js';

/**
 * `npm start`: open a project (the bundled demo by default). The map window arrives with the
 * desktop/serve work; until then this opens the project, checks it and prints what it holds.
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('open a project (the bundled Cao Lãnh demo by default)')
    .argument('[file]', 'PlanDesk project file', BUNDLED_DEMO.file)
    .action((file: string) => {
      if (file === BUNDLED_DEMO.file && !existsSync(file)) {
        throw new Error(`the demo project is not generated yet: run scripts/setup.sh (or plandesk demo --out ${file})`);
      }
      const project = Project.open(file);
      try {
        process.stdout.write(`${formatDescription(describeProject(project))}\n`);
        process.stdout.write(
          '\nPlanDesk core is ready. The map window is not part of this build yet: open the project in QGIS ' +
            `(it is a SpatiaLite file) or inspect it with "plandesk info ${file}".\n`,
        );
      } finally {
        project.close();
      }
    });
}
