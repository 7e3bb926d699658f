/**
 * Which files a caller may name in job arguments and `io*` calls. The desktop app and the CLI
 * run on the user's own machine and may name any path (no FileAccess at all); `plandesk serve`
 * gives its browser clients one (gis-core/server/file-policy.ts) limited to its staging folder
 * and an optional `--files-root`.
 */
import type { JobKind } from '../api/contract.js';
import type { JobPaths } from './definition.js';

export interface FileAccess {
  /** Throws FORBIDDEN when `path` may not be read; `what` names it in the message. */
  checkRead(path: string, what: string): void;
  /** Throws FORBIDDEN when `path` may not be written. */
  checkWrite(path: string, what: string): void;
}

/** Checks every path a job declares (JobDefinition.paths). */
export function checkJobPaths(access: FileAccess, kind: JobKind, paths: JobPaths): void {
  for (const path of paths.read) access.checkRead(path, `the ${kind} job's input`);
  for (const path of paths.write) access.checkWrite(path, `the ${kind} job's output`);
}
