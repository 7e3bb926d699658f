/**
 * A hand-built project for the planning card and the kiosk (EPSG:5897): one 20 m × 50 m parcel
 * (1 000 m²) straddling two zones — 12 m of its width in OM-01 (600 m², 60 %) and 8 m in CC-02
 * (400 m², 40 %) — a zone touching only its top edge (no area: not on the card), a zone far
 * away, a red line 7.5 m north of it and a building line nearer (not a red line), and a grid of
 * small parcels elsewhere with addresses (lookups, caps).
 */
import { join } from 'node:path';
import { Project } from '../../gis-core/store/project.js';
import type { NewFeature } from '../../gis-core/store/types.js';
import { tempDir } from './temp.js';

export const X0 = 569000;
export const Y0 = 1156000;

export function rect(minx: number, miny: number, maxx: number, maxy: number) {
  return { type: 'Polygon' as const, coordinates: [[[minx, miny], [maxx, miny], [maxx, maxy], [minx, maxy], [minx, miny]]] };
}

/** The straddling parcel: tờ 7, thửa 42. */
export const STRADDLING = { sheet: 7, parcel: 42, geometry: rect(X0, Y0, X0 + 20, Y0 + 50) };

function zone(code: string, functionCode: string, landLaw: string, geometry: ReturnType<typeof rect>, indicators: Record<string, number>): NewFeature {
  return {
    properties: { zone_code: code, name: `Ô ${code}`, function_code: functionCode, land_law_code: landLaw, status: 'planned', ...indicators },
    geometry,
  };
}

export const GRID_ORIGIN = [X0 + 200, Y0] as const;

/** 5 × 5 parcels of 10 m on tờ 8, thửa 1 … 25, 'Số N Nguyễn Huệ, Phường 1'. */
function gridParcels(): NewFeature[] {
  const parcels: NewFeature[] = [];
  for (let i = 0; i < 25; i++) {
    const x = GRID_ORIGIN[0] + (i % 5) * 10;
    const y = GRID_ORIGIN[1] + Math.floor(i / 5) * 10;
    parcels.push({
      properties: { sheet_no: 8, parcel_no: i + 1, address: `Số ${i + 1} Nguyễn Huệ, Phường 1`, ward: 'Phường 1', area_m2: 100, land_law_code: 'ODT' },
      geometry: rect(x, y, x + 10, y + 10),
    });
  }
  return parcels;
}

export function buildKioskFixture(name = 'kiosk-fixture', metadata = true): string {
  const file = join(tempDir('plandesk-kiosk-'), `${name}.plandesk.sqlite`);
  const project = Project.create(file, { name: 'Dự án thử quầy tra cứu', province: 'Đồng Tháp', crsEpsg: 5897 });
  try {
    project.bulkInsert('parcels', [
      {
        properties: { sheet_no: STRADDLING.sheet, parcel_no: STRADDLING.parcel, address: 'Số 5 Lê Lợi, Phường 2', ward: 'Phường 2', area_m2: 1001.5, land_law_code: 'ODT' },
        geometry: STRADDLING.geometry,
      },
      ...gridParcels(),
    ]);
    project.bulkInsert('zoning', [
      zone('OM-01', 'OM', 'ODT', rect(X0 - 10, Y0 - 10, X0 + 12, Y0 + 50), { max_density_pct: 80, max_far: 4, min_floors: 2, max_floors: 5, max_height_m: 21, setback_m: 3 }),
      zone('CC-02', 'CC', 'DSH', rect(X0 + 12, Y0 - 10, X0 + 40, Y0 + 50), { max_density_pct: 40, max_far: 2.5, min_floors: 1, max_floors: 7, max_height_m: 30, setback_m: 6 }),
      zone('CX-03', 'CX', 'DKV', rect(X0 - 10, Y0 + 50, X0 + 40, Y0 + 56), { max_density_pct: 5, max_far: 0.05, max_floors: 1 }),
      zone('OM-09', 'OM', 'ODT', rect(X0 + 500, Y0, X0 + 600, Y0 + 100), { max_density_pct: 70 }),
    ]);
    project.bulkInsert('red_lines', [
      { properties: { line_type: 'red_line', road_name: 'Lê Lợi', red_line_width_m: 20 }, geometry: { type: 'LineString', coordinates: [[X0 - 100, Y0 + 57.5], [X0 + 300, Y0 + 57.5]] } },
      { properties: { line_type: 'building_line', road_name: 'Lê Lợi' }, geometry: { type: 'LineString', coordinates: [[X0 - 100, Y0 + 52], [X0 + 300, Y0 + 52]] } },
    ]);
    if (metadata) {
      project.setMetadata('plan_name', 'Quy hoạch phân khu thử nghiệm');
      project.setMetadata('plan_decision_no', '99/QĐ-UBND');
      project.setMetadata('plan_decision_date', '01/02/2023');
      project.setMetadata('plan_authority', 'UBND thành phố thử');
    }
  } finally {
    project.close();
  }
  return file;
}
