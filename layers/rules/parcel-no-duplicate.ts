/**
 * PARCEL_NO_DUPLICATE: two parcels with the same number on the same map sheet (số thửa is
 * unique per tờ bản đồ). Reported on each newer parcel (greater uuid), naming the oldest one.
 */
import type { LayerRule } from '../types.js';
import { finding, textOf } from './support.js';

export const parcelNoDuplicate: LayerRule = {
  code: 'PARCEL_NO_DUPLICATE',
  severity: 'error',
  title: { vi: 'Trùng số thửa trên cùng tờ bản đồ', en: 'Parcel number repeated on a map sheet' },
  check(parcel, ctx) {
    const sheet = textOf(parcel, 'sheet_no');
    const no = textOf(parcel, 'parcel_no');
    if (sheet === undefined || no === undefined) return [];
    let oldest: string | undefined;
    for (const other of ctx.featuresWhere('parcels', { sheet_no: sheet, parcel_no: no })) {
      if (other.uuid < parcel.uuid && (oldest === undefined || other.uuid < oldest)) oldest = other.uuid;
    }
    if (oldest === undefined) return [];
    return [
      finding(
        { vi: `Số thửa ${no} đã có trên tờ bản đồ số ${sheet}`, en: `Parcel number ${no} is already used on map sheet ${sheet}` },
        { sheet_no: sheet, parcel_no: no, other_uuid: oldest },
      ),
    ];
  },
};
