/**
 * The Circular 16/2025 planning database (`plandesk export --format planning-gpkg`), read back
 * with real GDAL: ogrinfo for the layers (names, geometry types, counts, field names and
 * widths), ogr2ogr to GeoJSON for the values (Vietnamese text, codes, numbers, maDoiTuong).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeDemoProject } from '../../gis-core/demo/write.js';
import { isPlanDeskError } from '../../gis-core/errors.js';
import { exportJob } from '../../gis-core/io/job.js';
import { exportPlanningDatabase } from '../../gis-core/io/planning-export.js';
import { parseOgrinfo } from '../../gis-core/io/source-reader.js';
import { Project } from '../../gis-core/store/project.js';
import { COMMON_FIELDS, LAYER_MAPPINGS, UUID_FIELD, deliverablesOf } from '../../layers/standards/circular16-2025.js';
import { tempDir } from '../helpers/temp.js';
import { cli } from '../helpers/run-cli.js';

const dir = tempDir('plandesk-io-planning-');


afterEach(() => vi.restoreAllMocks());

function ogrinfo(file: string): string {
  return execFileSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
}

/** Field name → "String (15.0)" etc., per layer, as ogrinfo prints them. */
function fieldDeclarations(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const block of text.split(/^Layer name: /m).slice(1)) {
    const [name, ...lines] = block.split('\n');
    const fields = new Map<string, string>();
    for (const line of lines) {
      const m = /^(\w+): (String|Integer|Integer64|Real|Date) \((\d+)\.\d+\)$/.exec(line);
      if (m) fields.set(m[1]!, m[2] === 'String' ? `String(${m[3]})` : m[2]!);
    }
    out.set(name!.trim(), fields);
  }
  return out;
}

