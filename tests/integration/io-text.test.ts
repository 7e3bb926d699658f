/**
 * Legacy Vietnamese text in shapefiles: DBFs written in TCVN3, VNI-Windows and Windows-1258
 * (bytes made by glibc iconv and by this file's own VNI table, not by the code under test)
 * become NFC Unicode on import, detected per field.
 */
import { describe, expect, it } from 'vitest';
import { inspectSource, importFile } from '../../gis-core/io/import.js';
import { Project } from '../../gis-core/store/project.js';
import { join } from 'node:path';
import { bytesAsLatin1, iconv, shapefileWithBytes } from '../helpers/gdal-fixtures.js';
import { tempDir } from '../helpers/temp.js';
import { decodeTcvn3 } from '../../gis-core/io/vn-text.js';

const TONES = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/** Every Vietnamese vowel with every tone, lower then upper case, plus đ/Đ and the consonants. */
function allLetters(): string[] {
  const lower = VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize('NFC')));
  return [...lower, ...lower.map((l) => l.toUpperCase()), 'đa', 'Đa', 'bcdghklmnpqrstvx', 'BCDGHKLMNPQRSTVX'];
}

/** Rows of at most `n` words, as the DBF holds them. */
function rowsOf(words: readonly string[], n: number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < words.length; i += n) rows.push(words.slice(i, i + n).join(' '));
  return rows;
}

// VNI-Windows, written here independently of gis-core/io/vn-text.ts: [lower, upper] mark bytes (cp1252).
const VNI_TONE: Record<string, [string, string]> = { '\u0301': ['ù', 'Ù'], '\u0300': ['ø', 'Ø'], '\u0309': ['û', 'Û'], '\u0303': ['õ', 'Õ'], '\u0323': ['ï', 'Ï'] };
const VNI_CIRC: Record<string, [string, string]> = { '': ['â', 'Â'], '\u0301': ['á', 'Á'], '\u0300': ['à', 'À'], '\u0309': ['å', 'Å'], '\u0303': ['ã', 'Ã'], '\u0323': ['ä', 'Ä'] };
const VNI_BREVE: Record<string, [string, string]> = { '': ['ê', 'Ê'], '\u0301': ['é', 'É'], '\u0300': ['è', 'È'], '\u0309': ['ú', 'Ú'], '\u0303': ['ü', 'Ü'], '\u0323': ['ë', 'Ë'] };
const VNI_I: Record<string, [string, string]> = { '\u0301': ['í', 'Í'], '\u0300': ['ì', 'Ì'], '\u0309': ['æ', 'Æ'], '\u0303': ['ó', 'Ó'], '\u0323': ['ò', 'Ò'] };

function vniLetter(ch: string): string {
  if (ch === 'đ') return 'ñ';
  if (ch === 'Đ') return 'Ñ';
  const d = ch.normalize('NFD');
  const base = d[0]!;
  const marks = d.slice(1);
  const k = base === base.toLowerCase() ? 0 : 1;
  const tone = [...marks].find((m) => m in VNI_TONE) ?? '';
  if (marks.includes('\u0302')) return base + VNI_CIRC[tone]![k];
  if (marks.includes('\u0306')) return base + VNI_BREVE[tone]![k];
  if (marks.includes('\u031B')) {
    const b = base.toLowerCase() === 'o' ? ['ô', 'Ô'][k]! : ['ö', 'Ö'][k]!;
    return b + (tone ? VNI_TONE[tone]![k] : '');
  }
  if (base.toLowerCase() === 'i' && tone) return VNI_I[tone]![k];
  if (base.toLowerCase() === 'y' && tone === '\u0323') return ['î', 'Î'][k]!;
  return base + (tone ? VNI_TONE[tone]![k] : '');
}

/** VNI bytes, as a string of code points 0–255 (all VNI bytes are in Latin-1's range here). */
function vni(text: string): string {
  return [...text.normalize('NFC')].map(vniLetter).join('');
}

const dir = tempDir('plandesk-io-text-');

function project(name: string): Project {
  return Project.create(join(dir, `${name}.plandesk.sqlite`), { name, province: 'Hà Nội', crsEpsg: 5897 });
}

const point = (i: number) => ({ type: 'Point', coordinates: [500000 + i * 10, 2300000] });

