/** `#rrggbb` / `#rrggbbaa` → [r, g, b, a] as OpenLayers colour arrays take them (a in 0…1). */
export type Rgba = [number, number, number, number];

export function parseColor(hex: string): Rgba {
  const h = hex.replace('#', '');
  const channel = (i: number): number => parseInt(h.slice(i, i + 2), 16);
  const alpha = h.length >= 8 ? channel(6) / 255 : 1;
  return [channel(0), channel(2), channel(4), Math.round(alpha * 1000) / 1000];
}

/** The colour `hex` with the alpha of `alphaFrom` (a categorized style keeps the base's alpha). */
export function withAlphaOf(hex: string, alphaFrom: string): Rgba {
  const [r, g, b] = parseColor(hex);
  return [r, g, b, parseColor(alphaFrom)[3]];
}

export function toCss([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${a})`;
}
