/** The rule engine over features in memory: which rules run, options, report order and counts, the context, the index. */
import { describe, expect, it } from 'vitest';
import { planRun, validateFeatures } from '../../gis-core/validate/engine.js';
import { MemoryContext } from '../../gis-core/validate/memory-context.js';
import { formatReport } from '../../gis-core/validate/report.js';
import { GridIndex, PackedGrid } from '../../gis-core/validate/spatial-index.js';
import { LAYERS } from '../../layers/index.js';
import { seededRandom } from '../../bench/lib/stats.js';
import { feature, point, polygon, rect } from '../helpers/rule-features.js';

const bowtie = () => feature({}, polygon([[0, 0], [10, 20], [10, 0], [0, 20]]));

describe('the layers’ rules', () => {
  it('gives every layer rules, each with a code, a severity and a title in both languages', () => {
    for (const layer of LAYERS) {
      expect(layer.rules.length, layer.id).toBeGreaterThan(0);
      for (const rule of layer.rules) {
        expect(rule.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
        expect(['error', 'warning', 'info']).toContain(rule.severity);
        expect(rule.title.vi.length).toBeGreaterThan(0);
        expect(rule.title.en.length).toBeGreaterThan(0);
        for (const read of rule.reads ?? []) expect(LAYERS.map((l) => l.id)).toContain(read);
      }
      expect(new Set(layer.rules.map((r) => r.code)).size, layer.id).toBe(layer.rules.length);
    }
  });
});

describe('planRun', () => {
  const all = LAYERS.map((l) => l.id);

  it('loads the layers the chosen rules check and read', () => {
    const plan = planRun(all, { rules: ['BUILDING_COVERAGE_MAX'] });
    expect([...plan.rules.keys()]).toEqual(['buildings']);
    expect(plan.load).toEqual(['zoning', 'parcels', 'buildings']);
    expect(plan.infos).toEqual([expect.objectContaining({ code: 'BUILDING_COVERAGE_MAX', layerId: 'buildings', severity: 'error' })]);
  });

  it('runs the rules of the layers asked for, and skips layers the project lacks', () => {
    const plan = planRun(['parcels', 'buildings'], { layers: ['buildings'] });
    expect([...plan.rules.keys()]).toEqual(['buildings']);
    expect(plan.load).toEqual(['parcels', 'buildings']);
  });

  it('refuses unknown layers and rules, naming what there is', () => {
    expect(() => planRun(all, { layers: ['streets' as never] })).toThrow(/No layer "streets"/);
    expect(() => planRun(['parcels'], { layers: ['zoning'] })).toThrow(/project has no layer "zoning"/);
    expect(() => planRun(all, { rules: ['NO_SUCH_RULE'] })).toThrow(/No rule "NO_SUCH_RULE" \(rules: .*ZONING_DENSITY_MAX/);
  });
});

describe('validateFeatures', () => {
  it('reports errors first, counts them, and says how many features it checked', () => {
    const bad = bowtie();
    const parcel = feature({ sheet_no: 1, parcel_no: 1, area_m2: 500 }, rect(20, 0, 30, 20));
    const progress: [number, number][] = [];
    const report = validateFeatures({ parcels: [parcel, bad] }, {}, (done, total) => progress.push([done, total]));
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['INVALID_POLYGON', 'error'],
      ['PARCEL_AREA_MISMATCH', 'warning'],
    ]);
    expect(report.counts).toEqual({ error: 1, warning: 1, info: 0 });
    expect(report.checkedFeatures).toBe(2);
    expect(report.findings[0]?.bbox).toEqual([0, 0, 10, 20]);
    expect(progress.at(-1)).toEqual([2, 2]);
    expect(Date.parse(report.checkedAt)).not.toBeNaN();
  });

  it('checks only the features whose box meets options.bbox', () => {
    const near = bowtie();
    const far = feature({}, polygon([[100, 0], [110, 20], [110, 0], [100, 20]]));
    const report = validateFeatures({ parcels: [near, far] }, { bbox: [90, -5, 120, 5] });
    expect(report.findings.map((f) => f.uuid)).toEqual([far.uuid]);
    expect(report.checkedFeatures).toBe(1);
  });

  it('prints a report Vietnamese first, with counts by rule and a summary', () => {
    const report = validateFeatures({ parcels: [bowtie()] });
    const text = formatReport(report, 1.25);
    expect(text).toContain('INVALID_POLYGON  lỗi/error  parcels ');
    expect(text).toContain('    Ranh giới ngoài tự cắt (cạnh 1 cắt cạnh 3)');
    expect(text).toMatch(/Đã kiểm tra 1 đối tượng theo \d+ quy tắc trong 1,3 s: 1 lỗi, 0 cảnh báo, 0 thông tin\./);
    expect(text).toMatch(/Checked 1 features against \d+ rules in 1.3 s: 1 errors, 0 warnings, 0 info\./);
  });
});

