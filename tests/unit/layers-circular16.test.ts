/** The Circular 16/2025 table (layers/standards/circular16-2025.ts) against the PlanDesk layers it maps. */
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers/index.js';
import {
  COMMON_FIELDS,
  DELIVERABLE_LAYERS,
  LAYER_MAPPINGS,
  SUFFIX_GEOMETRY,
  deliverableFor,
  deliverablesOf,
  suffixOf,
} from '../../layers/standards/circular16-2025.js';

describe('Circular 16/2025 planning database table', () => {
  it('maps every PlanDesk layer once, to deliverables of its geometry named by the _A/_L/_P pattern', () => {
    expect(LAYER_MAPPINGS.map((m) => m.layer).sort()).toEqual(LAYERS.map((l) => l.id).sort());
    const fedBy = new Map<string, string>();
    for (const mapping of LAYER_MAPPINGS) {
      const layer = LAYERS.find((l) => l.id === mapping.layer)!;
      for (const name of deliverablesOf(mapping)) {
        expect(name).toMatch(/^[A-Z][A-Za-z0-9]*(_[A-Z][A-Za-z0-9]*)*_[ALP]$/);
        expect(SUFFIX_GEOMETRY[suffixOf(name)], name).toBe(layer.geometryType);
        expect(DELIVERABLE_LAYERS.some((d) => d.name === name), name).toBe(true);
        expect(fedBy.get(name) ?? mapping.layer, `${name} fed by two layers`).toBe(mapping.layer);
        fedBy.set(name, mapping.layer);
      }
    }
    expect([...fedBy.keys()].sort()).toEqual(DELIVERABLE_LAYERS.map((d) => d.name).sort());
  });

  it('every PlanDesk field lands somewhere (a thematic field, tenDoiTuong, ghiChu or maThongTinQH), under a unique name', () => {
    const common = new Set(COMMON_FIELDS.map((c) => c.name));
    for (const mapping of LAYER_MAPPINGS) {
      const layer = LAYERS.find((l) => l.id === mapping.layer)!;
      const used = new Set([...mapping.fields.map((f) => f.from), mapping.tenDoiTuong, mapping.ghiChu, mapping.maThongTinQH].filter(Boolean));
      expect(layer.fields.map((f) => f.key).filter((k) => !used.has(k)), mapping.layer).toEqual([]);
      const names = mapping.fields.map((f) => f.name);
      expect(new Set(names).size, mapping.layer).toBe(names.length);
      for (const name of names) {
        expect(common.has(name)).toBe(false);
        expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
      }
      if (mapping.phanLoai) expect(layer.fields.find((f) => f.key === mapping.phanLoai)?.codeList, mapping.layer).toBeDefined();
    }
  });

  it('routes split layers by their code, unknown and NULL codes to the fallback', () => {
    const red = LAYER_MAPPINGS.find((m) => m.layer === 'red_lines')!;
    expect(deliverableFor(red, { line_type: 'building_line' })).toBe('ChiGioiXayDung_L');
    expect(deliverableFor(red, { line_type: 'red_line' })).toBe('ChiGioiDuongDo_L');
    expect(deliverableFor(red, { line_type: null })).toBe('ChiGioiDuongDo_L');
    const pipes = LAYER_MAPPINGS.find((m) => m.layer === 'drainage_pipes')!;
    expect(deliverableFor(pipes, { system: 'sewer' })).toBe('MangLuoiThoatNuocThai_L');
    expect(COMMON_FIELDS.map((c) => [c.name, c.width])).toEqual([
      ['maThongTinQH', 15],
      ['maHoSoQH', 15],
      ['maDoiTuong', 100],
      ['tenDoiTuong', 100],
      ['phanLoai', 250],
      ['ghiChu', 250],
    ]);
  });
});
