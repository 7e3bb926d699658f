/**
 * The sync panel's connect form: server URL, protocol (auto / WFS 1.1 / WFS 2.0 / OGC API),
 * login by user + password or by token. Checked before it is sent; the secret goes to the
 * session (and, in the desktop app when asked, to the encrypted store) — never to the project.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/context.js';
import type { StringKey } from '../i18n/strings.js';
import { PROTOCOL_CHOICES, validateConnectForm, type AuthKind, type ConnectForm, type ConnectFormErrors } from '../sync/connect-form.js';
import type { SyncMessage } from '../sync/sync-errors.js';

interface Props {
  readonly initial: ConnectForm;
  /** The desktop app can keep the secret encrypted between runs. */
  readonly canRemember: boolean;
  readonly busy: boolean;
  readonly error: SyncMessage | null;
  onSubmit(form: ConnectForm): void;
  /** Shown when there is a connection to go back to. */
  onCancel?(): void;
}

const PROTOCOL_LABEL: Record<string, StringKey> = {
  auto: 'sync.protocol.auto',
  'wfs-1.1': 'sync.protocol.wfs11',
  'wfs-2.0': 'sync.protocol.wfs20',
  'ogcapi-features': 'sync.protocol.ogcapi',
};

export function SyncConnectForm({ initial, canRemember, busy, error, onSubmit, onCancel }: Props) {
  const i18n = useI18n();
  const [form, setForm] = useState<ConnectForm>(initial);
  const [errors, setErrors] = useState<ConnectFormErrors>({});
  const set = (patch: Partial<ConnectForm>) => {
    setForm({ ...form, ...patch });
    // A field's message goes as soon as it is edited.
    const cleared = { ...errors };
    for (const key of Object.keys(patch)) delete cleared[key as keyof ConnectFormErrors];
    setErrors(cleared);
  };

  function submit(event: FormEvent): void {
    event.preventDefault();
    const found = validateConnectForm(form);
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(form);
  }

  const fieldError = (field: keyof ConnectFormErrors) =>
    errors[field] ? (
      <span className="field-error" role="alert" data-testid={`sync-form-error-${field}`}>
        {i18n.t(errors[field]!)}
      </span>
    ) : null;

  return (
    <form className="sync-form" onSubmit={submit} noValidate data-testid="sync-connect-form">
      <label>
        {i18n.t('sync.form.url')}
        <input
          type="url"
          value={form.url}
          placeholder="https://sdi.example.gov.vn/qgis/ows"
          onChange={(e) => set({ url: e.target.value })}
          aria-invalid={errors.url ? true : undefined}
          data-testid="sync-url"
        />
        {fieldError('url')}
      </label>
      <label>
        {i18n.t('sync.form.protocol')}
        <select value={form.protocol} onChange={(e) => set({ protocol: e.target.value as ConnectForm['protocol'] })} data-testid="sync-protocol">
          {PROTOCOL_CHOICES.map((p) => (
            <option key={p} value={p}>
              {i18n.t(PROTOCOL_LABEL[p]!)}
            </option>
          ))}
        </select>
      </label>
      <div className="segmented" role="radiogroup" aria-label={i18n.t('sync.form.auth')}>
        {(['password', 'token', 'none'] as const satisfies readonly AuthKind[]).map((k) => (
          <button type="button" key={k} role="radio" aria-checked={form.auth === k} className={form.auth === k ? 'active' : ''} onClick={() => set({ auth: k })} data-testid={`sync-auth-${k}`}>
            {i18n.t(`sync.form.auth.${k}`)}
          </button>
        ))}
      </div>
      {form.auth === 'password' && (
        <>
          <label>
            {i18n.t('sync.form.username')}
            <input value={form.username} autoComplete="username" onChange={(e) => set({ username: e.target.value })} aria-invalid={errors.username ? true : undefined} data-testid="sync-username" />
            {fieldError('username')}
          </label>
          <label>
            {i18n.t('sync.form.password')}
            <input
              type="password"
              value={form.password}
              autoComplete="current-password"
              onChange={(e) => set({ password: e.target.value })}
              aria-invalid={errors.password ? true : undefined}
              data-testid="sync-password"
            />
            {fieldError('password')}
          </label>
        </>
      )}
      {form.auth === 'token' && (
        <label>
          {i18n.t('sync.form.token')}
          <input type="password" value={form.token} onChange={(e) => set({ token: e.target.value })} aria-invalid={errors.token ? true : undefined} data-testid="sync-token" />
          {fieldError('token')}
        </label>
      )}
      {form.auth !== 'none' &&
        (canRemember ? (
          <label className="check">
            <input type="checkbox" checked={form.remember} onChange={(e) => set({ remember: e.target.checked })} data-testid="sync-remember" /> {i18n.t('sync.form.remember')}
          </label>
        ) : (
          <p className="muted small" data-testid="sync-secret-session">
            {i18n.t('sync.form.sessionOnly')}
          </p>
        ))}
      <div className="sync-actions">
        <button type="submit" disabled={busy} data-testid="sync-connect">
          {busy ? i18n.t('sync.form.connecting') : i18n.t('sync.form.connect')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} data-testid="sync-connect-cancel">
            {i18n.t('sync.form.cancel')}
          </button>
        )}
      </div>
      {error && <SyncErrorBox error={error} testId="sync-connect-error" />}
    </form>
  );
}

export function SyncErrorBox({ error, testId }: { readonly error: SyncMessage; readonly testId: string }) {
  return (
    <div className="error sync-error" role="alert" data-testid={testId} data-code={error.code}>
      <b>{error.title}</b>
      {error.detail && <div className="small">{error.detail}</div>}
    </div>
  );
}
