/**
 * Legacy Vietnamese text (DESIGN.md "Legacy Vietnamese text"): decoding TCVN3 (ABC),
 * VNI-Windows and Windows-1258 bytes to NFC Unicode, and guessing which one a field uses.
 *
 * Text arrives here as bytes: shapefiles are read by GDAL with ENCODING=ISO-8859-1 (every byte
 * one code point, so nothing is lost) and turned back into bytes with `latin1Bytes`; text GDAL
 * already decoded as Windows-1252 (DXF, CSV) goes back to bytes with `cp1252Bytes`.
 */

export type TextEncoding = 'utf8' | 'cp1258' | 'tcvn3' | 'vni';
export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf8', 'cp1258', 'tcvn3', 'vni'];

/**
 * TCVN 5712:1993 byte → code point, as glibc's iconv TCVN5712-1 decodes each byte alone
 * (VN3 "ABC" uses 0xA1–0xFF; the upper-case letters in 0x01–0x17 and 0x80–0x9F are VN1).
 * Tab, LF and CR stay themselves.
 */
// prettier-ignore
const TCVN3_TABLE: readonly number[] = [
  0x0000, 0x00da, 0x1ee4, 0x0003, 0x1eea, 0x1eec, 0x1eee, 0x0007, 0x0008, 0x0009, 0x000a, 0x000b, 0x000c, 0x000d, 0x000e, 0x000f,
  0x0010, 0x1ee8, 0x1ef0, 0x1ef2, 0x1ef6, 0x1ef8, 0x00dd, 0x1ef4, 0x0018, 0x0019, 0x001a, 0x001b, 0x001c, 0x001d, 0x001e, 0x001f,
  0x0020, 0x0021, 0x0022, 0x0023, 0x0024, 0x0025, 0x0026, 0x0027, 0x0028, 0x0029, 0x002a, 0x002b, 0x002c, 0x002d, 0x002e, 0x002f,
  0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037, 0x0038, 0x0039, 0x003a, 0x003b, 0x003c, 0x003d, 0x003e, 0x003f,
  0x0040, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047, 0x0048, 0x0049, 0x004a, 0x004b, 0x004c, 0x004d, 0x004e, 0x004f,
  0x0050, 0x0051, 0x0052, 0x0053, 0x0054, 0x0055, 0x0056, 0x0057, 0x0058, 0x0059, 0x005a, 0x005b, 0x005c, 0x005d, 0x005e, 0x005f,
  0x0060, 0x0061, 0x0062, 0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x006a, 0x006b, 0x006c, 0x006d, 0x006e, 0x006f,
  0x0070, 0x0071, 0x0072, 0x0073, 0x0074, 0x0075, 0x0076, 0x0077, 0x0078, 0x0079, 0x007a, 0x007b, 0x007c, 0x007d, 0x007e, 0x007f,
  0x00c0, 0x1ea2, 0x00c3, 0x00c1, 0x1ea0, 0x1eb6, 0x1eac, 0x00c8, 0x1eba, 0x1ebc, 0x00c9, 0x1eb8, 0x1ec6, 0x00cc, 0x1ec8, 0x0128,
  0x00cd, 0x1eca, 0x00d2, 0x1ece, 0x00d5, 0x00d3, 0x1ecc, 0x1ed8, 0x1edc, 0x1ede, 0x1ee0, 0x1eda, 0x1ee2, 0x00d9, 0x1ee6, 0x0168,
  0x00a0, 0x0102, 0x00c2, 0x00ca, 0x00d4, 0x01a0, 0x01af, 0x0110, 0x0103, 0x00e2, 0x00ea, 0x00f4, 0x01a1, 0x01b0, 0x0111, 0x1eb0,
  0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00e0, 0x1ea3, 0x00e3, 0x00e1, 0x1ea1, 0x1eb2, 0x1eb1, 0x1eb3, 0x1eb5, 0x1eaf, 0x1eb4,
  0x1eae, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1ec0, 0x1eb7, 0x1ea7, 0x1ea9, 0x1eab, 0x1ea5, 0x1ead, 0x00e8, 0x1ec2, 0x1ebb, 0x1ebd,
  0x00e9, 0x1eb9, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7, 0x00ec, 0x1ec9, 0x1ec4, 0x1ebe, 0x1ed2, 0x0129, 0x00ed, 0x1ecb, 0x00f2,
  0x1ed4, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd, 0x1ed3, 0x1ed5, 0x1ed7, 0x1ed1, 0x1ed9, 0x1edd, 0x1edf, 0x1ee1, 0x1edb, 0x1ee3, 0x00f9,
  0x1ed6, 0x1ee7, 0x0169, 0x00fa, 0x1ee5, 0x1eeb, 0x1eed, 0x1eef, 0x1ee9, 0x1ef1, 0x1ef3, 0x1ef7, 0x1ef9, 0x00fd, 0x1ef5, 0x1ed0,
];