describe('MemoryContext', () => {
  it('answers by box, by uuid, by attribute values (numbers match their text) and memoises', () => {
    const a = feature({ code: 'TCS-001', n: 7 }, point(0, 0));
    const b = feature({ code: 'TCS-002', n: '7' }, point(50, 50));
    const ctx = new MemoryContext({ lighting_cabinets: [a, b] });
    expect(ctx.featuresIn('lighting_cabinets', [-1, -1, 1, 1])).toEqual([a]);
    expect(ctx.featuresIn('lighting_poles', [-1, -1, 1, 1])).toEqual([]);
    expect(ctx.feature('lighting_cabinets', b.uuid)).toBe(b);
    expect(ctx.featuresWhere('lighting_cabinets', { code: 'TCS-002' })).toEqual([b]);
    expect(ctx.featuresWhere('lighting_cabinets', { n: 7 })).toEqual([a, b]);
    expect(ctx.featuresWhere('lighting_cabinets', { n: 7, code: 'TCS-001' })).toEqual([a]);
    let calls = 0;
    expect(ctx.memo('k', a, () => ++calls)).toBe(1);
    expect(ctx.memo('k', a, () => ++calls)).toBe(1);
    expect(ctx.memo('k', b, () => ++calls)).toBe(2);
  });
});

describe('PackedGrid', () => {
  it('finds exactly the boxes a brute-force scan finds, big ones included', () => {
    const random = seededRandom(7);
    const n = 3000;
    const boxes = new Float64Array(n * 4);
    for (let i = 0; i < n; i++) {
      const x = random() * 1000;
      const y = random() * 1000;
      const size = i % 500 === 0 ? 800 : random() * 20;
      boxes.set([x, y, x + size, y + random() * 20], i * 4);
    }
    const grid = new PackedGrid(boxes, n);
    for (let q = 0; q < 200; q++) {
      const x = random() * 1000;
      const y = random() * 1000;
      const box = [x, y, x + random() * 100, y + random() * 100];
      const expected: number[] = [];
      for (let i = 0; i < n; i++) {
        if (boxes[i * 4]! <= box[2]! && boxes[i * 4 + 2]! >= box[0]! && boxes[i * 4 + 1]! <= box[3]! && boxes[i * 4 + 3]! >= box[1]!) expected.push(i);
      }
      expect(grid.search(box).sort((a, b) => a - b)).toEqual(expected);
    }
  });

  it('GridIndex: items added one by one, found in insertion order', () => {
    const index = new GridIndex<string>(10);
    index.insert([0, 0, 5, 5], 'a');
    index.insert([20, 20, 25, 25], 'b');
    expect(index.query([4, 4, 21, 21])).toEqual(['a', 'b']);
    index.insert([3, 3, 4, 4], 'c');
    expect(index.query([0, 0, 10, 10])).toEqual(['a', 'c']);
  });
});
