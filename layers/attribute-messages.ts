import type { FieldDefinition, FieldType, Label, LayerDefinition } from './types.js';

/*
 * Bilingual messages for attribute problems. Each names the field (label and key) and the value
 * that was refused, so a planner can find it in a form or an import log.
 */

const TYPE_NAMES: Readonly<Record<FieldType, Label>> = {
  text: { vi: 'văn bản', en: 'text' },
  integer: { vi: 'số nguyên', en: 'an integer' },
  real: { vi: 'số', en: 'a number' },
  boolean: { vi: 'đúng/sai', en: 'true/false' },
  date: { vi: 'ngày dạng YYYY-MM-DD', en: 'a date as YYYY-MM-DD' },
};

const MAX_SHOWN = 60;

/** A short, unambiguous rendering of any value. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') {
    const chars = [...value];
    return JSON.stringify(chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join('')}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function fieldName(field: FieldDefinition): Label {
  return { vi: `Trường “${field.label.vi}” (${field.key})`, en: `Field “${field.label.en}” (${field.key})` };
}

function unit(field: FieldDefinition): string {
  return field.unit ? ` ${field.unit}` : '';
}

export function requiredMessage(field: FieldDefinition, value: unknown): Label {
  const name = fieldName(field);
  if (value === undefined) {
    return { vi: `${name.vi} là bắt buộc nhưng chưa có giá trị.`, en: `${name.en} is required but has no value.` };
  }
  return {
    vi: `${name.vi} là bắt buộc nhưng đang để trống (nhận được ${showValue(value)}).`,
    en: `${name.en} is required but is empty (got ${showValue(value)}).`,
  };
}

const DECIMAL_COMMA = /^\s*[+-]?\d+,\d+\s*$/;

export function typeMessage(field: FieldDefinition, value: unknown): Label {
  const name = fieldName(field);
  const want = TYPE_NAMES[field.type];
  // Vietnamese writes 3,5 for 3.5; say so rather than guess (1,000 could be a thousand).
  const hint =
    (field.type === 'real' || field.type === 'integer') && typeof value === 'string' && DECIMAL_COMMA.test(value)
      ? { vi: ' Dùng dấu chấm cho phần thập phân (ví dụ 3.5).', en: ' Use a point as the decimal separator (e.g. 3.5).' }
      : { vi: '', en: '' };
  return {
    vi: `${name.vi} phải là ${want.vi}, nhận được ${showValue(value)}.${hint.vi}`,
    en: `${name.en} must be ${want.en}; got ${showValue(value)}.${hint.en}`,
  };
}

export function codeListMessage(field: FieldDefinition, value: unknown): Label {
  const name = fieldName(field);
  const list = field.codeList;
  const listName: Label = list ? list.label : { vi: '', en: '' };
  // Short lists are spelled out so the fix is obvious; long ones (land-law codes) are not.
  const codes = list && list.entries.length <= 12 ? list.entries.map((e) => e.code).join(', ') : '';
  return {
    vi: `${name.vi}: mã ${showValue(value)} không có trong danh mục “${listName.vi}”.${codes ? ` Các mã hợp lệ: ${codes}.` : ''}`,
    en: `${name.en}: code ${showValue(value)} is not in the list “${listName.en}”.${codes ? ` Valid codes: ${codes}.` : ''}`,
  };
}

export function rangeMessage(field: FieldDefinition, value: number): Label {
  const name = fieldName(field);
  const u = unit(field);
  const { min, max } = field;
  let vi: string;
  let en: string;
  if (min !== undefined && max !== undefined) {
    vi = `nằm ngoài khoảng cho phép ${min}–${max}${u}`;
    en = `is outside the allowed range ${min}–${max}${u}`;
  } else if (min !== undefined) {
    vi = `nhỏ hơn giá trị tối thiểu ${min}${u}`;
    en = `is below the minimum ${min}${u}`;
  } else {
    vi = `lớn hơn giá trị tối đa ${max}${u}`;
    en = `is above the maximum ${max}${u}`;
  }
  return {
    vi: `${name.vi}: giá trị ${showValue(value)}${u} ${vi}.`,
    en: `${name.en}: value ${showValue(value)}${u} ${en}.`,
  };
}

export function lengthMessage(field: FieldDefinition, value: string, length: number): Label {
  const name = fieldName(field);
  return {
    vi: `${name.vi}: ${showValue(value)} dài ${length} ký tự, vượt quá tối đa ${field.maxLength} ký tự.`,
    en: `${name.en}: ${showValue(value)} is ${length} characters long, more than the maximum of ${field.maxLength}.`,
  };
}

export function unknownFieldMessage(layer: LayerDefinition, key: string, value: unknown): Label {
  return {
    vi: `Lớp “${layer.label.vi}” không có trường “${key}” (giá trị ${showValue(value)}).`,
    en: `Layer “${layer.label.en}” has no field “${key}” (value ${showValue(value)}).`,
  };
}
