/** Undoing an import from the wizard: only while it is still the newest applied edit (undo reverts the newest batch). */
import type { EditResult, PlanDeskApi } from '../../../gis-core/api/contract.js';

export class NotLastEditError extends Error {
  override readonly name = 'NotLastEditError';
}

export async function undoImport(api: PlanDeskApi, batchId: number): Promise<EditResult> {
  const history = await api.editHistory({ limit: 50 });
  const newest = history.entries.find((e) => (e.kind === 'edit' || e.kind === 'external') && e.state === 'applied');
  if (newest?.batchId !== batchId) throw new NotLastEditError(`batch ${batchId} is not the newest edit`);
  return api.editUndo();
}
