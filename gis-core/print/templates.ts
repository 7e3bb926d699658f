/**
 * Print templates saved in the project file: one JSON list under the `print_templates` key of
 * plandesk_project (no schema change), sorted by name; saving a name again replaces it.
 */
import { PlanDeskError } from '../errors.js';
import type { Project } from '../store/project.js';
import type { PrintTemplate } from './layout.js';
import { checkLayout, checkTemplateName } from './layout-check.js';

export const TEMPLATES_KEY = 'print_templates';

export function listTemplates(project: Project): PrintTemplate[] {
  const raw = project.getMetadata(TEMPLATES_KEY);
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new PlanDeskError('FILE_CORRUPT', `the project's print templates (${TEMPLATES_KEY}) are not valid JSON`);
  }
  if (!Array.isArray(parsed)) return [];
  // A template that no longer checks (an older layout form) is skipped rather than failing the list.
  const out: PrintTemplate[] = [];
  for (const entry of parsed as { name?: unknown; layout?: unknown }[]) {
    try {
      out.push({ name: checkTemplateName(entry.name), layout: checkLayout(entry.layout) });
    } catch {
      continue;
    }
  }
  return out;
}

export function getTemplate(project: Project, name: string): PrintTemplate {
  const found = listTemplates(project).find((t) => t.name === name);
  if (!found) {
    const names = listTemplates(project).map((t) => t.name);
    throw new PlanDeskError('INVALID_ARGUMENT', `no print template "${name}" in this project${names.length ? ` (templates: ${names.join(', ')})` : ''}`);
  }
  return found;
}

function write(project: Project, templates: readonly PrintTemplate[]): void {
  project.setMetadata(TEMPLATES_KEY, JSON.stringify([...templates].sort((a, b) => a.name.localeCompare(b.name, 'vi'))));
}

/** Saves (or replaces) a template; answers the list after saving. */
export function saveTemplate(project: Project, template: unknown): PrintTemplate[] {
  if (typeof template !== 'object' || template === null) throw new PlanDeskError('INVALID_ARGUMENT', 'a print template is { name, layout }');
  const t = template as { name?: unknown; layout?: unknown };
  const checked: PrintTemplate = { name: checkTemplateName(t.name), layout: checkLayout(t.layout) };
  write(project, [...listTemplates(project).filter((x) => x.name !== checked.name), checked]);
  return listTemplates(project);
}

/** Deletes a template by name (NOT_FOUND when there is none); answers the list after deleting. */
export function deleteTemplate(project: Project, name: string): PrintTemplate[] {
  const all = listTemplates(project);
  if (!all.some((t) => t.name === name)) getTemplate(project, name);
  write(project, all.filter((t) => t.name !== name));
  return listTemplates(project);
}
