/**
 * A small project with known features for the API tests (EPSG:5897, around Cao Lãnh):
 * - parcels: a 10 × 10 grid of 10 m squares from (569000, 1156000); rows 0–4 are sheet 12,
 *   rows 5–9 sheet 13; parcel_no = 300 + row * 10 + col. So "tờ 12 thửa 345" is row 4, col 5,
 *   the square (569050, 1156040)–(569060, 1156050).
 * - roads: 'Nguyễn Huệ' in three segments along y = 1156120, 'Lê Lợi', 'Nguyễn Trãi', 'Đường 30 Tháng 4'.
 */
import { join } from 'node:path';
import { Project } from '../../gis-core/store/project.js';
import type { NewFeature } from '../../gis-core/store/types.js';
import { tempDir } from './temp.js';

export const ORIGIN = [569000, 1156000] as const;

export function square(x: number, y: number, size: number) {
  return { type: 'Polygon' as const, coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] };
}

export function fixtureParcels(): NewFeature[] {
  const features: NewFeature[] = [];
  for (let row = 0; row < 10; row++) {
    for (let col = 0; col < 10; col++) {
      features.push({
        properties: {
          sheet_no: row < 5 ? 12 : 13,
          parcel_no: 300 + row * 10 + col,
          address: `Số ${col + 1} Nguyễn Huệ`,
          ward: 'Phường 1',
          area_m2: 100,
          land_law_code: col % 5 === 0 ? 'TMD' : 'ODT',
        },
        geometry: square(ORIGIN[0] + col * 10, ORIGIN[1] + row * 10, 10),
      });
    }
  }
  return features;
}

function road(name: string, coordinates: number[][]): NewFeature {
  return { properties: { name, road_class: 'main_area', red_line_width_m: 20 }, geometry: { type: 'LineString', coordinates } };
}

export function fixtureRoads(): NewFeature[] {
  const y = ORIGIN[1] + 120;
  return [
    road('Nguyễn Huệ', [[ORIGIN[0], y], [ORIGIN[0] + 40, y]]),
    road('Nguyễn Huệ', [[ORIGIN[0] + 40, y], [ORIGIN[0] + 80, y]]),
    road('Nguyễn Huệ', [[ORIGIN[0] + 80, y], [ORIGIN[0] + 120, y]]),
    road('Lê Lợi', [[ORIGIN[0] - 20, ORIGIN[1]], [ORIGIN[0] - 20, ORIGIN[1] + 100]]),
    road('Nguyễn Trãi', [[ORIGIN[0] + 120, ORIGIN[1]], [ORIGIN[0] + 120, ORIGIN[1] + 100]]),
    road('Đường 30 Tháng 4', [[ORIGIN[0], ORIGIN[1] - 20], [ORIGIN[0] + 100, ORIGIN[1] - 20]]),
  ];
}

/** Creates the fixture project in a temporary folder (removed after the test file) and closes it. */
export function buildFixtureProject(name = 'api-fixture'): string {
  const file = join(tempDir('plandesk-api-'), `${name}.plandesk.sqlite`);
  const project = Project.create(file, { name: 'Dự án thử API', province: 'Đồng Tháp', crsEpsg: 5897 });
  try {
    project.bulkInsert('parcels', fixtureParcels());
    project.bulkInsert('roads', fixtureRoads());
  } finally {
    project.close();
  }
  return file;
}
