import { describe, expect, it } from 'vitest';
import {
  checkAttributes,
  checkValue,
  coerceAttribute,
  fieldOf,
  getLayer,
  type AttributeProblem,
  type FieldDefinition,
} from '../../layers/index.js';

const zoning = getLayer('zoning');

const validZone = {
  zone_code: 'OM-01',
  name: 'Khu ở mới phía Bắc',
  function_code: 'OM',
  land_law_code: 'ODT',
  status: 'planned',
  area_m2: 12500.5,
  max_density_pct: 60,
  max_far: 3.5,
  min_floors: 3,
  max_floors: 7,
  max_height_m: 28,
  setback_m: 3,
  plan_code: 'QHPK-2024-01',
  note: 'Theo QHPK 1/2000 đã phê duyệt',
};

function only(problems: AttributeProblem[]): AttributeProblem {
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

/** Both languages present, different, and naming what they should. */
function expectMessage(problem: AttributeProblem, vi: string[], en: string[]): void {
  expect(problem.message.vi).not.toBe(problem.message.en);
  for (const part of vi) expect(problem.message.vi).toContain(part);
  for (const part of en) expect(problem.message.en).toContain(part);
}

describe('checkAttributes', () => {
  it('passes a valid zone', () => {
    expect(checkAttributes(zoning, validZone)).toEqual([]);
  });

  it('passes a zone with only its required fields', () => {
    const { zone_code, function_code, land_law_code, status } = validZone;
    expect(checkAttributes(zoning, { zone_code, function_code, land_law_code, status })).toEqual([]);
  });

  it('reports a missing required field', () => {
    const { zone_code: _omitted, ...rest } = validZone;
    const problem = only(checkAttributes(zoning, rest));
    expect(problem).toMatchObject({ field: 'zone_code', code: 'required' });
    expectMessage(problem, ['Ký hiệu ô đất', 'zone_code', 'bắt buộc'], ['Plot code', 'zone_code', 'required']);
  });

  it('treats null and blank text as missing', () => {
    const cleared = only(checkAttributes(zoning, { ...validZone, status: null }));
    expect(cleared.code).toBe('required');
    expectMessage(cleared, ['Tình trạng', 'để trống', 'null'], ['Status', 'empty', 'null']);
    expect(only(checkAttributes(zoning, { ...validZone, zone_code: '   ' })).code).toBe('required');
    // Optional fields may be empty.
    expect(checkAttributes(zoning, { ...validZone, name: null, max_far: null, note: '' })).toEqual([]);
  });

  it('reports a wrong type, naming the value', () => {
    const problem = only(checkAttributes(zoning, { ...validZone, max_far: '3,5' }));
    expect(problem).toMatchObject({ field: 'max_far', code: 'type' });
    expectMessage(
      problem,
      ['Hệ số sử dụng đất tối đa', '"3,5"', 'số', 'dấu chấm'],
      ['Maximum floor area ratio', '"3,5"', 'number', 'decimal separator'],
    );
    expect(only(checkAttributes(zoning, { ...validZone, max_far: 'ba' })).message.en).not.toContain('decimal');
  });

  it('reports a fraction in an integer field and text given a number', () => {
    expect(only(checkAttributes(zoning, { ...validZone, max_floors: 7.5 }))).toMatchObject({ field: 'max_floors', code: 'type' });
    expect(only(checkAttributes(zoning, { ...validZone, zone_code: 12 }))).toMatchObject({ field: 'zone_code', code: 'type' });
    expect(only(checkAttributes(zoning, { ...validZone, max_height_m: Number.NaN }))).toMatchObject({ code: 'type' });
    expect(only(checkAttributes(zoning, { ...validZone, setback_m: Infinity }))).toMatchObject({ code: 'type' });
  });

  it('reports an out-of-range number with the allowed range', () => {
    const problem = only(checkAttributes(zoning, { ...validZone, max_density_pct: 120 }));
    expect(problem).toMatchObject({ field: 'max_density_pct', code: 'range' });
    expectMessage(problem, ['Mật độ xây dựng tối đa', '120', '0–100 %'], ['Maximum building coverage', '120', '0–100 %']);
    expect(only(checkAttributes(zoning, { ...validZone, setback_m: -1 }))).toMatchObject({ field: 'setback_m', code: 'range' });
    // Bounds are inclusive.
    expect(checkAttributes(zoning, { ...validZone, max_density_pct: 100, max_far: 0 })).toEqual([]);
  });

  it('reports a code that is not in the list', () => {
    const problem = only(checkAttributes(zoning, { ...validZone, function_code: 'XYZ' }));
    expect(problem).toMatchObject({ field: 'function_code', code: 'code_list' });
    expectMessage(problem, ['Chức năng sử dụng đất', '"XYZ"'], ['Land-use function', '"XYZ"']);
    // Codes compare exactly: the importer's coercion fixes case, the check does not.
    expect(only(checkAttributes(zoning, { ...validZone, land_law_code: 'odt' }))).toMatchObject({ code: 'code_list' });
    // A short list spells out the valid codes.
    const status = only(checkAttributes(zoning, { ...validZone, status: 'built' }));
    expect(status.message.en).toContain('existing, planned, under_construction');
  });

  it('reports an unknown key, naming the layer and the value', () => {
    const problem = only(checkAttributes(zoning, { ...validZone, density: 40 }));
    expect(problem).toMatchObject({ field: 'density', code: 'unknown_field' });
    expectMessage(problem, ['Quy hoạch sử dụng đất', 'density', '40'], ['Planning land-use zones', 'density', '40']);
  });

  it('leaves bookkeeping columns alone', () => {
    const row = { ...validZone, id: 7, uuid: '0190e3c2-0000-7000-8000-000000000000', created_at: '2025-01-01T00:00:00Z' };
    expect(checkAttributes(zoning, row)).toEqual([]);
  });

  it('reports text longer than the field allows', () => {
    const problem = only(checkAttributes(zoning, { ...validZone, zone_code: 'X'.repeat(65) }));
    expect(problem).toMatchObject({ field: 'zone_code', code: 'length' });
    expectMessage(problem, ['65 ký tự', '64'], ['65 characters', '64']);
  });

  it('lists several problems in form order, unknown keys last', () => {
    const problems = checkAttributes(zoning, {
      extra: 1,
      max_far: 25,
      function_code: 'XX',
      land_law_code: 'ODT',
      status: 'existing',
    });
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['zone_code', 'required'],
      ['function_code', 'code_list'],
      ['max_far', 'range'],
      ['extra', 'unknown_field'],
    ]);
  });

  it('in partial mode skips absent required fields but not cleared ones', () => {
    expect(checkAttributes(zoning, { max_far: 4 }, { partial: true })).toEqual([]);
    expect(only(checkAttributes(zoning, { max_far: 40 }, { partial: true })).code).toBe('range');
    expect(only(checkAttributes(zoning, { zone_code: null }, { partial: true }))).toMatchObject({
      field: 'zone_code',
      code: 'required',
    });
    expect(checkAttributes(zoning, { max_far: 4 }).filter((p) => p.code === 'required')).toHaveLength(4);
  });

  it('checks the other layers the same way', () => {
    const pipes = getLayer('drainage_pipes');
    expect(checkAttributes(pipes, { system: 'storm', diameter_mm: 600, material: 'concrete' })).toEqual([]);
    expect(only(checkAttributes(pipes, { system: 'storm', diameter_mm: 50 }))).toMatchObject({ field: 'diameter_mm', code: 'range' });
    const parcels = getLayer('parcels');
    expect(only(checkAttributes(parcels, { sheet_no: 0, parcel_no: 12 }))).toMatchObject({ field: 'sheet_no', code: 'range' });
  });
});

