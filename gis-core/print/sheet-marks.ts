/** The scale bar (alternating segments, labelled in metres) and the north arrow, as small SVGs. */
import { scaleBar, scaleText } from './layout.js';

/** A scale bar at most `maxMm` long for 1:`scale`, with the numeric scale under it. */
export function scaleBarSvg(scale: number, maxMm: number, lang: 'vi' | 'en'): string {
  const bar = scaleBar(scale, maxMm);
  const segment = bar.mm / bar.segments;
  const left = 3;
  const width = bar.mm + 2 * left + 6;
  const parts: string[] = [];
  for (let i = 0; i < bar.segments; i++) {
    parts.push(`<rect x="${(left + i * segment).toFixed(2)}" y="4" width="${segment.toFixed(2)}" height="1.6" fill="${i % 2 === 0 ? '#000' : '#fff'}" stroke="#000" stroke-width="0.2"/>`);
  }
  const label = (v: number, x: number): string => `<text x="${x.toFixed(2)}" y="3.2" text-anchor="middle">${v}</text>`;
  parts.push(label(0, left), label(bar.metres / 2, left + bar.mm / 2), label(bar.metres, left + bar.mm));
  parts.push(`<text x="${(left + bar.mm + 1.2).toFixed(2)}" y="5.5">m</text>`);
  const caption = `${lang === 'vi' ? 'Tỷ lệ' : 'Scale'} ${scaleText(scale)}`;
  parts.push(`<text class="scale-text" x="${(left + bar.mm / 2).toFixed(2)}" y="10.5" text-anchor="middle" font-size="3.6" font-weight="700">${caption}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="scale-bar" width="${width.toFixed(2)}mm" height="12mm" viewBox="0 0 ${width.toFixed(2)} 12" data-metres="${bar.metres}" data-mm="${bar.mm.toFixed(3)}" font-size="2.4">${parts.join('')}</svg>`;
}

/** A north arrow pointing to grid north (the top of the sheet; VN-2000 TM-3's grid convergence is under 1°30′ within a zone). */
export function northArrowSvg(lang: 'vi' | 'en'): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="north-arrow" width="12mm" height="18mm" viewBox="0 0 12 18">` +
    `<text x="6" y="4.2" text-anchor="middle" font-size="4.2" font-weight="700">${lang === 'vi' ? 'B' : 'N'}</text>` +
    `<path d="M6 5.2L9.6 16.8L6 14.2Z" fill="#000"/><path d="M6 5.2L2.4 16.8L6 14.2Z" fill="#fff" stroke="#000" stroke-width="0.3"/></svg>`
  );
}
