/**
 * The sun's position for a date and local time (UTC+7, Vietnam) at a latitude/longitude: the
 * usual declination + equation-of-time approximation (about ±0.5° — plenty for shadows).
 */
export const VIETNAM_UTC_OFFSET_H = 7;
/** Cao Lãnh, Đồng Tháp: the demo's place; callers pass the project's own when they know it. */
export const DEFAULT_LAT = 10.46;
export const DEFAULT_LON = 105.63;

const RAD = Math.PI / 180;

export interface SunPosition {
  /** Above the horizon, radians. */
  readonly altitude: number;
  /** From north, clockwise, radians. */
  readonly azimuth: number;
}

/** `dayOfYear` 1…366, `hours` local clock time (e.g. 15.5 = 15:30). */
export function sunPosition(dayOfYear: number, hours: number, lat = DEFAULT_LAT, lon = DEFAULT_LON, utcOffset = VIETNAM_UTC_OFFSET_H): SunPosition {
  const declination = -23.44 * RAD * Math.cos(((2 * Math.PI) / 365) * (dayOfYear + 10));
  const b = ((2 * Math.PI) / 365) * (dayOfYear - 81);
  const eot = 9.87 * Math.sin(2 * b) - 7.53 * Math.cos(b) - 1.5 * Math.sin(b); // minutes
  const solarTime = hours + (4 * (lon - 15 * utcOffset) + eot) / 60;
  const hourAngle = 15 * RAD * (solarTime - 12);
  const phi = lat * RAD;
  const sinAlt = Math.sin(declination) * Math.sin(phi) + Math.cos(declination) * Math.cos(phi) * Math.cos(hourAngle);
  const altitude = Math.asin(Math.max(-1, Math.min(1, sinAlt)));
  const cosAz = (Math.sin(declination) * Math.cos(phi) - Math.cos(declination) * Math.sin(phi) * Math.cos(hourAngle)) / Math.max(1e-9, Math.cos(altitude));
  let azimuth = Math.acos(Math.max(-1, Math.min(1, cosAz)));
  if (hourAngle > 0) azimuth = 2 * Math.PI - azimuth;
  return { altitude, azimuth };
}

/** Unit vector towards the sun in scene axes (x east, y north, z up). */
export function sunDirection(p: SunPosition): [number, number, number] {
  const c = Math.cos(p.altitude);
  return [Math.sin(p.azimuth) * c, Math.cos(p.azimuth) * c, Math.sin(p.altitude)];
}

export function dayOfYear(date: Date): number {
  const start = Date.UTC(date.getUTCFullYear(), 0, 0);
  return Math.floor((Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - start) / 86_400_000);
}
