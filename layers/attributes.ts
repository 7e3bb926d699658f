import {
  codeListMessage,
  lengthMessage,
  rangeMessage,
  requiredMessage,
  typeMessage,
  unknownFieldMessage,
} from './attribute-messages.js';
import { isBookkeepingColumn } from './bookkeeping.js';
import { codeEntry } from './codelists/index.js';
import type { FieldDefinition, Label, LayerDefinition } from './types.js';

/*
 * Attribute checks of one feature against its layer's fields: types, required values, code
 * lists, ranges, lengths and unknown keys. Cross-field and geometric checks are layer rules.
 */

export type AttributeProblemCode = 'required' | 'type' | 'code_list' | 'range' | 'length' | 'unknown_field';

export interface AttributeProblem {
  /** The field key (for `unknown_field`, the unknown key). */
  readonly field: string;
  readonly code: AttributeProblemCode;
  readonly message: Label;
}

export interface CheckOptions {
  /**
   * An update that carries only the changed keys: required fields that are absent are not
   * reported. A required field that is present but empty still is (that would clear it).
   */
  readonly partial?: boolean;
}

/** What an attribute holds once checked: booleans stay booleans here, the store writes 0/1. */
export type AttributeValue = string | number | boolean | null;

export type CoerceResult =
  | { readonly ok: true; readonly value: AttributeValue }
  | { readonly ok: false; readonly problem: AttributeProblem };

/** NULL, undefined and whitespace-only text all mean "no value". */
function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function hasType(field: FieldDefinition, value: unknown): boolean {
  switch (field.type) {
    case 'text':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'real':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && isIsoDate(value);
  }
}

/**
 * The problem with one non-empty value of a field, or undefined when it is fine. An empty value
 * is fine here; whether it may be empty is `checkAttributes`' business.
 */
export function checkValue(field: FieldDefinition, value: unknown): AttributeProblem | undefined {
  if (isBlank(value)) return undefined;
  const problem = (code: AttributeProblemCode, message: Label): AttributeProblem => ({ field: field.key, code, message });

  if (!hasType(field, value)) return problem('type', typeMessage(field, value));

  if (typeof value === 'string') {
    if (field.codeList && !codeEntry(field.codeList, value)) {
      return problem('code_list', codeListMessage(field, value));
    }
    const length = [...value].length;
    if (field.maxLength !== undefined && length > field.maxLength) {
      return problem('length', lengthMessage(field, value, length));
    }
  }

  if (typeof value === 'number') {
    if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
      return problem('range', rangeMessage(field, value));
    }
  }
  return undefined;
}

/**
 * Every attribute problem of `properties` for `layer`, fields in form order, then unknown keys.
 * Values are checked as given (a numeric string in a number field is a type problem); run
 * `coerceAttribute` first on input that comes as text. Bookkeeping columns (uuid, created_at, …)
 * are not attributes and are skipped.
 */
export function checkAttributes(
  layer: LayerDefinition,
  properties: Readonly<Record<string, unknown>>,
  options: CheckOptions = {},
): AttributeProblem[] {
  const problems: AttributeProblem[] = [];
  const known = new Set<string>();

  for (const field of layer.fields) {
    known.add(field.key);
    const present = Object.prototype.hasOwnProperty.call(properties, field.key);
    const value = present ? properties[field.key] : undefined;
    if (isBlank(value)) {
      if (field.required && (present || !options.partial)) {
        problems.push({ field: field.key, code: 'required', message: requiredMessage(field, value) });
      }
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) problems.push(problem);
  }

  for (const [key, value] of Object.entries(properties)) {
    if (known.has(key) || isBookkeepingColumn(key)) continue;
    problems.push({ field: key, code: 'unknown_field', message: unknownFieldMessage(layer, key, value) });
  }
  return problems;
}

const INTEGER_TEXT = /^[+-]?\d+(\.0*)?$/;
const REAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DMY_TEXT = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'có', 'đúng']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'không', 'sai']);

function fold(text: string): string {
  return text.normalize('NFC').trim().toLocaleLowerCase('vi');
}

/** A code list value written as another case or as its label (vi or en) becomes the code. */
function canonicalCode(field: FieldDefinition, text: string): string {
  const list = field.codeList;
  if (!list || codeEntry(list, text)) return text;
  const folded = fold(text);
  const match = list.entries.find(
    (entry) => fold(entry.code) === folded || fold(entry.label.vi) === folded || fold(entry.label.en) === folded,
  );
  return match ? match.code : text;
}

/**
 * Converts a value to the field's type where the conversion is obvious: numeric text to numbers,
 * 'true'/'1'/'có' and 1/0 to booleans, numbers to text, 'DD/MM/YYYY' and Date objects (UTC) to
 * ISO dates, a code list label or mis-cased code to the code. Text is trimmed; blank becomes null.
 * Returns a `type` problem when the value cannot be read as the field's type; it does not check
 * ranges, lengths or code list membership (that is `checkValue`).
 */
export function coerceAttribute(field: FieldDefinition, value: unknown): CoerceResult {
  if (isBlank(value)) return { ok: true, value: null };
  const fail = (): CoerceResult => ({
    ok: false,
    problem: { field: field.key, code: 'type', message: typeMessage(field, value) },
  });
  const text = typeof value === 'string' ? value.trim() : undefined;

  switch (field.type) {
    case 'text': {
      if (text !== undefined) return { ok: true, value: canonicalCode(field, text.normalize('NFC')) };
      if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint') {
        return { ok: true, value: canonicalCode(field, String(value)) };
      }
      return fail();
    }
    case 'integer': {
      if (typeof value === 'number') return Number.isInteger(value) ? { ok: true, value } : fail();
      if (typeof value === 'bigint') {
        return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
          ? { ok: true, value: Number(value) }
          : fail();
      }
      if (text !== undefined && INTEGER_TEXT.test(text)) {
        const n = Number(text);
        return Number.isSafeInteger(n) ? { ok: true, value: n } : fail();
      }
      return fail();
    }
    case 'real': {
      if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : fail();
      if (text !== undefined && REAL_TEXT.test(text)) {
        const n = Number(text);
        return Number.isFinite(n) ? { ok: true, value: n } : fail();
      }
      return fail();
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 1 || value === 0) return { ok: true, value: value === 1 };
      if (text !== undefined) {
        const word = fold(text);
        if (TRUE_WORDS.has(word)) return { ok: true, value: true };
        if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      }
      return fail();
    }
    case 'date': {
      if (value instanceof Date) {
        return Number.isNaN(value.getTime()) ? fail() : { ok: true, value: value.toISOString().slice(0, 10) };
      }
      if (text === undefined) return fail();
      if (isIsoDate(text)) return { ok: true, value: text };
      // Vietnamese writes dates day first.
      const m = DMY_TEXT.exec(text);
      if (m) {
        const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
        if (isIsoDate(iso)) return { ok: true, value: iso };
      }
      return fail();
    }
  }
}
