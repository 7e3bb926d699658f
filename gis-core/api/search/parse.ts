/**
 * How a search text is read: a parcel by map sheet and parcel number (số tờ, số thửa) in the
 * ways people write them, and/or words to match against names.
 *
 *   'tờ 12 thửa 345', 'to so 12, thua so 345', 'thửa 345 tờ 12', 'sheet 12 parcel 345' → sheet 12, parcel 345
 *   '12/345', '12-345', '12 345'                                                     → sheet 12, parcel 345
 *   'tờ 12'                                                                           → every parcel of sheet 12
 *   'thửa 345', '345'                                                                  → parcel 345 of any sheet (a bare number also matches names)
 *   anything else                                                                      → name words ('nguyen hue')
 */
import { foldVietnamese, searchTokens } from './fold.js';

export interface ParsedSearch {
  readonly sheet?: number;
  readonly parcel?: number;
  /** Name words (folded); empty when the text was only a parcel reference. */
  readonly words: readonly string[];
}

// On folded text: 'tờ bản đồ số' → 'to ban do so'.
const SHEET = /(?:^|[^a-z0-9])(?:to(?: ban do)?|sheet|tbd)\s*(?:so\s*)?[:.#]?\s*(\d{1,6})(?!\d)/;
const PARCEL = /(?:^|[^a-z0-9])(?:thua(?: dat)?|parcel|plot)\s*(?:so\s*)?[:.#]?\s*(\d{1,9})(?!\d)/;
const PAIR = /^(\d{1,6})\s*[/\-,;:. ]\s*(\d{1,9})$/;
const BARE_NUMBER = /^\d{1,9}$/;

export function parseSearch(text: string): ParsedSearch {
  const folded = foldVietnamese(text);
  const sheet = SHEET.exec(folded)?.[1];
  const parcel = PARCEL.exec(folded)?.[1];
  if (sheet !== undefined || parcel !== undefined) {
    return {
      ...(sheet !== undefined ? { sheet: Number(sheet) } : {}),
      ...(parcel !== undefined ? { parcel: Number(parcel) } : {}),
      words: [],
    };
  }
  const pair = PAIR.exec(folded);
  if (pair?.[1] && pair[2]) return { sheet: Number(pair[1]), parcel: Number(pair[2]), words: [] };
  if (BARE_NUMBER.test(folded)) return { parcel: Number(folded), words: [folded] };
  return { words: searchTokens(folded) };
}
