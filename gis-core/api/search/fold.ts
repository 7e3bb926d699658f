/**
 * Accent folding for Vietnamese search: 'Nguyễn Huệ' and 'nguyen hue' fold to the same text.
 * Decomposes (NFD), drops the combining marks (tones and the circumflex/breve/horn), maps đ to d,
 * lower-cases and collapses white space.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words of a folded query, without punctuation. */
export function searchTokens(folded: string): string[] {
  return folded.split(/[^a-z0-9]+/).filter((t) => t.length > 0);
}
