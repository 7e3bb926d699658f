/**
 * The planning card's numbers on a hand-built parcel straddling two zones (exact m² and shares),
 * the red line distance, the plan metadata (and its defaults), and the kiosk lookups with their
 * caps — through the service, on a real SpatiaLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanDeskService } from '../../gis-core/api/service.js';
import { PLANNING_LOOKUP_MAX_HITS } from '../../gis-core/api/contract.js';
import { Project } from '../../gis-core/store/project.js';
import { buildKioskFixture, GRID_ORIGIN, STRADDLING, X0, Y0 } from '../helpers/kiosk-fixture.js';

let project: Project;
let service: PlanDeskService;
let straddlingUuid: string;

beforeAll(() => {
  project = Project.open(buildKioskFixture(), { readonly: true });
  service = new PlanDeskService(project);
  const parcel = project.features('parcels', { where: [{ field: 'parcel_no', op: '=', value: STRADDLING.parcel }] })[0];
  straddlingUuid = parcel!.uuid;
});

afterAll(() => project.close());

describe('planning card', () => {
  it('gives every zone the parcel falls in with its exact m² and share', async () => {
    const card = await service.planningCard(straddlingUuid);
    expect(card.parcel.areaM2).toBe(1000);
    expect(card.parcel.legalAreaM2).toBe(1001.5);
    expect(card.zones.map((z) => [z.zoneCode, z.areaM2, z.share])).toEqual([
      ['OM-01', 600, 0.6],
      ['CC-02', 400, 0.4],
    ]);
    expect(card.unzonedAreaM2).toBe(0);
    expect(card.zonesOverlap).toBe(false);
  });

  it('carries each zone’s function, land-law code and indicators', async () => {
    const card = await service.planningCard(straddlingUuid);
    const [om, cc] = card.zones;
    expect(om).toMatchObject({
      functionCode: 'OM',
      functionLabel: { vi: 'Đất ở mới', en: 'New residential' },
      landLawCode: 'ODT',
      maxDensityPct: 80,
      maxFar: 4,
      minFloors: 2,
      maxFloors: 5,
      maxHeightM: 21,
      setbackM: 3,
    });
    expect(cc).toMatchObject({ functionCode: 'CC', landLawCode: 'DSH', maxDensityPct: 40, maxFar: 2.5, maxFloors: 7, maxHeightM: 30, setbackM: 6 });
    expect(om?.landLawLabel?.vi).toMatch(/ở tại đô thị/);
  });

  it('measures the distance to the nearest red line (not to a building line)', async () => {
    const card = await service.planningCard(straddlingUuid);
    expect(card.redLineDistanceM).toBe(7.5);
    expect(card.redLineRoad).toBe('Lê Lợi');
  });

  it('names the plan from the project metadata and carries the disclaimer', async () => {
    const card = await service.planningCard(straddlingUuid);
    expect(card.plan).toEqual({ name: 'Quy hoạch phân khu thử nghiệm', decisionNo: '99/QĐ-UBND', decisionDate: '01/02/2023', authority: 'UBND thành phố thử' });
    expect(card.disclaimer.vi).toMatch(/tham khảo/);
    expect(card.disclaimer.en).toMatch(/reference only/);
    expect(card.crs).toBe('EPSG:5897');
  });

  it('reads the plan with defaults when the project has no plan metadata', async () => {
    const bare = Project.open(buildKioskFixture('no-plan', false), { readonly: true });
    try {
      const uuid = bare.features('parcels', { where: [{ field: 'parcel_no', op: '=', value: STRADDLING.parcel }] })[0]!.uuid;
      const card = await new PlanDeskService(bare).planningCard(uuid);
      expect(card.plan.name).toBe('Dự án thử quầy tra cứu');
      expect(card.plan.decisionNo).toBe('chưa ghi trong dự án');
    } finally {
      bare.close();
    }
  });

  it('shows a parcel in no zone with its whole area unzoned and refuses what is not a parcel', async () => {
    const grid = (await service.planningLookup({ by: 'parcel', sheet: 8, parcel: 1 })).hits[0]!;
    const card = await service.planningCard(grid.uuid);
    expect(card.zones).toEqual([]);
    expect(card.unzonedAreaM2).toBe(100);
    await expect(service.planningCard('not-a-uuid')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(service.planningCard('01941f29-7c1b-7000-8000-000000000000')).rejects.toMatchObject({ code: 'UNKNOWN_FEATURE' });
  });
});

describe('kiosk lookups', () => {
  it('finds a parcel by tờ and thửa, exactly, and needs both', async () => {
    const found = await service.planningLookup({ by: 'parcel', sheet: STRADDLING.sheet, parcel: STRADDLING.parcel });
    expect(found.hits.map((h) => [h.uuid, h.title.vi, h.detail?.vi])).toEqual([[straddlingUuid, 'Tờ 7, thửa 42', 'Số 5 Lê Lợi, Phường 2']]);
    expect((await service.planningLookup({ by: 'parcel', sheet: 7, parcel: 43 })).hits).toEqual([]);
    await expect(service.planningLookup({ by: 'parcel', sheet: 7 } as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('finds parcels by address words, accent-insensitively, house numbers as whole words', async () => {
    const one = await service.planningLookup({ by: 'address', text: 'so 2 nguyen hue' });
    expect(one.hits.map((h) => h.detail?.vi)).toEqual(['Số 2 Nguyễn Huệ, Phường 1']);
    expect(one.truncated).toBe(false);
  });

  it('caps an address lookup at the kiosk maximum and needs a minimum text', async () => {
    const many = await service.planningLookup({ by: 'address', text: 'Nguyễn Huệ' });
    expect(many.hits).toHaveLength(PLANNING_LOOKUP_MAX_HITS);
    expect(many.truncated).toBe(true);
    await expect(service.planningLookup({ by: 'address', text: 'ng' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('finds a zone by its plot code, case-insensitively', async () => {
    const zone = await service.planningLookup({ by: 'plan', code: 'om-01' });
    expect(zone.hits.map((h) => [h.layerId, h.title.vi])).toEqual([['zoning', 'Ô đất OM-01']]);
    expect(zone.hits[0]?.bbox).toEqual([X0 - 10, Y0 - 10, X0 + 12, Y0 + 50]);
    await expect(service.planningLookup({ by: 'plan', code: 'O' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('finds the parcel under a tapped point, and none between parcels', async () => {
    const tapped = await service.planningLookup({ by: 'point', x: X0 + 15, y: Y0 + 25 });
    expect(tapped.hits.map((h) => h.uuid)).toEqual([straddlingUuid]);
    const cell = await service.planningLookup({ by: 'point', x: GRID_ORIGIN[0] + 15, y: GRID_ORIGIN[1] + 5 });
    expect(cell.hits.map((h) => h.title.vi)).toEqual(['Tờ 8, thửa 2']);
    expect((await service.planningLookup({ by: 'point', x: X0 + 100, y: Y0 + 25 })).hits).toEqual([]);
  });
});
