import { describe, expect, it } from 'vitest';
import {
  BOOKKEEPING_COLUMNS,
  CODE_LISTS,
  LAND_LAW_CODES,
  LAYERS,
  LAYER_GROUPS,
  PLANNING_FUNCTIONS,
  STATUS,
  fieldOf,
  findField,
  getLayer,
  isLayerId,
  type CodeList,
  type Label,
  type LayerDefinition,
  type LayerStyle,
  type Symbol as LayerSymbol,
} from '../../layers/index.js';

const LAYER_IDS = [
  'zoning',
  'parcels',
  'buildings',
  'roads',
  'red_lines',
  'drainage_pipes',
  'drainage_manholes',
  'water_mains',
  'water_valves',
  'water_hydrants',
  'water_meters',
  'lighting_poles',
  'lighting_cabinets',
];

// Field keys other parts of PlanDesk code against: renaming one must fail here.
const FIELD_KEYS: Record<string, string[]> = {
  zoning: [
    'zone_code', 'name', 'function_code', 'land_law_code', 'status', 'area_m2', 'max_density_pct', 'max_far',
    'min_floors', 'max_floors', 'max_height_m', 'setback_m', 'plan_code', 'note',
  ],
  parcels: ['sheet_no', 'parcel_no', 'address', 'ward', 'area_m2', 'land_law_code', 'note'],
  buildings: ['name', 'use_code', 'floors', 'height_m', 'status', 'address'],
  roads: ['name', 'road_class', 'red_line_width_m', 'carriageway_width_m', 'lanes', 'surface', 'status', 'length_m'],
  red_lines: ['line_type', 'road_name', 'red_line_width_m', 'plan_code', 'status'],
  drainage_pipes: [
    'code', 'system', 'diameter_mm', 'material', 'upstream_invert_m', 'downstream_invert_m', 'length_m', 'slope_pct',
    'upstream_manhole', 'downstream_manhole', 'status', 'year',
  ],
  drainage_manholes: ['code', 'kind', 'system', 'rim_level_m', 'invert_level_m', 'depth_m', 'status'],
  water_mains: ['code', 'diameter_mm', 'material', 'pressure_zone', 'year', 'length_m', 'status'],
  water_valves: ['code', 'valve_type', 'diameter_mm', 'normal_state', 'status'],
  water_hydrants: ['code', 'hydrant_type', 'diameter_mm', 'status'],
  water_meters: ['meter_no', 'account_no', 'diameter_mm', 'address', 'install_year', 'status'],
  lighting_poles: ['code', 'lamp_type', 'wattage_w', 'height_m', 'cabinet_code', 'circuit', 'arm_count', 'status'],
  lighting_cabinets: ['code', 'name', 'circuit_count', 'max_circuit_length_m', 'power_kva', 'status'],
};

const REQUIRED: Record<string, string[]> = {
  zoning: ['zone_code', 'function_code', 'land_law_code', 'status'],
  parcels: ['sheet_no', 'parcel_no'],
  buildings: ['use_code', 'floors', 'status'],
  roads: ['name', 'road_class', 'red_line_width_m'],
  red_lines: ['line_type'],
  drainage_pipes: ['system', 'diameter_mm'],
  drainage_manholes: ['kind', 'rim_level_m', 'invert_level_m'],
  water_mains: ['diameter_mm'],
  water_valves: [],
  water_hydrants: [],
  water_meters: [],
  lighting_poles: [],
  lighting_cabinets: ['code'],
};

const DERIVED: Record<string, string[]> = {
  zoning: ['area_m2'],
  roads: ['length_m'],
  drainage_pipes: ['length_m', 'slope_pct'],
  drainage_manholes: ['depth_m'],
  water_mains: ['length_m'],
};

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const RGB = /^#[0-9a-f]{6}$/i;
const RGB_OR_RGBA = /^#[0-9a-f]{6}([0-9a-f]{2})?$/i;

function allLabels(): Array<[string, Label]> {
  const out: Array<[string, Label]> = [];
  for (const group of LAYER_GROUPS) out.push([`group ${group.id}`, group.label]);
  const lists = new Set<CodeList>(CODE_LISTS);
  for (const layer of LAYERS) {
    out.push([`layer ${layer.id}`, layer.label]);
    for (const field of layer.fields) {
      out.push([`${layer.id}.${field.key}`, field.label]);
      if (field.description) out.push([`${layer.id}.${field.key} description`, field.description]);
      if (field.codeList) lists.add(field.codeList);
    }
  }
  for (const list of lists) {
    out.push([`code list ${list.id}`, list.label]);
    for (const entry of list.entries) out.push([`code list ${list.id} ${entry.code}`, entry.label]);
  }
  return out;
}