const TCVN3_DECODE = String.fromCharCode(...TCVN3_TABLE);

const COMBINING = { acute: '\u0301', grave: '\u0300', hook: '\u0309', tilde: '\u0303', dot: '\u0323', circumflex: '\u0302', breve: '\u0306', horn: '\u031B' } as const;
type Tone = 'acute' | 'grave' | 'hook' | 'tilde' | 'dot';

/**
 * VNI-Windows: a base letter followed by a mark byte (read as Windows-1252). Lower-case marks;
 * the upper-case letters use the upper-case counterparts (ù → Ù …).
 */
const VNI_TONE: Readonly<Record<string, Tone>> = { ù: 'acute', ø: 'grave', û: 'hook', õ: 'tilde', ï: 'dot' };
const VNI_CIRCUMFLEX: Readonly<Record<string, Tone | ''>> = { â: '', á: 'acute', à: 'grave', å: 'hook', ã: 'tilde', ä: 'dot' };
const VNI_BREVE: Readonly<Record<string, Tone | ''>> = { ê: '', é: 'acute', è: 'grave', ú: 'hook', ü: 'tilde', ë: 'dot' };
/** Letters VNI writes as one byte. */
const VNI_SINGLE: Readonly<Record<string, string>> = {
  ñ: 'đ', ô: 'ơ', ö: 'ư', í: 'í', ì: 'ì', æ: 'ỉ', ó: 'ĩ', ò: 'ị', î: 'ỵ',
};

function upperKeys<T>(table: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [k.toUpperCase(), v]));
}

const VNI_TONE_UP = upperKeys(VNI_TONE);
const VNI_CIRCUMFLEX_UP = upperKeys(VNI_CIRCUMFLEX);
const VNI_BREVE_UP = upperKeys(VNI_BREVE);
const VNI_SINGLE_UP: Record<string, string> = Object.fromEntries(Object.entries(VNI_SINGLE).map(([k, v]) => [k.toUpperCase(), v.toUpperCase()]));

const cp1252 = new TextDecoder('windows-1252');
const cp1258 = new TextDecoder('windows-1258');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Windows-1252 code point → byte, for the 0x80–0x9F range (the rest is Latin-1). */
const CP1252_REVERSE: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  for (let b = 0x80; b < 0xa0; b++) map.set(cp1252.decode(Uint8Array.of(b)), b);
  return map;
})();

/** The bytes of text GDAL read as ISO-8859-1 (one code point per byte). */
export function latin1Bytes(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'latin1'));
}

/** The bytes text had if it was decoded as Windows-1252, or null if it was not (a code point outside it). */
export function cp1252Bytes(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[i] = code;
    else {
      const b = CP1252_REVERSE.get(c);
      if (b === undefined) return null;
      out[i] = b;
    }
  }
  return out;
}

export function decodeTcvn3(bytes: Uint8Array, options: { upperCaseFont?: boolean } = {}): string {
  let text = '';
  for (const b of bytes) text += TCVN3_DECODE[b];
  text = text.normalize('NFC');
  // TCVN3 has no upper-case toned letters: headings use the upper-case fonts (.VnTimeH), which
  // draw the lower-case codes as capitals.
  return options.upperCaseFont ? text.toLocaleUpperCase('vi') : text;
}

export function decodeVni(bytes: Uint8Array): string {
  const chars = [...cp1252.decode(bytes)];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    const lower = c.toLowerCase();
    const upper = c !== lower;
    const tone = upper ? VNI_TONE_UP : VNI_TONE;
    const circ = upper ? VNI_CIRCUMFLEX_UP : VNI_CIRCUMFLEX;
    const breve = upper ? VNI_BREVE_UP : VNI_BREVE;
    const single = upper ? VNI_SINGLE_UP : VNI_SINGLE;
    let base: string | undefined;
    let modifier = '';
    if ('aeouy'.includes(lower)) base = c;
    else if (lower === 'ô' || lower === 'ö') {
      base = lower === 'ô' ? (upper ? 'O' : 'o') : upper ? 'U' : 'u';
      modifier = COMBINING.horn;
    }
    if (base !== undefined && next !== undefined) {
      const t = tone[next];
      if (t) {
        out += base + modifier + COMBINING[t];
        i++;
        continue;
      }
      if (!modifier && (lower === 'a' || lower === 'e' || lower === 'o') && next in circ) {
        const ct = circ[next]!;
        out += base + COMBINING.circumflex + (ct ? COMBINING[ct] : '');
        i++;
        continue;
      }
      if (!modifier && lower === 'a' && next in breve) {
        const bt = breve[next]!;
        out += base + COMBINING.breve + (bt ? COMBINING[bt] : '');
        i++;
        continue;
      }
    }
    if (modifier) {
      out += base + modifier;
      continue;
    }
    out += single[c] ?? c;
  }
  return out.normalize('NFC');
}

