/**
 * The three-way merge of one feature (pure): its base (the server's values as last synced),
 * the local values now, and the server's values now; `null` means "no such feature" on that
 * side (never synced / deleted here / deleted or absent on the server). Per attribute: a change
 * on one side applies; the same change on both is no conflict; different changes on both are a
 * conflict (the local value stays until it is resolved). An edit against a delete, either way,
 * is a whole-feature conflict.
 */
import type { SyncConflictKind } from '../api-types.js';
import { sameValue, sameValues, valueOf, withValue, type SyncValues } from './values.js';

export interface MergeConflict {
  readonly kind: SyncConflictKind;
  /** null for a whole-feature conflict. */
  readonly attribute: string | null;
  readonly base: unknown;
  readonly local: unknown;
  readonly server: unknown;
}

export type LocalAction =
  /** The local feature stays as it is. */
  | { readonly action: 'none' }
  /** Write these values (insert when there is no local feature, update otherwise). */
  | { readonly action: 'write'; readonly values: SyncValues }
  | { readonly action: 'delete' };

export interface MergeResult {
  readonly local: LocalAction;
  /** What the base becomes: the server's values, none (forget it), or unchanged. */
  readonly base: 'server' | 'none' | 'keep';
  readonly conflicts: readonly MergeConflict[];
}

export interface MergeInput {
  readonly base: SyncValues | null;
  readonly local: SyncValues | null;
  readonly server: SyncValues | null;
  /** The attributes merged ('geometry' included). */
  readonly attributes: readonly string[];
}

const NOTHING: LocalAction = { action: 'none' };

/** Merges attribute by attribute; the local side exists on both ends. */
function mergeAttributes(base: SyncValues | null, local: SyncValues, server: SyncValues, attributes: readonly string[]): MergeResult {
  let merged = local;
  let changed = false;
  const conflicts: MergeConflict[] = [];
  for (const attribute of attributes) {
    const l = valueOf(local, attribute);
    const s = valueOf(server, attribute);
    if (sameValue(attribute, l, s)) continue;
    // Without a base (the same uuid inserted on both sides) any difference is a conflict.
    const b = base ? valueOf(base, attribute) : undefined;
    if (base && sameValue(attribute, l, b)) {
      merged = withValue(merged, attribute, s);
      changed = true;
    } else if (base && sameValue(attribute, s, b)) {
      continue;
    } else {
      conflicts.push({ kind: 'attribute', attribute, base: base ? b : null, local: l, server: s });
    }
  }
  return { local: changed ? { action: 'write', values: merged } : NOTHING, base: 'server', conflicts };
}

export function mergeFeature({ base, local, server, attributes }: MergeInput): MergeResult {
  if (base === null) {
    if (server === null) return { local: NOTHING, base: 'keep', conflicts: [] }; // a local insert (or nothing)
    if (local === null) return { local: { action: 'write', values: server }, base: 'server', conflicts: [] }; // a server insert
    return mergeAttributes(null, local, server, attributes);
  }
  if (local === null && server === null) return { local: NOTHING, base: 'none', conflicts: [] }; // deleted on both sides
  if (local === null) {
    // Deleted here: the delete stands if the server did not edit the feature meanwhile.
    if (sameValues(attributes, base, server!)) return { local: NOTHING, base: 'server', conflicts: [] };
    return { local: NOTHING, base: 'server', conflicts: [{ kind: 'delete-vs-edit', attribute: null, base, local: null, server }] };
  }
  if (server === null) {
    // Deleted on the server: follow it if the feature was not edited here.
    if (sameValues(attributes, base, local)) return { local: { action: 'delete' }, base: 'none', conflicts: [] };
    return { local: NOTHING, base: 'keep', conflicts: [{ kind: 'edit-vs-delete', attribute: null, base, local, server: null }] };
  }
  return mergeAttributes(base, local, server, attributes);
}