async function importRows(name: string, encoded: readonly string[], plain: readonly string[]): Promise<{ names: string[]; encoding: string }> {
  const shp = shapefileWithBytes(
    dir,
    name,
    encoded.map((value, i) => ({ properties: { code: `V${i}`, name: value, ghi_chu: 'abc' }, geometry: point(i) })),
    'EPSG:5897',
  );
  const p = project(name);
  try {
    const inspected = await inspectSource(shp);
    const encoding = inspected.layers[0]!.encodings['name']!.encoding;
    const result = await importFile(p, shp, { layer: 'water_hydrants', mapping: { name: null } });
    expect(result.rejected).toEqual([]);
    expect(result.imported).toBe(plain.length);
    const names = p.features('water_hydrants', { orderBy: { field: 'code' } }).map((f) => String(f.extraAttributes?.['name']));
    return { names, encoding };
  } finally {
    p.close();
  }
}

const sortByCode = (rows: readonly string[]) => rows.map((r, i) => [`V${i}`, r] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, r]) => r);

describe('legacy Vietnamese text in shapefiles', () => {
  const rows = rowsOf(allLetters(), 12);

  it('covers every vowel with all five tones in both cases', () => {
    expect(allLetters().length).toBe(12 * 6 * 2 + 4);
    expect(new Set(allLetters()).size).toBe(allLetters().length);
  });

  it('TCVN3 (ABC) bytes are detected and become NFC Unicode', async () => {
    const encoded = rows.map((r) => bytesAsLatin1(iconv(r, 'TCVN5712-1')));
    const { names, encoding } = await importRows('tcvn3', encoded, rows);
    expect(encoding).toBe('tcvn3');
    expect(names).toEqual(sortByCode(rows));
    for (const n of names) expect(n).toBe(n.normalize('NFC'));
  });

  it('VNI-Windows bytes are detected and become NFC Unicode', async () => {
    const encoded = rows.map(vni);
    const { names, encoding } = await importRows('vni', encoded, rows);
    expect(encoding).toBe('vni');
    expect(names).toEqual(sortByCode(rows));
  });

  it('Windows-1258 bytes are detected and become NFC Unicode', async () => {
    const lowerRows = rowsOf(allLetters(), 8);
    const encoded = lowerRows.map((r) => bytesAsLatin1(iconv(r, 'WINDOWS-1258')));
    const { names, encoding } = await importRows('cp1258', encoded, lowerRows);
    expect(encoding).toBe('cp1258');
    expect(names).toEqual(sortByCode(lowerRows));
  });

  it('UTF-8 text stays as it is', async () => {
    const shp = join(dir, 'utf8.shp');
    const { ogr2ogr, writeGeoJson } = await import('../helpers/gdal-fixtures.js');
    const src = writeGeoJson(dir, 'utf8-src', rows.map((r, i) => ({ properties: { code: `V${i}`, name: r }, geometry: point(i) })));
    ogr2ogr(['-f', 'ESRI Shapefile', shp, src, '-lco', 'ENCODING=UTF-8', '-a_srs', 'EPSG:5897']);
    const inspected = await inspectSource(shp);
    expect(inspected.layers[0]!.encodings['name']!.encoding).toBe('utf8');
    expect(inspected.layers[0]!.samples[0]!['name']).toBe(rows[0]);
  });

  it("the encoding can be overridden, and TCVN3's upper-case fonts read as capitals", async () => {
    const text = 'thành phố hồ chí minh';
    expect(decodeTcvn3(iconv(text, 'TCVN5712-1'), { upperCaseFont: true })).toBe('THÀNH PHỐ HỒ CHÍ MINH');
    const shp = shapefileWithBytes(dir, 'upper', [{ properties: { code: 'A', name: bytesAsLatin1(iconv(text, 'TCVN5712-1')) }, geometry: point(0) }], 'EPSG:5897');
    const p = project('upper');
    try {
      await importFile(p, shp, { layer: 'water_hydrants', mapping: { name: null }, encoding: 'tcvn3', upperCaseFont: true });
      expect(p.features('water_hydrants')[0]!.extraAttributes?.['name']).toBe('THÀNH PHỐ HỒ CHÍ MINH');
    } finally {
      p.close();
    }
  });
});
