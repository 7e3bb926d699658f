/**
 * What CRS a source is in: its .prj / embedded WKT read against the registry (DESIGN.md
 * "Coordinate systems"), and a suggestion from the coordinates when it has none.
 *
 * VN-2000 definitions found in the wild lack the datum shift, carry the published
 * (coordinate-frame) rotation signs, or are a bare "Transverse Mercator k=0.9999
 * x_0=500000 lon_0=…" on the WGS 84 ellipsoid. All of them are the registry zone with that
 * meridian; PlanDesk then hands GDAL the registry's definition (EPSG:6960 shift, position
 * vector) instead of the file's.
 */
import { getCrs, listCrs, VN2000_TOWGS84, type CrsDefinition } from '../crs/registry.js';
import { zonesForProvince } from '../crs/provinces.js';
import { transformPoint } from '../crs/transform.js';

export interface CrsDetection {
  /** The registry CRS the source is in, when recognised. */
  readonly epsg: number | null;
  /**
   * 'registry': an EPSG code PlanDesk knows; 'vn2000-repaired': a VN-2000 definition that was
   * incomplete or wrong, replaced by the registry's; 'other': a CRS GDAL understands that is not
   * in the registry (GDAL's own definition is used); 'none': the source has no CRS.
   */
  readonly status: 'registry' | 'vn2000-repaired' | 'other' | 'none';
  /** Why, in words (shown by the wizard). */
  readonly note: string;
  /** The WKT as read (for 'other'). */
  readonly wkt?: string;
}

const PUBLISHED = VN2000_TOWGS84.split(',').map(Number);

function param(wkt: string, name: string): number | undefined {
  const m = new RegExp(`PARAMETER\\["${name}",\\s*(-?[\\d.eE+-]+)`, 'i').exec(wkt);
  return m ? Number(m[1]) : undefined;
}

/** Degrees.minutes as proj.db stores some meridians (107.45 = 107°45′) → decimal degrees. */
function meridianCandidates(value: number): number[] {
  const whole = Math.floor(value);
  const frac = Math.round((value - whole) * 100) / 100;
  const out = [value];
  if ([0.15, 0.3, 0.45].includes(frac)) out.push(whole + (frac * 100) / 60);
  return out;
}

function isVn2000Name(wkt: string): boolean {
  return /VN[-_ ]?2000|Vietnam[-_ ]?2000|D_Vietnam_2000|Vietnam_2000/i.test(wkt);
}

function towgs84(wkt: string): number[] | undefined {
  const m = /TOWGS84\[([^\]]+)\]/i.exec(wkt);
  return m ? m[1]!.split(',').map((v) => Number(v.trim())) : undefined;
}

/** How a TOWGS84 compares with the correct VN-2000 one. */
function shiftKind(values: number[] | undefined): 'absent' | 'correct' | 'flipped' | 'other' {
  if (!values || values.every((v) => v === 0)) return 'absent';
  const close = (a: number[], tol: number[]) => a.every((v, i) => Math.abs(v - (PUBLISHED[i] ?? 0)) <= (tol[i] ?? 0));
  const tol = [0.5, 0.5, 0.5, 0.0005, 0.0005, 0.0005, 0.01];
  if (values.length >= 7 && close(values, tol)) return 'correct';
  const flipped = values.map((v, i) => (i >= 3 && i <= 5 ? -v : v));
  if (values.length >= 7 && close(flipped, tol)) return 'flipped';
  return 'other';
}

function topEpsg(wkt: string): number | undefined {
  // WKT1: the last AUTHORITY of the whole text belongs to the outermost CRS.
  const all = [...wkt.matchAll(/AUTHORITY\["EPSG",\s*"?(\d+)"?\]/gi)];
  const last = all.at(-1);
  if (last && wkt.trimEnd().endsWith(']]')) {
    const tail = wkt.slice(last.index ?? 0);
    if (/^AUTHORITY\["EPSG",\s*"?\d+"?\]\]\s*$/i.test(tail)) return Number(last[1]);
  }
  return undefined;
}

