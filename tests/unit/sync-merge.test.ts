/** The three-way merge of one feature (sync/engine/merge.ts), case by case. */
import { describe, expect, it } from 'vitest';
import type { GeoJSONGeometry } from '../../layers/types.js';
import { mergeFeature } from '../../sync/engine/merge.js';
import { sameGeometry, type SyncValues } from '../../sync/engine/values.js';

const attributes = ['name', 'diameter_mm', 'geometry'];
const line = (dx = 0): GeoJSONGeometry => ({ type: 'LineString', coordinates: [[569000 + dx, 1156000], [569100, 1156000]] });
const values = (name: string | null, diameter: number | null, geometry: GeoJSONGeometry | null = line()): SyncValues => ({
  properties: { name, diameter_mm: diameter },
  geometry,
});
const base = values('Ống A', 150);

describe('mergeFeature', () => {
  it('nothing changed: nothing to do, the base follows the server', () => {
    expect(mergeFeature({ base, local: base, server: base, attributes })).toEqual({ local: { action: 'none' }, base: 'server', conflicts: [] });
  });

  it('a change on the server only is applied locally', () => {
    const result = mergeFeature({ base, local: base, server: values('Ống B', 150), attributes });
    expect(result.local).toEqual({ action: 'write', values: values('Ống B', 150) });
    expect(result.conflicts).toEqual([]);
  });

  it('a change here only stays (nothing to write, no conflict)', () => {
    const result = mergeFeature({ base, local: values('Ống A', 200), server: base, attributes });
    expect(result).toEqual({ local: { action: 'none' }, base: 'server', conflicts: [] });
  });

  it('different attributes changed on each side merge without a conflict', () => {
    const result = mergeFeature({ base, local: values('Ống A', 200), server: values('Ống B', 150), attributes });
    expect(result.conflicts).toEqual([]);
    expect(result.local).toEqual({ action: 'write', values: values('Ống B', 200) });
  });

  it('the same attribute changed to the same value on both sides is no conflict', () => {
    const result = mergeFeature({ base, local: values('Ống C', 150), server: values('Ống C', 150), attributes });
    expect(result).toEqual({ local: { action: 'none' }, base: 'server', conflicts: [] });
  });

  it('the same attribute changed differently is a conflict; the local value stays, other server changes apply', () => {
    const result = mergeFeature({ base, local: values('Của tôi', 150), server: values('Của họ', 300), attributes });
    expect(result.conflicts).toEqual([{ kind: 'attribute', attribute: 'name', base: 'Ống A', local: 'Của tôi', server: 'Của họ' }]);
    expect(result.local).toEqual({ action: 'write', values: values('Của tôi', 300) });
    expect(result.base).toBe('server');
  });

  it('geometry is one attribute, compared within 1 mm', () => {
    const nearlySame = mergeFeature({ base, local: base, server: values('Ống A', 150, line(0.0004)), attributes });
    expect(nearlySame.local).toEqual({ action: 'none' });
    const moved = mergeFeature({ base, local: values('Ống A', 150, line(0.5)), server: values('Ống A', 150, line(-0.5)), attributes });
    expect(moved.conflicts.map((c) => c.attribute)).toEqual(['geometry']);
    const movedThere = mergeFeature({ base, local: values('Ống B', 150), server: values('Ống A', 150, line(2)), attributes });
    expect(movedThere.conflicts).toEqual([]);
    expect(movedThere.local).toEqual({ action: 'write', values: values('Ống B', 150, line(2)) });
  });

  it('an edit here against a delete on the server is a whole-feature conflict that keeps the base', () => {
    const local = values('Ống A', 200);
    const result = mergeFeature({ base, local, server: null, attributes });
    expect(result).toEqual({ local: { action: 'none' }, base: 'keep', conflicts: [{ kind: 'edit-vs-delete', attribute: null, base, local, server: null }] });
  });

  it('a delete on the server of a feature not edited here deletes it here', () => {
    expect(mergeFeature({ base, local: base, server: null, attributes })).toEqual({ local: { action: 'delete' }, base: 'none', conflicts: [] });
  });

  it('a delete here against an edit on the server is a conflict; the base becomes the server', () => {
    const server = values('Ống A', 250);
    const result = mergeFeature({ base, local: null, server, attributes });
    expect(result).toEqual({ local: { action: 'none' }, base: 'server', conflicts: [{ kind: 'delete-vs-edit', attribute: null, base, local: null, server }] });
  });

  it('a delete here of a feature the server did not edit stands (pushed later)', () => {
    expect(mergeFeature({ base, local: null, server: base, attributes })).toEqual({ local: { action: 'none' }, base: 'server', conflicts: [] });
  });

  it('deleted on both sides: the base is forgotten', () => {
    expect(mergeFeature({ base, local: null, server: null, attributes })).toEqual({ local: { action: 'none' }, base: 'none', conflicts: [] });
  });

  it('a feature new on the server is inserted here', () => {
    const server = values('Mới', 100);
    expect(mergeFeature({ base: null, local: null, server, attributes })).toEqual({ local: { action: 'write', values: server }, base: 'server', conflicts: [] });
  });

  it('a feature new here stays to be pushed', () => {
    expect(mergeFeature({ base: null, local: base, server: null, attributes })).toEqual({ local: { action: 'none' }, base: 'keep', conflicts: [] });
  });

  it('the same uuid inserted on both sides: equal values are no conflict, different ones are', () => {
    expect(mergeFeature({ base: null, local: base, server: values('Ống A', 150, line(0.0002)), attributes }).conflicts).toEqual([]);
    const different = mergeFeature({ base: null, local: base, server: values('Ống A', 180), attributes });
    expect(different.conflicts).toEqual([{ kind: 'attribute', attribute: 'diameter_mm', base: null, local: 150, server: 180 }]);
    expect(different.base).toBe('server');
  });

  it('null and absent values are the same; reals compare within rounding', () => {
    const result = mergeFeature({
      base: values(null, 150),
      local: { properties: { diameter_mm: 150.00000000001 }, geometry: line() },
      server: values(null, 150),
      attributes,
    });
    expect(result).toEqual({ local: { action: 'none' }, base: 'server', conflicts: [] });
  });
});

describe('sameGeometry', () => {
  it('compares types and every coordinate', () => {
    expect(sameGeometry(line(), line(0.00099))).toBe(true);
    expect(sameGeometry(line(), line(0.0011))).toBe(false);
    expect(sameGeometry(line(), { type: 'MultiLineString', coordinates: [line().coordinates as [number, number][]] })).toBe(false);
    expect(sameGeometry(line(), { type: 'LineString', coordinates: [[569000, 1156000]] })).toBe(false);
    expect(sameGeometry(null, null)).toBe(true);
    expect(sameGeometry(line(), null)).toBe(false);
  });
});
