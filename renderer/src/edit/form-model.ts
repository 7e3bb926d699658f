/**
 * The feature form as data: the text in each input, read back into typed attribute values with
 * the layer's own checks (`layers/attributes.ts`: types, code lists, ranges, lengths; required
 * fields here), short problem lines for the inputs, and the derived fields computed live
 * (`layers/derive.ts`) for the geometry being edited. Numbers are written and read in the UI
 * language (1,5 in Vietnamese; a point is read too).
 */
import type { FieldDefinition, LayerInfo } from '../../../gis-core/api/contract.js';
import { checkValue, coerceAttribute } from '../../../layers/attributes.js';
import { deriveValues } from '../../../layers/derive.js';
import type { GeoJSONGeometry, LayerDefinition } from '../../../layers/types.js';
import type { I18n } from '../i18n/context.js';
import type { Lang } from '../i18n/strings.js';

export type FormTexts = Readonly<Record<string, string>>;

/** Fields a person fills in (derived ones are computed). */
export function editableFields(info: LayerInfo): FieldDefinition[] {
  return info.fields.filter((f) => !f.derived);
}

export function valueToText(field: FieldDefinition, value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && (field.type === 'real' || field.type === 'integer')) {
    return value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { useGrouping: false, maximumFractionDigits: 10 });
  }
  if (field.type === 'boolean') return value === true || value === 1 ? 'true' : value === false || value === 0 ? 'false' : '';
  return String(value);
}

/** The inputs' texts for one feature (or empty ones for a new feature). */
export function textsOf(info: LayerInfo, properties: Readonly<Record<string, unknown>> | null, lang: Lang): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const field of info.fields) texts[field.key] = valueToText(field, properties?.[field.key], lang);
  return texts;
}

/** For several features: the common text of each field, and the fields whose values differ. */
export function commonTexts(
  info: LayerInfo,
  propertiesList: readonly Readonly<Record<string, unknown>>[],
  lang: Lang,
): { texts: Record<string, string>; mixed: Set<string> } {
  const texts: Record<string, string> = {};
  const mixed = new Set<string>();
  for (const field of info.fields) {
    const values = new Set(propertiesList.map((p) => valueToText(field, p[field.key], lang)));
    if (values.size === 1) texts[field.key] = [...values][0]!;
    else {
      texts[field.key] = '';
      mixed.add(field.key);
    }
  }
  return { texts, mixed };
}

/** Number text in either decimal style: "1,5", "1.5", "1.234,5", "1,234.5". */
function normaliseNumber(text: string): string {
  const t = text.trim().replace(/\s/g, '');
  const comma = t.lastIndexOf(',');
  const dot = t.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) return comma > dot ? t.replaceAll('.', '').replace(',', '.') : t.replaceAll(',', '');
  if (comma >= 0) return t.replace(',', '.');
  return t;
}

export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

function rangeText(field: FieldDefinition, i18n: I18n): string {
  const unit = field.unit ? ` ${field.unit}` : '';
  const n = (x: number) => x.toLocaleString(i18n.lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 6 });
  if (field.min !== undefined && field.max !== undefined) return i18n.t('form.range', { min: n(field.min), max: n(field.max), unit });
  if (field.min !== undefined) return i18n.t('form.min', { min: n(field.min), unit });
  return i18n.t('form.max', { max: n(field.max ?? 0), unit });
}

/** One input's text as the field's value, or a short problem line. Blank is null (required is checked apart). */
export function parseText(field: FieldDefinition, text: string, i18n: I18n): Parsed {
  const raw = field.type === 'real' || field.type === 'integer' ? normaliseNumber(text) : text;
  const coerced = coerceAttribute(field, field.type === 'boolean' ? (raw === '' ? null : raw === 'true') : raw);
  if (!coerced.ok) {
    const key = field.type === 'integer' ? 'form.notInteger' : field.type === 'real' ? 'form.notNumber' : field.type === 'date' ? 'form.notDate' : 'form.invalid';
    return { ok: false, problem: i18n.t(key) };
  }
  if (coerced.value === null) return { ok: true, value: null };
  const problem = checkValue(field, coerced.value);
  if (!problem) return { ok: true, value: coerced.value };
  switch (problem.code) {
    case 'range':
      return { ok: false, problem: rangeText(field, i18n) };
    case 'length':
      return { ok: false, problem: i18n.t('form.tooLong', { max: field.maxLength ?? 0 }) };
    case 'code_list':
      return { ok: false, problem: i18n.t('form.notInList') };
    default:
      return { ok: false, problem: i18n.l(problem.message) };
  }
}

export interface FormCheck {
  /** Typed values of the fields checked (all editable fields, or only the touched ones in a bulk edit). */
  readonly values: Record<string, unknown>;
  /** Problem line by field key. */
  readonly problems: ReadonlyMap<string, string>;
}

/**
 * Reads the form. `only`: the fields to read (a bulk edit sends only what was set); all editable
 * fields otherwise, required ones included.
 */
export function checkForm(info: LayerInfo, texts: FormTexts, i18n: I18n, only?: ReadonlySet<string>): FormCheck {
  const values: Record<string, unknown> = {};
  const problems = new Map<string, string>();
  for (const field of editableFields(info)) {
    if (only && !only.has(field.key)) continue;
    const parsed = parseText(field, texts[field.key] ?? '', i18n);
    if (!parsed.ok) {
      problems.set(field.key, parsed.problem);
      continue;
    }
    if (parsed.value === null && field.required) problems.set(field.key, i18n.t('form.required'));
    values[field.key] = parsed.value;
  }
  return { values, problems };
}

/** The derived fields for these values and geometry (null where they cannot be computed). */
export function derivedPreview(info: LayerInfo, values: Readonly<Record<string, unknown>>, geometry: GeoJSONGeometry | null): Record<string, unknown> {
  // deriveValues reads a layer's fields only; the API's LayerInfo carries the same fields.
  return deriveValues({ id: info.id, fields: info.fields } as unknown as LayerDefinition, values, geometry);
}

/**
 * Which fields "copy attributes" carries by default: chosen values (code lists, quantities with
 * a unit, yes/no, dates), not what identifies one feature (codes, names, notes, sheet and parcel
 * numbers: free text and bare numbers).
 */
export function copiedByDefault(field: FieldDefinition): boolean {
  if (field.derived) return false;
  return field.codeList !== undefined || field.unit !== undefined || field.type === 'boolean' || field.type === 'date';
}
