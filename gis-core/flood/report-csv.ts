/**
 * The flood report as CSV. Browser-safe (types only): the CLI and the job write it, the map UI
 * offers the same table for download.
 */
import type { FloodReport, FloodedArea } from './types.js';

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4).replace(/\.?0+$/, '')) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The report as one CSV table (UTF-8, comma, header row): a `section` column says what each row
 * is (zone, parcel, building, road_class, point, freeboard); columns that do not apply are empty.
 */
export function floodReportCsv(report: FloodReport): string {
  const header = [
    'section', 'layer', 'uuid', 'label', 'category',
    'area_m2', 'flooded_area_m2', 'length_m', 'flooded_length_m', 'share',
    'max_depth_m', 'mean_depth_m', 'ground_m', 'required_ground_m', 'raise_m',
  ];
  const rows: unknown[][] = [];
  const area = (section: string, a: FloodedArea) =>
    rows.push([section, a.layer, a.uuid, a.label, a.category, a.areaM2, a.floodedAreaM2, null, null, a.share, a.maxDepthM, a.meanDepthM, null, null, null]);
  report.zones.forEach((a) => area('zone', a));
  report.parcels.forEach((a) => area('parcel', a));
  report.buildings.forEach((a) => area('building', a));
  for (const r of report.roads) rows.push(['road_class', 'roads', null, r.roadClass, r.roadClass, null, null, r.lengthM, r.floodedLengthM, r.share, null, null, null, null, null]);
  for (const p of report.points) rows.push(['point', p.layer, p.uuid, p.label, null, null, null, null, null, null, p.depthM, null, p.groundM, null, null]);
  for (const z of report.freeboard) {
    rows.push(['freeboard', 'zoning', z.uuid, z.label, z.functionCode, null, null, null, null, z.shareBelow, null, null, z.minGroundM, z.requiredGroundM, z.raiseM]);
  }
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}