function symbolColors(symbol: LayerSymbol): string[] {
  return [
    symbol.fill?.color,
    symbol.stroke?.color,
    symbol.point?.fill?.color,
    symbol.point?.stroke?.color,
  ].filter((c): c is string => c !== undefined);
}

function styleSymbols(style: LayerStyle): LayerSymbol[] {
  return style.kind === 'single' ? [style.symbol] : [style.base, style.fallback];
}

describe('layer registry', () => {
  it('holds the 13 layers, each id once', () => {
    const ids = LAYERS.map((l) => l.id);
    expect(ids).toHaveLength(13);
    expect(new Set(ids).size).toBe(13);
    expect([...ids].sort()).toEqual([...LAYER_IDS].sort());
  });

  it('finds layers by id and refuses unknown ids, naming them', () => {
    for (const id of LAYER_IDS) expect(getLayer(id).id).toBe(id);
    expect(() => getLayer('zonning')).toThrowError(/"zonning"/);
    expect(() => getLayer('zonning')).toThrowError(/zoning, parcels/);
    expect(isLayerId('water_mains')).toBe(true);
    expect(isLayerId('water_main')).toBe(false);
    expect(isLayerId(42)).toBe(false);
    expect(isLayerId(undefined)).toBe(false);
  });

  it('looks fields up by key', () => {
    expect(fieldOf('zoning', 'max_far').type).toBe('real');
    expect(fieldOf(getLayer('roads'), 'red_line_width_m').required).toBe(true);
    expect(findField('zoning', 'nope')).toBeUndefined();
    expect(() => fieldOf('zoning', 'nope')).toThrowError(/zoning.*nope.*zone_code/);
  });

  it('has six groups in panel order, and every layer in one of them, grouped in that order', () => {
    expect(LAYER_GROUPS.map((g) => g.id)).toEqual(['planning', 'cadastre', 'transport', 'drainage', 'water', 'lighting']);
    expect(LAYER_GROUPS.map((g) => g.order)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(LAYER_GROUPS.find((g) => g.id === 'cadastre')?.label.vi).toBe('Địa chính – Công trình');
    const orderOf = new Map(LAYER_GROUPS.map((g) => [g.id, g.order]));
    const orders = LAYERS.map((l) => orderOf.get(l.group));
    expect(orders.every((o) => o !== undefined)).toBe(true);
    expect(orders).toEqual([...orders].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });

  it('declares the geometry type each layer holds', () => {
    const types = Object.fromEntries(LAYERS.map((l) => [l.id, l.geometryType]));
    expect(types).toMatchObject({
      zoning: 'Polygon',
      parcels: 'Polygon',
      buildings: 'Polygon',
      roads: 'LineString',
      red_lines: 'LineString',
      drainage_pipes: 'LineString',
      drainage_manholes: 'Point',
      water_mains: 'LineString',
      water_valves: 'Point',
      water_hydrants: 'Point',
      water_meters: 'Point',
      lighting_poles: 'Point',
      lighting_cabinets: 'Point',
    });
  });
});

describe('fields', () => {
  it.each(LAYER_IDS)('%s has the agreed field keys, required and derived fields', (id) => {
    const layer = getLayer(id);
    expect(layer.fields.map((f) => f.key)).toEqual(FIELD_KEYS[id]);
    expect(layer.fields.filter((f) => f.required).map((f) => f.key)).toEqual(REQUIRED[id]);
    expect(layer.fields.filter((f) => f.derived).map((f) => f.key)).toEqual(DERIVED[id] ?? []);
  });

  it.each(LAYER_IDS)('%s: keys are unique snake_case and clear of bookkeeping columns', (id) => {
    const keys = getLayer(id).fields.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      expect(key, key).toMatch(SNAKE_CASE);
      expect(BOOKKEEPING_COLUMNS, key).not.toContain(key);
    }
  });

  it('keeps limits consistent with types', () => {
    for (const layer of LAYERS) {
      for (const field of layer.fields) {
        const where = `${layer.id}.${field.key}`;
        const numeric = field.type === 'integer' || field.type === 'real';
        if (!numeric) {
          expect(field.min, where).toBeUndefined();
          expect(field.max, where).toBeUndefined();
        }
        if (field.min !== undefined && field.max !== undefined) expect(field.min, where).toBeLessThan(field.max);
        if (field.maxLength !== undefined) {
          expect(field.type, where).toBe('text');
          expect(field.maxLength, where).toBeGreaterThan(0);
        }
        if (field.codeList) expect(field.type, where).toBe('text');
        if (field.derived) expect(field.required, where).toBeFalsy();
        if (field.unit !== undefined) expect(field.unit.trim(), where).not.toBe('');
      }
    }
  });

  it('encodes the planning controls of a zone', () => {
    expect(fieldOf('zoning', 'max_density_pct')).toMatchObject({ type: 'real', min: 0, max: 100, unit: '%' });
    expect(fieldOf('zoning', 'max_far')).toMatchObject({ type: 'real', min: 0, max: 20 });
    expect(fieldOf('zoning', 'min_floors')).toMatchObject({ type: 'integer', min: 0 });
    expect(fieldOf('zoning', 'setback_m')).toMatchObject({ type: 'real', min: 0 });
    expect(fieldOf('zoning', 'function_code').codeList).toBe(PLANNING_FUNCTIONS);
    expect(fieldOf('zoning', 'land_law_code').codeList).toBe(LAND_LAW_CODES);
    expect(fieldOf('buildings', 'floors')).toMatchObject({ type: 'integer', min: 1, max: 100 });
    expect(fieldOf('drainage_pipes', 'diameter_mm')).toMatchObject({ type: 'integer', min: 100, max: 3000 });
    expect(fieldOf('water_mains', 'diameter_mm')).toMatchObject({ type: 'integer', min: 20, max: 2000 });
    expect(fieldOf('drainage_pipes', 'slope_pct').unit).toBe('%');
  });

  it('uses the one shared status list everywhere', () => {
    // Cadastral parcels are records, not works: they have no status.
    const withStatus = LAYERS.filter((layer) => findField(layer, 'status'));
    expect(withStatus.map((l) => l.id)).toEqual(LAYER_IDS.filter((id) => id !== 'parcels'));
    for (const layer of withStatus) expect(findField(layer, 'status')?.codeList, layer.id).toBe(STATUS);
    expect(STATUS.entries.map((e) => e.code)).toEqual(['existing', 'planned', 'under_construction']);
  });
});

describe('labels', () => {
  it('gives every layer, field, group, code list and entry a Vietnamese and an English text', () => {
    const labels = allLabels();
    expect(labels.length).toBeGreaterThan(200);
    for (const [where, label] of labels) {
      expect(label.vi.trim(), where).not.toBe('');
      expect(label.en.trim(), where).not.toBe('');
    }
  });

  it('writes Vietnamese in NFC, with its diacritics', () => {
    for (const [where, label] of allLabels()) expect(label.vi, where).toBe(label.vi.normalize('NFC'));
    expect(getLayer('zoning').label.vi).toBe('Quy hoạch sử dụng đất');
    expect(fieldOf('parcels', 'sheet_no').label.vi).toBe('Số tờ bản đồ');
    expect(fieldOf('roads', 'red_line_width_m').label.vi).toBe('Lộ giới');
  });
});

describe('code lists', () => {
  const lists = new Set<CodeList>(CODE_LISTS);
  for (const layer of LAYERS) for (const field of layer.fields) if (field.codeList) lists.add(field.codeList);

  it('registers every list a field uses in CODE_LISTS, with unique ids', () => {
    expect(lists.size).toBe(CODE_LISTS.length);
    expect(new Set(CODE_LISTS.map((l) => l.id)).size).toBe(CODE_LISTS.length);
  });

  it.each([...lists].map((l) => [l.id, l] as const))('%s: unique codes, #rrggbb colours', (_id, list) => {
    const codes = list.entries.map((e) => e.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of list.entries) {
      expect(entry.code.trim(), list.id).toBe(entry.code);
      expect(entry.code, list.id).not.toBe('');
      if (entry.color !== undefined) expect(entry.color, `${list.id} ${entry.code}`).toMatch(RGB);
    }
  });

  it('holds the land-law codes of land-use plans with their standard colours', () => {
    const codes = LAND_LAW_CODES.entries.map((e) => e.code);
    for (const code of [
      'ODT', 'ONT', 'TMD', 'SKC', 'SKK', 'DGT', 'DTL', 'DNL', 'DVH', 'DYT', 'DGD', 'DTT', 'DKH', 'DXH', 'DCH', 'DDT',
      'DSH', 'DKV', 'DBV', 'DTS', 'CQP', 'CAN', 'TON', 'TIN', 'NTD', 'SON', 'MNC', 'CLN', 'LUA', 'LUC', 'LUK', 'HNK',
      'RSX', 'RPH', 'RDD', 'NTS', 'NKH', 'BCS', 'PNK', 'TSC',
    ]) {
      expect(codes, code).toContain(code);
    }
    expect(LAND_LAW_CODES.entries.every((e) => e.color !== undefined)).toBe(true);
    const color = (code: string) => LAND_LAW_CODES.entries.find((e) => e.code === code)?.color;
    expect(color('ODT')).toBe('#ffa0ff');
    expect(color('DGT')).toBe('#ffaa32');
    expect(color('CLN')).toBe('#ffd2a0');
    expect(LAND_LAW_CODES.entries.find((e) => e.code === 'ODT')?.label.vi).toBe('Đất ở tại đô thị');
  });

  it('holds the planning functions of urban plans, each with a distinct colour', () => {
    const entries = PLANNING_FUNCTIONS.entries;
    expect(entries.length).toBeGreaterThanOrEqual(20);
    expect(entries.every((e) => e.color !== undefined)).toBe(true);
    expect(new Set(entries.map((e) => e.color)).size).toBe(entries.length);
    expect(entries.map((e) => e.code)).toEqual(expect.arrayContaining(['OHT', 'OM', 'HH', 'CC', 'GD', 'YT', 'CX', 'GT', 'MN']));
  });
});

describe('default styles', () => {
  it.each(LAYERS.map((l) => [l.id, l] as const))('%s: references real fields and valid colours', (_id, layer: LayerDefinition) => {
    const style = layer.style;
    if (style.kind === 'categorized') {
      const field = findField(layer, style.field);
      expect(field, style.field).toBeDefined();
      expect(field?.codeList, `${style.field} has no code list`).toBeDefined();
    }
    if (style.label) {
      expect(findField(layer, style.label.field), style.label.field).toBeDefined();
      expect(style.label.maxResolution).toBeGreaterThan(0);
      expect(style.label.color).toMatch(RGB_OR_RGBA);
      expect(style.label.haloColor).toMatch(RGB_OR_RGBA);
      expect(style.label.placement).toBe(layer.geometryType === 'LineString' ? 'line' : 'point');
    }
    for (const symbol of styleSymbols(style)) {
      for (const color of symbolColors(symbol)) expect(color).toMatch(RGB_OR_RGBA);
      // Points need a point symbol, lines a stroke, polygons a fill or an outline.
      if (layer.geometryType === 'Point') expect(symbol.point).toBeDefined();
      if (layer.geometryType === 'LineString') expect(symbol.stroke).toBeDefined();
      if (layer.geometryType === 'Polygon') expect(symbol.fill ?? symbol.stroke).toBeDefined();
    }
    // Rules: one code each per layer (tests/unit/rules-*.test.ts check what they find).
    expect(new Set(layer.rules.map((r) => r.code)).size).toBe(layer.rules.length);
  });

  it('colours zoning by planning function and labels plots when zoomed in', () => {
    const style = getLayer('zoning').style;
    expect(style.kind).toBe('categorized');
    if (style.kind !== 'categorized') return;
    expect(style.field).toBe('function_code');
    expect(style.base.fill?.color).toMatch(/^#[0-9a-f]{6}[0-9a-f]{2}$/i); // semi-opaque
    expect(style.label).toMatchObject({ field: 'zone_code', maxResolution: 2 });
    expect(getLayer('parcels').style.label).toMatchObject({ field: 'parcel_no', maxResolution: 0.5 });
    expect(getLayer('drainage_pipes').style).toMatchObject({ kind: 'categorized', field: 'system' });
    expect(getLayer('red_lines').style).toMatchObject({ kind: 'categorized', base: { stroke: { color: '#e00000' } } });
  });
});
