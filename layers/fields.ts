import { STATUS } from './codelists/status.js';
import type { FieldDefinition, Label } from './types.js';

/*
 * Field definitions that several layers share, so that the same column has the same label,
 * type and limits everywhere.
 */

export const TEXT_SHORT = 64;
export const TEXT_NAME = 255;
export const TEXT_NOTE = 2000;
/** A uuid in its 36-character text form. */
export const TEXT_UUID = 36;

export function statusField(required: boolean): FieldDefinition {
  return { key: 'status', label: STATUS.label, type: 'text', codeList: STATUS, maxLength: TEXT_SHORT, ...(required ? { required } : {}) };
}

/** The feature's own identifier on the network or in the field (mã hiệu), e.g. a manhole number. */
export function codeField(label: Label, required = false): FieldDefinition {
  return { key: 'code', label, type: 'text', maxLength: TEXT_SHORT, ...(required ? { required } : {}) };
}

export function nameField(label: Label, required = false): FieldDefinition {
  return { key: 'name', label, type: 'text', maxLength: TEXT_NAME, ...(required ? { required } : {}) };
}

export const addressField: FieldDefinition = {
  key: 'address',
  label: { vi: 'Địa chỉ', en: 'Address' },
  type: 'text',
  maxLength: TEXT_NAME,
};

export const noteField: FieldDefinition = {
  key: 'note',
  label: { vi: 'Ghi chú', en: 'Note' },
  type: 'text',
  maxLength: TEXT_NOTE,
};

/** Planning information code of Circular 16/2025/TT-BXD (maThongTinQH), for SDI exports. */
export const planCodeField: FieldDefinition = {
  key: 'plan_code',
  label: { vi: 'Mã thông tin quy hoạch', en: 'Planning information code' },
  type: 'text',
  maxLength: TEXT_SHORT,
  description: {
    vi: 'maThongTinQH theo Thông tư 16/2025/TT-BXD.',
    en: 'maThongTinQH of Circular 16/2025/TT-BXD.',
  },
};

/** Line length, computed from the geometry in the project CRS (metres). */
export const lengthField: FieldDefinition = {
  key: 'length_m',
  label: { vi: 'Chiều dài', en: 'Length' },
  type: 'real',
  unit: 'm',
  min: 0,
  derived: true,
};

export function yearField(key: string, label: Label): FieldDefinition {
  return { key, label, type: 'integer', min: 1800, max: 2100 };
}

export function diameterField(label: Label, min: number, max: number, required = false): FieldDefinition {
  return { key: 'diameter_mm', label, type: 'integer', unit: 'mm', min, max, ...(required ? { required } : {}) };
}