describe('checkValue', () => {
  it('accepts empty values and checks the rest', () => {
    const field = fieldOf('buildings', 'floors');
    expect(checkValue(field, null)).toBeUndefined();
    expect(checkValue(field, 5)).toBeUndefined();
    expect(checkValue(field, 0)?.code).toBe('range');
    expect(checkValue(field, '5')?.code).toBe('type');
  });
});

describe('coerceAttribute', () => {
  const floors = fieldOf('zoning', 'max_floors');
  const far = fieldOf('zoning', 'max_far');
  const landLaw = fieldOf('zoning', 'land_law_code');
  const fn = fieldOf('zoning', 'function_code');
  const sheet = fieldOf('parcels', 'sheet_no');
  const flag: FieldDefinition = { key: 'is_public', label: { vi: 'Công khai', en: 'Public' }, type: 'boolean' };
  const date: FieldDefinition = { key: 'approved_on', label: { vi: 'Ngày phê duyệt', en: 'Approval date' }, type: 'date' };

  it('turns numeric text into numbers', () => {
    expect(coerceAttribute(floors, ' 12 ')).toEqual({ ok: true, value: 12 });
    expect(coerceAttribute(floors, '12.0')).toEqual({ ok: true, value: 12 });
    expect(coerceAttribute(far, '3.25')).toEqual({ ok: true, value: 3.25 });
    expect(coerceAttribute(far, '-0.5')).toEqual({ ok: true, value: -0.5 });
    expect(coerceAttribute(far, 2)).toEqual({ ok: true, value: 2 });
    expect(coerceAttribute(sheet, 7n)).toEqual({ ok: true, value: 7 });
  });

  it('refuses what is not a number of the right kind, in both languages', () => {
    const result = coerceAttribute(floors, '12.5');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ field: 'max_floors', code: 'type' });
    expectMessage(result.problem, ['Tầng cao tối đa', '"12.5"', 'số nguyên'], ['Maximum number of floors', '"12.5"', 'integer']);
    expect(coerceAttribute(far, 'ba').ok).toBe(false);
    expect(coerceAttribute(far, '3,5').ok).toBe(false);
    expect(coerceAttribute(far, true).ok).toBe(false);
    expect(coerceAttribute(far, Number.NaN).ok).toBe(false);
    expect(coerceAttribute(floors, 2.5).ok).toBe(false);
  });

  it('turns blanks into null', () => {
    expect(coerceAttribute(far, '')).toEqual({ ok: true, value: null });
    expect(coerceAttribute(far, undefined)).toEqual({ ok: true, value: null });
    expect(coerceAttribute(landLaw, '  ')).toEqual({ ok: true, value: null });
  });

  it('reads booleans from words and 1/0', () => {
    expect(coerceAttribute(flag, 'true')).toEqual({ ok: true, value: true });
    expect(coerceAttribute(flag, 'FALSE')).toEqual({ ok: true, value: false });
    expect(coerceAttribute(flag, 1)).toEqual({ ok: true, value: true });
    expect(coerceAttribute(flag, 0)).toEqual({ ok: true, value: false });
    expect(coerceAttribute(flag, 'Có')).toEqual({ ok: true, value: true });
    expect(coerceAttribute(flag, 'không')).toEqual({ ok: true, value: false });
    expect(coerceAttribute(flag, 2).ok).toBe(false);
    expect(coerceAttribute(flag, 'maybe').ok).toBe(false);
  });

  it('maps a mis-cased code or a label to the code', () => {
    expect(coerceAttribute(landLaw, 'odt')).toEqual({ ok: true, value: 'ODT' });
    expect(coerceAttribute(landLaw, 'Đất ở tại đô thị')).toEqual({ ok: true, value: 'ODT' });
    // Decomposed (NFD) Vietnamese from old files still matches.
    expect(coerceAttribute(landLaw, 'Đất ở tại đô thị'.normalize('NFD'))).toEqual({ ok: true, value: 'ODT' });
    expect(coerceAttribute(fn, 'new residential')).toEqual({ ok: true, value: 'OM' });
    // Unknown codes pass through for checkValue to report.
    expect(coerceAttribute(landLaw, 'QQQ')).toEqual({ ok: true, value: 'QQQ' });
    expect(checkValue(landLaw, 'QQQ')?.code).toBe('code_list');
  });

  it('turns numbers into text for text fields', () => {
    expect(coerceAttribute(fieldOf('zoning', 'zone_code'), 101)).toEqual({ ok: true, value: '101' });
    expect(coerceAttribute(fieldOf('zoning', 'zone_code'), { a: 1 }).ok).toBe(false);
  });

  it('reads ISO and day-first dates', () => {
    expect(coerceAttribute(date, '2024-03-05')).toEqual({ ok: true, value: '2024-03-05' });
    expect(coerceAttribute(date, '5/3/2024')).toEqual({ ok: true, value: '2024-03-05' });
    expect(coerceAttribute(date, new Date(Date.UTC(2024, 2, 5)))).toEqual({ ok: true, value: '2024-03-05' });
    expect(coerceAttribute(date, '31/02/2024').ok).toBe(false);
    expect(coerceAttribute(date, '2024-13-01').ok).toBe(false);
    expect(checkValue(date, '2024-02-30')?.code).toBe('type');
  });
});