export function decodeCp1258(bytes: Uint8Array): string {
  return cp1258.decode(bytes).normalize('NFC');
}

/** Valid UTF-8, decoded, or null. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes).normalize('NFC');
  } catch {
    return null;
  }
}

export function decodeText(bytes: Uint8Array, encoding: TextEncoding, options: { upperCaseFont?: boolean } = {}): string {
  switch (encoding) {
    case 'utf8':
      return decodeUtf8(bytes) ?? decodeCp1258(bytes);
    case 'cp1258':
      return decodeCp1258(bytes);
    case 'tcvn3':
      return decodeTcvn3(bytes, options);
    case 'vni':
      return decodeVni(bytes);
  }
}

// ------------------------------------------------------------------------------ detection

const ONSETS = new Set(['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'q', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x']);
const CODAS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't', 'i', 'o', 'u', 'y']);
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const VOWEL_MARKS = /[\u0302\u0306\u031B]/g;
const WORD = /[\p{L}\p{M}]+/gu;

/** True when a word reads as one Vietnamese syllable (at most one tone, onset + vowels + coda). */
function isSyllable(word: string): boolean {
  const decomposed = word.toLowerCase().normalize('NFD');
  const tones = decomposed.match(TONE_MARKS)?.length ?? 0;
  if (tones > 1) return false;
  const plain = decomposed.replace(TONE_MARKS, '').replace(VOWEL_MARKS, '').replace(/d\u0335|đ/g, 'đ').normalize('NFC');
  if (/[^a-zđ]/.test(plain)) return false;
  const m = /^([^aeiouy]*)([aeiouy]{1,3})([^aeiouy]*)$/.exec(plain) ?? /^(gi|qu)([aeiouy]{0,3})([^aeiouy]*)$/.exec(plain);
  if (!m) return false;
  return ONSETS.has(m[1]!) && CODAS.has(m[3]!);
}

/** Symbols legacy encodings leave behind when read the wrong way; stray combining marks (U+0300–U+036F) too. */
function oddCharacters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x80 && c <= 0xbf) || (c >= 0x2000 && c <= 0x206f) || (c >= 0x300 && c <= 0x36f) || c === 0xfffd) n++;
  }
  return n;
}

/** How Vietnamese a text reads: +1 per syllable with a Vietnamese letter or tone, −2 per odd word or character. */
export function vietnameseScore(text: string): number {
  let score = 0;
  for (const word of text.match(WORD) ?? []) {
    const marked = /[^\u0020-\u007E]/.test(word);
    if (isSyllable(word)) score += marked ? 2 : 0;
    else if (marked) score -= 2;
  }
  score -= 2 * oddCharacters(text);
  return score;
}

export interface EncodingGuess {
  readonly encoding: TextEncoding;
  /** True when every value is ASCII (any encoding reads it the same). */
  readonly ascii: boolean;
  readonly scores: Readonly<Record<TextEncoding, number>>;
}

/** Guesses the encoding of one field from (some of) its values' bytes. */
export function detectEncoding(values: Iterable<Uint8Array>): EncodingGuess {
  const scores: Record<TextEncoding, number> = { utf8: 0, cp1258: 0, tcvn3: 0, vni: 0 };
  let ascii = true;
  let validUtf8 = true;
  for (const bytes of values) {
    if (bytes.every((b) => b < 0x80)) continue;
    ascii = false;
    const asUtf8 = decodeUtf8(bytes);
    if (asUtf8 === null) validUtf8 = false;
    else scores.utf8 += vietnameseScore(asUtf8);
    scores.cp1258 += vietnameseScore(decodeCp1258(bytes));
    scores.tcvn3 += vietnameseScore(decodeTcvn3(bytes));
    scores.vni += vietnameseScore(decodeVni(bytes));
  }
  if (ascii) return { encoding: 'utf8', ascii, scores };
  // Multi-byte UTF-8 that decodes is almost never an accident.
  if (validUtf8) return { encoding: 'utf8', ascii, scores };
  scores.utf8 = Number.NEGATIVE_INFINITY;
  const best = (['cp1258', 'tcvn3', 'vni'] as const).reduce((a, b) => (scores[b] > scores[a] ? b : a));
  return { encoding: best, ascii, scores };
}
