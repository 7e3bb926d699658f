/**
 * Columns the project store adds to every layer table. They are not attributes: no layer field
 * may use these keys, and attribute checks leave them alone.
 */
export const BOOKKEEPING_COLUMNS: readonly string[] = [
  'id',
  'uuid',
  'geom',
  'created_at',
  'updated_at',
  'updated_by',
  'extra_attributes',
];

export function isBookkeepingColumn(key: string): boolean {
  return BOOKKEEPING_COLUMNS.includes(key);
}
