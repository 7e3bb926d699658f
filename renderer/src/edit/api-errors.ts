/**
 * An error from the API as a person reads it: what went wrong in the UI language (by error
 * code), and the core's own line (which names the feature, field or value at fault) after it.
 */
import type { I18n } from '../i18n/context.js';
import type { StringKey } from '../i18n/strings.js';

export interface EditError {
  /** The API's error code ('INVALID_FEATURE', 'CONFLICT', …) or 'UNKNOWN'. */
  readonly code: string;
  /** The core's message (English or bilingual, as the core writes it). */
  readonly detail: string;
}

export function toEditError(error: unknown): EditError {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return { code: (error as { code: string }).code, detail: error instanceof Error ? error.message : String(error) };
  }
  return { code: 'UNKNOWN', detail: error instanceof Error ? error.message : String(error) };
}

const KNOWN: Readonly<Record<string, StringKey>> = {
  INVALID_FEATURE: 'errors.INVALID_FEATURE',
  INVALID_ARGUMENT: 'errors.INVALID_ARGUMENT',
  CONFLICT: 'errors.CONFLICT',
  NOTHING_TO_UNDO: 'errors.NOTHING_TO_UNDO',
  NOTHING_TO_REDO: 'errors.NOTHING_TO_REDO',
  READ_ONLY: 'errors.READ_ONLY',
  FILE_LOCKED: 'errors.FILE_LOCKED',
  UNKNOWN_FEATURE: 'errors.UNKNOWN_FEATURE',
  UNKNOWN_LAYER: 'errors.UNKNOWN_LAYER',
  NOT_FOUND: 'errors.NOT_FOUND',
  METHOD_NOT_ALLOWED: 'errors.NOT_FOUND',
  UNAUTHORIZED: 'errors.UNAUTHORIZED',
  PAYLOAD_TOO_LARGE: 'errors.PAYLOAD_TOO_LARGE',
};

/** The headline of an error in the UI language. */
export function errorTitle(error: EditError, i18n: I18n): string {
  const key = KNOWN[error.code];
  return key ? i18n.t(key) : i18n.t('errors.UNKNOWN');
}
