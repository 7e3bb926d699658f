/**
 * Lot-based layers, streamed block by block: parcels (thửa đất), buildings and water meters.
 * Each block's lots are recomputed from the plan, so no layer holds more than one block.
 */
import type { NewFeature } from '../../store/types.js';
import { LAND_LAW_BY_FUNCTION } from '../codes.js';
import type { DemoContext } from '../context.js';
import type { Pt } from '../geometry.js';
import { featureUuid, lotKey } from '../ids.js';
import { buildingsOnLot, houseStatus } from '../layout/buildings.js';
import { isResidential } from '../layout/blocks.js';
import type { Face } from '../layout/faces.js';
import type { Lot } from '../layout/lots.js';
import { rngFor } from '../random.js';
import { round, ringArea, type XY } from './output.js';

export function lotAddress(lot: Lot, ward: string): string {
  return `${lot.houseNo} ${lot.addressStreet}, ${ward}`;
}

/** A lot's ward: where its centroid is. */
export function lotWard(ctx: DemoContext, lot: Lot): string {
  return ctx.plan.divisions.ward(lot.centroid);
}

function* eachLot(ctx: DemoContext): Generator<{ face: Face; lot: Lot }> {
  for (const face of ctx.plan.faces) for (const lot of ctx.plan.lots(face)) yield { face, lot };
}

export function* parcelFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { out, seed, plan } = ctx;
  // Parcel numbers count up within each map sheet, in the order the parcels are made.
  const lastNumber = new Map<number, number>();
  for (const { face, lot } of eachLot(ctx)) {
    const key = lotKey(face.index, lot.index);
    const fault = ctx.planted.parcels.get(key);
    const sheet = plan.divisions.sheet(lot.centroid);
    const previous = lastNumber.get(sheet) ?? 0;
    let parcelNo = previous + 1;
    if (fault === 'duplicate_no' && previous > 0) parcelNo = previous;
    else lastNumber.set(sheet, parcelNo);
    let ring: Pt[] = lot.polygon;
    if (fault === 'bowtie') {
      // Two corners swapped: the outline crosses itself.
      ring = [...lot.polygon];
      const i = ring.length - 1;
      [ring[i - 1], ring[i]] = [ring[i] as Pt, ring[i - 1] as Pt];
    }
    const geometry = out.polygon(ring);
    const trueArea = ringArea(out.polygon(lot.polygon).coordinates[0] as XY[]);
    const fn = plan.functions[face.index];
    const ward = lotWard(ctx, lot);
    yield {
      uuid: featureUuid(seed, 'parcels', key),
      properties: {
        sheet_no: sheet,
        parcel_no: parcelNo,
        address: lotAddress(lot, ward),
        ward,
        area_m2: round(fault === 'area' ? trueArea * 1.18 : trueArea, 1),
        land_law_code: fn ? LAND_LAW_BY_FUNCTION[fn] : 'ODT',
      },
      geometry,
    };
  }
}

export function* buildingFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { out, seed, plan } = ctx;
  for (const { face, lot } of eachLot(ctx)) {
    const zone = plan.zones[face.index];
    if (!zone) continue;
    const key = lotKey(face.index, lot.index);
    const rng = rngFor(seed, 'buildings', key);
    const plans = buildingsOnLot(lot, zone, rng, ctx.planted.buildings.get(key));
    const address = lotAddress(lot, lotWard(ctx, lot));
    for (let i = 0; i < plans.length; i++) {
      const b = plans[i] as (typeof plans)[number];
      yield {
        uuid: featureUuid(seed, 'buildings', lotKey(face.index, lot.index, i)),
        properties: {
          ...(b.name ? { name: b.name } : {}),
          use_code: b.use,
          floors: b.floors,
          height_m: b.height,
          status: b.status,
          address,
        },
        geometry: out.polygon(b.polygon),
      };
    }
  }
}

export function* meterFeatures(ctx: DemoContext): Generator<NewFeature> {
  const { out, seed, plan } = ctx;
  for (const { face, lot } of eachLot(ctx)) {
    const zone = plan.zones[face.index];
    if (!zone) continue;
    const key = lotKey(face.index, lot.index);
    const rng = rngFor(seed, 'meters', key);
    const residential = isResidential(zone.fn);
    // Households with a connection: most existing houses; none on empty or planned lots.
    if (residential) {
      const status = houseStatus(zone, rngFor(seed, 'buildings', key), ctx.planted.buildings.get(key));
      if (status !== 'existing' || !rng.chance(0.75)) continue;
    }
    if (!residential && zone.fn === 'CX' && rng.chance(0.5)) continue;
    // 0.6 m behind the frontage, in the middle of the lot's front.
    const depth = lot.quad.depthAt((lot.u0 + lot.u1) / 2) * (lot.v1 - lot.v0);
    const dv = (0.6 / depth) * (lot.v1 - lot.v0);
    const u = (lot.u0 + lot.u1) / 2;
    const p = lot.quad.at(u, lot.front === 'bottom' ? lot.v0 + dv : lot.v1 - dv);
    const n = face.index * 8192 + lot.index;
    yield {
      uuid: featureUuid(seed, 'water_meters', key),
      properties: {
        meter_no: `DT${String(100000 + n).padStart(8, '0')}`,
        account_no: `KH${String(Math.imul(n + 1, 2654435761) >>> 0).padStart(10, '0')}`,
        diameter_mm: residential ? (lot.area > 150 && rng.chance(0.3) ? 20 : 15) : zone.fn === 'HH' ? 100 : 50,
        address: lotAddress(lot, lotWard(ctx, lot)),
        install_year: rng.int(2003, 2024),
        status: 'existing',
      },
      geometry: out.point(p),
    };
  }
}
