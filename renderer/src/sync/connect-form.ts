/**
 * The connect form's model: what a person types (server URL, protocol, how to log in) checked
 * before anything is sent, and turned into a `syncConnect` request and the credentials each job
 * carries. No React here, so the rules are one place.
 */
import type { SyncConnectRequest, SyncCredentials, SyncLayerMapping, SyncProtocol } from '../../../gis-core/api/contract.js';

export type ProtocolChoice = 'auto' | SyncProtocol;
export const PROTOCOL_CHOICES: readonly ProtocolChoice[] = ['auto', 'wfs-1.1', 'wfs-2.0', 'ogcapi-features'];

/** How the server wants us to log in: not at all, user + password (basic), or a bearer token. */
export type AuthKind = 'none' | 'password' | 'token';

export interface ConnectForm {
  readonly url: string;
  readonly protocol: ProtocolChoice;
  readonly auth: AuthKind;
  readonly username: string;
  readonly password: string;
  readonly token: string;
  /** Desktop app only: keep the secret encrypted on this computer (Electron safeStorage). */
  readonly remember: boolean;
}

export const EMPTY_FORM: ConnectForm = { url: '', protocol: 'auto', auth: 'password', username: '', password: '', token: '', remember: false };

export type ConnectField = 'url' | 'username' | 'password' | 'token';
/** The i18n key of each problem (kept as literals: this module stays free of the i18n tables). */
export type ConnectFormError =
  | 'sync.form.urlRequired'
  | 'sync.form.urlInvalid'
  | 'sync.form.usernameRequired'
  | 'sync.form.passwordRequired'
  | 'sync.form.tokenRequired';
export type ConnectFormErrors = Partial<Record<ConnectField, ConnectFormError>>;

/** The problems of a form, by field (empty: it can be sent). */
export function validateConnectForm(form: ConnectForm): ConnectFormErrors {
  const errors: { -readonly [F in ConnectField]?: ConnectFormError } = {};
  const url = form.url.trim();
  if (!url) errors.url = 'sync.form.urlRequired';
  else if (!isHttpUrl(url)) errors.url = 'sync.form.urlInvalid';
  if (form.auth === 'password') {
    if (!form.username.trim()) errors.username = 'sync.form.usernameRequired';
    if (!form.password) errors.password = 'sync.form.passwordRequired';
  } else if (form.auth === 'token' && !form.token.trim()) errors.token = 'sync.form.tokenRequired';
  return errors;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The secret the form holds, as jobs and syncConnect take it; undefined when there is none. */
export function formCredentials(form: ConnectForm): SyncCredentials | undefined {
  if (form.auth === 'password') return { username: form.username.trim(), password: form.password };
  if (form.auth === 'token') return { token: form.token.trim() };
  return undefined;
}

export function connectRequest(form: ConnectForm, layers?: readonly SyncLayerMapping[]): SyncConnectRequest {
  const credentials = formCredentials(form);
  return {
    url: form.url.trim(),
    protocol: form.protocol,
    ...(credentials ? { credentials } : {}),
    ...(layers ? { layers } : {}),
  };
}

/** The form filled back from stored credentials (which kind of login they are). */
export function withCredentials(form: ConnectForm, credentials: SyncCredentials | null): ConnectForm {
  if (!credentials) return form;
  if (credentials.token) return { ...form, auth: 'token', token: credentials.token };
  return { ...form, auth: 'password', username: credentials.username ?? form.username, password: credentials.password ?? '' };
}
