/** The QCVN 01:2021 tables the rules use, against the transcription kept in resources/domain/ (a copy of the design notes' domain data). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DETACHED_HOUSE_MAX_FAR,
  HIGH_RISE_HEIGHTS,
  HIGH_RISE_LOT_AREAS,
  HIGH_RISE_MAX_FAR,
  HYDRANT_MAX_SPACING_M,
  PARK_MAX_DENSITY,
  PUBLIC_SERVICE_MAX_DENSITY,
  TABLE_2_10_ROWS,
  TABLE_2_8,
  TABLE_2_9_ROWS,
  detachedHouseMaxDensity,
  highRiseMaxDensity,
  requiredSetback,
} from '../../layers/standards/qcvn01.js';

const source = fileURLToPath(new URL('../../resources/domain/qcvn01-2021-tables.json', import.meta.url));

interface Tables {
  bang_2_7_setback_m: Record<string, Record<string, number>>;
  bang_2_8_detached_house_max_net_density: { lot_m2: number[]; max_pct: number[] };
  bang_2_9_apartment_max_net_density: { lot_m2: number[]; rows: Record<string, number[]> };
  bang_2_10_commercial_mixed_max_net_density: { lot_m2: number[]; rows: Record<string, number[]> };
  public_service_lots_new_areas_max_net_density_pct: number;
  gross_density_max_pct: { cong_vien: number };
  fire_hydrants_2_10_5: { max_spacing_m: number };
}

describe('QCVN 01:2021 tables = resources/domain/qcvn01-2021-tables.json', () => {
  const t = JSON.parse(readFileSync(source, 'utf8')) as Tables;

  it('Table 2.8, its FAR note, public services, parks, hydrants', () => {
    expect([...TABLE_2_8.lotM2]).toEqual(t.bang_2_8_detached_house_max_net_density.lot_m2);
    expect([...TABLE_2_8.maxPct]).toEqual(t.bang_2_8_detached_house_max_net_density.max_pct);
    expect(DETACHED_HOUSE_MAX_FAR).toBe(7);
    expect(PUBLIC_SERVICE_MAX_DENSITY).toBe(t.public_service_lots_new_areas_max_net_density_pct);
    expect(PARK_MAX_DENSITY).toBe(t.gross_density_max_pct.cong_vien);
    expect(HYDRANT_MAX_SPACING_M).toBe(t.fire_hydrants_2_10_5.max_spacing_m);
    expect(HIGH_RISE_MAX_FAR).toBe(13);
  });

  it('Tables 2.9 and 2.10, row by row', () => {
    const rowKey = (h: number) => (h === 16 ? '<=16' : h === Infinity ? '>46' : String(h));
    for (const [table, rows] of [
      [t.bang_2_9_apartment_max_net_density, TABLE_2_9_ROWS],
      [t.bang_2_10_commercial_mixed_max_net_density, TABLE_2_10_ROWS],
    ] as const) {
      expect([...HIGH_RISE_LOT_AREAS]).toEqual(table.lot_m2);
      // (JavaScript lists integer-like keys first: compare as sets.)
      expect(Object.keys(table.rows).sort()).toEqual(HIGH_RISE_HEIGHTS.map(rowKey).sort());
      HIGH_RISE_HEIGHTS.forEach((h, i) => expect([...(rows[i] as number[])]).toEqual(table.rows[rowKey(h)]));
    }
  });

  it('Table 2.7 at the edges of every band', () => {
    const bands = t.bang_2_7_setback_m;
    const check = (road: number, row: Record<string, number>) => {
      for (const [key, value] of Object.entries(row)) {
        const m = /^(?:h<(\d+)|(\d+)<=h<(\d+)|h>=(\d+))$/.exec(key);
        expect(m, key).not.toBeNull();
        const heights = m?.[1] ? [0, Number(m[1]) - 0.01] : m?.[2] ? [Number(m[2]), Number(m[3]) - 0.01] : [Number(m?.[4]), 200];
        for (const h of heights) expect(requiredSetback(road, h), `${road} m road, ${h} m high`).toBe(value);
      }
    };
    check(12, bands.road_lt19_m as Record<string, number>);
    check(20, bands.road_19_to_lt22_m as Record<string, number>);
    check(30, bands.road_ge22_m as Record<string, number>);
  });
});

describe('QCVN 01:2021 readings', () => {
  it('interpolates Table 2.8 by lot area and clamps outside it', () => {
    expect(detachedHouseMaxDensity(50)).toBe(100);
    expect(detachedHouseMaxDensity(150)).toBe(80);
    expect(detachedHouseMaxDensity(400)).toBe(55);
    expect(detachedHouseMaxDensity(5000)).toBe(40);
  });

  it('takes the row at or above the height in Tables 2.9/2.10 (stricter than interpolating)', () => {
    expect(highRiseMaxDensity('mixed', 16, 3000)).toBe(80);
    expect(highRiseMaxDensity('mixed', 17, 10000)).toBe(65);
    expect(highRiseMaxDensity('apartment', 50, 35000)).toBe(35);
    expect(highRiseMaxDensity('apartment', 20, 14000)).toBe(56);
  });
});