/** The features of one layer of the GeoPackage, read by GDAL. */
function readLayer(file: string, layer: string): { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[] {
  const json = execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', file, layer], { encoding: 'utf8', maxBuffer: 256 * 1024 ** 2 });
  return (JSON.parse(json) as { features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[] }).features;
}

const OGR_GEOMETRY = { A: 'Polygon', L: 'Line String', P: 'Point' } as const;

describe('planning database of the demo city', () => {
  let file: string;
  beforeAll(() => {
    file = join(dir, 'demo.plandesk.sqlite');
    writeDemoProject(file, { scale: 'small', seed: 2025 });
  }, 300_000);

  it('plandesk export --format planning-gpkg writes _A/_L/_P layers with the project counts and the appendix fields', async () => {
    const out = join(dir, 'QuyHoach.gpkg');
    const run = await cli(['export', file, '--format', 'planning-gpkg', '--out', out, '--ma-ho-so-qh', '82QHC0010001', '--ma-thong-tin-qh', '822511012345']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/ChiGioiDuongDo_L/);

    const text = ogrinfo(out);
    const layers = parseOgrinfo(text);
    const declared = fieldDeclarations(text);
    const project = Project.open(file, { readonly: true });
    try {
      for (const mapping of LAYER_MAPPINGS) {
        const names = deliverablesOf(mapping);
        const written = layers.filter((l) => names.includes(l.name));
        // Every feature of the PlanDesk layer is in exactly its deliverable layers.
        expect(written.reduce((n, l) => n + l.featureCount, 0), mapping.layer).toBe(project.count(mapping.layer));
        const layer = project.layer(mapping.layer);
        for (const l of written) {
          expect(l.name).toMatch(/^[A-Z][A-Za-z0-9]*(_[A-Z][A-Za-z0-9]*)*_[ALP]$/);
          expect(l.geometryType).toBe(OGR_GEOMETRY[l.name.slice(-1) as 'A' | 'L' | 'P']);
          expect(l.featureCount).toBeGreaterThan(0);
          const fields = declared.get(l.name)!;
          expect([...fields.keys()]).toEqual([...COMMON_FIELDS.map((c) => c.name), ...mapping.fields.map((f) => f.name), UUID_FIELD]);
          for (const c of COMMON_FIELDS) expect(fields.get(c.name)).toBe(`String(${c.width})`);
          for (const f of mapping.fields) {
            const type = layer.fields.find((x) => x.key === f.from)!.type;
            expect(fields.get(f.name)!.replace(/\(\d+\)/, '')).toBe({ text: 'String', integer: 'Integer', real: 'Real', boolean: 'Integer', date: 'Date' }[type]);
          }
        }
      }
      expect(layers.map((l) => l.name)).toEqual(expect.arrayContaining(['ChucNangSuDungDat_A', 'MangLuoiGiaoThongDuongBo_L', 'ChiGioiDuongDo_L', 'MangLuoiCapNuoc_L', 'CongTrinhChieuSang_P']));

      // The zoning values, feature by feature, through GDAL.
      const zones = new Map(readLayer(out, 'ChucNangSuDungDat_A').map((f) => [f.properties.uuid as string, f.properties]));
      const stored = project.features('zoning');
      expect(zones.size).toBe(stored.length);
      for (const z of stored) {
        const back = zones.get(z.uuid)!;
        expect(back).toMatchObject({
          tenDoiTuong: z.properties.name ?? null,
          kyHieuODat: z.properties.zone_code ?? null,
          maChucNang: z.properties.function_code ?? null,
          maLoaiDat: z.properties.land_law_code ?? null,
          maHoSoQH: '82QHC0010001',
          maThongTinQH: (z.properties.plan_code as string | null) || '822511012345',
        });
        expect(back.matDoXayDungToiDa ?? null).toBe(z.properties.max_density_pct ?? null);
        expect(back.maDoiTuong).toMatch(/^82QHC0010001-ChucNangSuDungDat_A-\d+$/);
      }
    } finally {
      project.close();
    }
  }, 120_000);

  it('--layer exports only those layers; a bad code, an existing file and an unmapped layer are refused', async () => {
    const out = join(dir, 'roads.gpkg');
    const run = await cli(['export', file, '--format', 'planning-gpkg', '--out', out, '--layer', 'roads,red_lines', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out) as { layers: { name: string }[]; warnings: string[] };
    expect(result.layers.map((l) => l.name).sort()).toEqual(parseOgrinfo(ogrinfo(out)).map((l) => l.name).sort());
    expect(parseOgrinfo(ogrinfo(out)).every((l) => ['MangLuoiGiaoThongDuongBo_L', 'ChiGioiDuongDo_L', 'ChiGioiXayDung_L'].includes(l.name))).toBe(true);
    expect(result.warnings.join(' ')).toMatch(/maHoSoQH not given/);

    const again = await cli(['export', file, '--format', 'planning-gpkg', '--out', out, '--layer', 'roads']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/exists/);

    const long = join(dir, 'long.gpkg');
    const bad = await cli(['export', file, '--format', 'planning-gpkg', '--out', long, '--ma-ho-so-qh', '82QHC00100010001']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/maHoSoQH must be 1 to 15 characters/);
    expect(existsSync(long)).toBe(false);

    const single = await cli(['export', file, '--format', 'gpkg', '--out', join(dir, 'two.gpkg'), '--layer', 'roads,zoning']);
    expect(single.code).toBe(1);
    expect(single.err).toMatch(/exactly one --layer/);
  }, 120_000);
});

describe('values and splits through GDAL', () => {
  it('Vietnamese text, quotes, commas and new lines survive; red lines and pipes go to their deliverable by type', async () => {
    const file = join(dir, 'small.plandesk.sqlite');
    const project = Project.create(file, { name: 'Khu đô thị mới', province: 'Đồng Tháp', crsEpsg: 5897 });
    try {
      const line = (x: number) => ({ type: 'LineString' as const, coordinates: [[568000 + x, 1156000], [568100.125 + x, 1156050.5]] });
      project.bulkInsert('red_lines', [
        { properties: { line_type: 'red_line', road_name: 'Đường Nguyễn Huệ', red_line_width_m: 24.5, plan_code: '822511012345', status: 'planned' }, geometry: line(0) },
        { properties: { line_type: 'building_line', road_name: 'Đường "Lê Lợi", đoạn 2', red_line_width_m: 16, status: 'existing' }, geometry: line(10) },
        { properties: { line_type: 'red_line', road_name: null }, geometry: line(20) },
      ]);
      project.bulkInsert('drainage_pipes', [
        { properties: { code: 'C-001', system: 'storm', diameter_mm: 800, material: 'concrete' }, geometry: line(30) },
        { properties: { code: 'T-001', system: 'sewer', diameter_mm: 300 }, geometry: line(40) },
        { properties: { code: 'T-002', system: 'combined', diameter_mm: 600 }, geometry: line(50) },
      ]);
      const note = 'Ghi chú: ô đất "OM-01",\ncó hai dòng; ký tự ặ ỡ ữ Đ';
      project.bulkInsert('zoning', [
        {
          properties: { zone_code: 'OM-01', name: 'Khu ở mới Mỹ Phú', function_code: 'OM', land_law_code: 'ODT', status: 'planned', max_density_pct: 60, max_far: 3.5, max_floors: 5, note },
          geometry: { type: 'Polygon', coordinates: [[[568000, 1156000], [568100, 1156000], [568100, 1156100], [568000, 1156000]]] },
        },
      ]);
    } finally {
      project.close();
    }

    const out = join(dir, 'small.gpkg');
    const readonly = Project.open(file, { readonly: true });
    let result;
    try {
      result = await exportPlanningDatabase(readonly, { out, maHoSoQH: '82QCT0010007', maThongTinQH: '822531099999' });
    } finally {
      readonly.close();
    }
    expect(result.layers.map((l) => [l.name, l.features])).toEqual([
      ['ChucNangSuDungDat_A', 1],
      ['ChiGioiDuongDo_L', 2],
      ['ChiGioiXayDung_L', 1],
      ['MangLuoiThoatNuocMua_L', 2],
      ['MangLuoiThoatNuocThai_L', 1],
    ]);
    expect(parseOgrinfo(ogrinfo(out)).map((l) => [l.name, l.featureCount])).toEqual(result.layers.map((l) => [l.name, l.features]));

    const red = readLayer(out, 'ChiGioiDuongDo_L');
    expect(red.map((f) => f.properties)).toEqual([
      expect.objectContaining({ tenDoiTuong: 'Đường Nguyễn Huệ', phanLoai: 'Chỉ giới đường đỏ', loaiChiGioi: 'red_line', loGioi: 24.5, trangThai: 'planned', maThongTinQH: '822511012345', maHoSoQH: '82QCT0010007', maDoiTuong: '82QCT0010007-ChiGioiDuongDo_L-1' }),
      expect.objectContaining({ tenDoiTuong: null, maThongTinQH: '822531099999', maDoiTuong: '82QCT0010007-ChiGioiDuongDo_L-2' }),
    ]);
    expect(red[0]!.geometry).toEqual({ type: 'LineString', coordinates: [[568000, 1156000], [568100.125, 1156050.5]] });
    const building = readLayer(out, 'ChiGioiXayDung_L')[0]!.properties;
    expect(building).toMatchObject({ tenDoiTuong: 'Đường "Lê Lợi", đoạn 2', phanLoai: 'Chỉ giới xây dựng', loGioi: 16, maDoiTuong: '82QCT0010007-ChiGioiXayDung_L-1' });
    expect(readLayer(out, 'MangLuoiThoatNuocThai_L').map((f) => f.properties.tenDoiTuong)).toEqual(['T-001']);
    expect(readLayer(out, 'MangLuoiThoatNuocMua_L').map((f) => [f.properties.tenDoiTuong, f.properties.heThong, f.properties.duongKinh])).toEqual([
      ['C-001', 'storm', 800],
      ['T-002', 'combined', 600],
    ]);
    const zone = readLayer(out, 'ChucNangSuDungDat_A')[0]!.properties;
    expect(zone).toMatchObject({ tenDoiTuong: 'Khu ở mới Mỹ Phú', ghiChu: 'Ghi chú: ô đất "OM-01",\ncó hai dòng; ký tự ặ ỡ ữ Đ', phanLoai: 'Đất ở mới', maChucNang: 'OM', maLoaiDat: 'ODT', heSoSuDungDatToiDa: 3.5, tangCaoToiDa: 5, tangCaoToiThieu: null });
    expect((zone.tenDoiTuong as string) === (zone.tenDoiTuong as string).normalize('NFC')).toBe(true);
  }, 60_000);

  it('the export job takes format planning-gpkg, checks its arguments and writes QuyHoach.gpkg into its folder', async () => {
    const file = join(dir, 'job.plandesk.sqlite');
    const project = Project.create(file, { name: 'job', province: 'Đồng Tháp', crsEpsg: 5897 });
    try {
      project.bulkInsert('water_hydrants', [{ properties: { code: 'H-1', hydrant_type: 'pillar' }, geometry: { type: 'Point', coordinates: [568000, 1156000] } }]);
      expect(() => exportJob.check({ format: 'planning-gpkg', layers: ['nope'] }, project)).toThrow(/layers must be a non-empty list/);
      expect(() => exportJob.check({ format: 'planning-gpkg', maHoSoQH: 'x'.repeat(16) }, project)).toThrow(/at most 15 characters/);
      const args = exportJob.check({ format: 'planning-gpkg', layers: ['water_hydrants'], maHoSoQH: '82QCT0010007' }, project);
      expect(args).toEqual({ format: 'planning-gpkg', layers: ['water_hydrants'], maHoSoQH: '82QCT0010007' });
      const work = join(dir, 'job-work');
      const progress: number[] = [];
      const controller = new AbortController();
      const result = await exportJob.run(args, {
        project,
        signal: controller.signal,
        progress: (f: number) => void progress.push(f),
        throwIfCancelled: () => undefined,
        ensureWorkDir: () => (mkdirSync(work, { recursive: true }), work),
      });
      expect(result).toMatchObject({ out: join(work, 'QuyHoach.gpkg'), format: 'planning-gpkg', features: 1 });
      expect(progress.at(-1)).toBe(1);
      expect(parseOgrinfo(ogrinfo(join(work, 'QuyHoach.gpkg'))).map((l) => [l.name, l.geometryType, l.featureCount])).toEqual([['CongTrinhCapNuocPCCC_P', 'Point', 1]]);

      // Cancelled: nothing is left behind, not even the hidden partial file.
      const cancelled = new AbortController();
      cancelled.abort();
      const target = join(dir, 'cancelled.gpkg');
      await expect(exportPlanningDatabase(project, { out: target, signal: cancelled.signal })).rejects.toSatisfy((e: unknown) => isPlanDeskError(e) && e.code === 'CANCELLED');
      expect(readdirSync(dir).filter((n) => n.includes('cancelled'))).toEqual([]);
      writeFileSync(target, 'not a database');
      await expect(exportPlanningDatabase(project, { out: target })).rejects.toSatisfy((e: unknown) => isPlanDeskError(e) && e.code === 'FILE_EXISTS');
    } finally {
      project.close();
    }
  }, 60_000);
});