/** Reads a WKT1 (OGC or ESRI) definition against the registry. */
export function detectCrs(wkt: string | null | undefined): CrsDetection {
  if (!wkt || !wkt.trim()) return { epsg: null, status: 'none', note: 'The source has no coordinate system (.prj missing or empty).' };
  const shift = shiftKind(towgs84(wkt));
  const vnName = isVn2000Name(wkt);
  const wgs84Ellipsoid = /SPHEROID\["[^"]*",\s*6378137(\.0+)?,\s*298\.257223563/i.test(wkt);
  const vn = vnName || shift === 'correct' || shift === 'flipped';
  const repairedNote = (what: string, crs: CrsDefinition): string => {
    const why =
      shift === 'flipped'
        ? 'its datum shift has the published (coordinate-frame) rotation signs, a ~0.5 m error'
        : shift === 'absent'
          ? 'it has no datum shift to WGS 84'
          : shift === 'correct'
            ? 'its datum shift is the correct EPSG:6960 one'
            : 'its datum shift is not the EPSG:6960 one';
    return `${what} read as ${crs.code} (${crs.name}); ${why} — PlanDesk uses the EPSG:6960 shift.`;
  };

  const epsg = topEpsg(wkt);
  if (epsg !== undefined) {
    const known = listCrs().find((c) => c.epsg === epsg);
    if (known) {
      if (known.datum === 'VN-2000') return { epsg, status: shift === 'correct' ? 'registry' : 'vn2000-repaired', note: repairedNote('The EPSG code of the file', known) };
      return { epsg, status: 'registry', note: `${known.code} (${known.name}).` };
    }
  }

  if (/^\s*PROJCS\[/i.test(wkt)) {
    const tm = /PROJECTION\["Transverse_Mercator"\]/i.test(wkt);
    const k = param(wkt, 'scale_factor');
    const lon0 = param(wkt, 'central_meridian');
    const x0 = param(wkt, 'false_easting');
    const y0 = param(wkt, 'false_northing') ?? 0;
    const unitMetre = !/UNIT\["(US survey foot|Foot)/i.test(wkt.split(/PROJECTION/i)[1] ?? '');
    if (tm && wgs84Ellipsoid && lon0 !== undefined && k !== undefined && x0 === 500000 && y0 === 0 && unitMetre) {
      // A genuine WGS 84 UTM (EPSG:326xx) names WGS 84 and has no VN-2000 traits: leave it to GDAL.
      const plainWgs84 = !vn && /DATUM\["(WGS_1984|D_WGS_1984|WGS 84)"/i.test(wkt);
      if (!plainWgs84) {
        for (const meridian of meridianCandidates(lon0)) {
          const zone = listCrs().find(
            (c) => c.datum === 'VN-2000' && c.kind === 'projected' && Math.abs((c.centralMeridian ?? -1) - meridian) < 1e-6 && Math.abs((c.scaleFactor ?? 0) - k) < 1e-7,
          );
          if (zone) {
            const what = vn ? 'A VN-2000 definition' : `A Transverse Mercator (k=${k}, x_0=500000, lon_0=${lon0}) on the WGS 84 ellipsoid`;
            return { epsg: zone.epsg, status: vnName && shift === 'correct' ? 'registry' : 'vn2000-repaired', note: repairedNote(what, zone) };
          }
        }
      }
    }
  } else if (/^\s*GEOGCS\[/i.test(wkt) && vn) {
    const crs = getCrs(4756);
    return { epsg: 4756, status: 'vn2000-repaired', note: repairedNote('A VN-2000 geographic definition', crs) };
  } else if (/^\s*GEOGCS\[/i.test(wkt) && /WGS[_ ]?(19)?84/i.test(wkt)) {
    return { epsg: 4326, status: 'registry', note: 'WGS 84 longitude/latitude.' };
  }
  return { epsg: null, status: 'other', note: 'A coordinate system PlanDesk does not list; GDAL reprojects it with its own definition.', wkt };
}

export interface ZoneSuggestion {
  readonly epsg: number;
  /** Why, as a category the UI words in its language: degrees in Vietnam, the project's zone, its province's, or a zone the data lies in. */
  readonly kind: 'degrees' | 'project' | 'province' | 'area';
  readonly reason: string;
}

/**
 * CRSs the coordinates could be in, best first, for a source without one: lon/lat inside
 * Vietnam → WGS 84; TM-3-like metres → the project's zone, then the province's zones, then
 * every zone whose area of use the coordinates fall in.
 */
export function suggestCrs(extent: readonly [number, number, number, number], project: { crsEpsg: number; province: string }): ZoneSuggestion[] {
  const [minx, miny, maxx, maxy] = extent;
  const cx = (minx + maxx) / 2;
  const cy = (miny + maxy) / 2;
  if (minx >= 100 && maxx <= 112 && miny >= 6 && maxy <= 25) {
    return [
      { epsg: 4326, kind: 'degrees', reason: 'longitude/latitude degrees inside Vietnam (WGS 84, e.g. GPS or KML)' },
      { epsg: 4756, kind: 'degrees', reason: 'longitude/latitude degrees inside Vietnam (VN-2000 geographic)' },
    ];
  }
  if (!(minx > 0 && maxx < 1_200_000 && miny > 800_000 && maxy < 2_700_000)) return [];
  const inside = (crs: CrsDefinition): boolean => {
    try {
      const [lon, lat] = transformPoint([cx, cy], crs, 4326) as [number, number];
      const [w, s, e, n] = crs.areaOfUse.bbox;
      return lon >= w - 0.3 && lon <= e + 0.3 && lat >= s - 0.3 && lat <= n + 0.3;
    } catch {
      return false;
    }
  };
  const out: ZoneSuggestion[] = [];
  const add = (epsg: number, kind: ZoneSuggestion['kind'], reason: string): void => {
    if (out.some((s) => s.epsg === epsg)) return;
    const crs = getCrs(epsg);
    if (crs.datum === 'VN-2000' && crs.kind === 'projected' && inside(crs)) out.push({ epsg, kind, reason });
  };
  add(project.crsEpsg, 'project', "metres that fit the project's own zone");
  try {
    for (const zone of zonesForProvince(project.province)) add(zone.epsg, 'province', `the zone of ${zone.oldProvinces.join(', ')} (project province ${project.province})`);
  } catch {
    // an unknown province name: no province zones to offer
  }
  for (const crs of listCrs()) if (crs.zoneWidth === 3) add(crs.epsg, 'area', `metres inside the area of use of ${crs.name}`);
  return out;
}
