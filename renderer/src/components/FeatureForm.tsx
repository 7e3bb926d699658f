/**
 * The attribute form, generated from the layer's fields: labels in the UI language, units, code
 * lists as pickers (code and label), required fields marked, type and range problems shown at
 * the field before saving, derived fields read-only and computed live from the geometry and the
 * other fields. Three uses: a new (drawn) feature, one selected feature, and a bulk edit of
 * several (only the fields changed are applied, the same value to all).
 */
import { useMemo, useState } from 'react';
import type { FieldDefinition, LayerInfo } from '../../../gis-core/api/contract.js';
import type { GeoJSONGeometry } from '../../../layers/types.js';
import type { EditFeature } from '../edit/edit-session.js';
import { checkForm, commonTexts, derivedPreview, textsOf } from '../edit/form-model.js';
import { useI18n } from '../i18n/context.js';
import { fieldValueText, showsCodes } from '../i18n/field-value.js';

export type FormKind = 'new' | 'single' | 'bulk';

interface Props {
  readonly info: LayerInfo;
  readonly kind: FormKind;
  /** The selected features (single, bulk); empty for a new one. */
  readonly features: readonly EditFeature[];
  /** The drawn geometry of a new feature. */
  readonly sketch: GeoJSONGeometry | null;
  readonly busy: boolean;
  onSave(values: Record<string, unknown>): Promise<boolean>;
  /** A new feature: discard it; otherwise: close (clear the selection). */
  onCancel(): void;
}

const LONG_TEXT = 1000;

function FieldInput({
  field,
  text,
  placeholder,
  invalid,
  onChange,
}: {
  field: FieldDefinition;
  text: string;
  placeholder: string;
  invalid: boolean;
  onChange(text: string): void;
}) {
  const i18n = useI18n();
  const common = {
    id: `form-${field.key}`,
    'data-testid': `form-${field.key}`,
    'aria-invalid': invalid,
    'aria-required': field.required === true,
  };
  if (field.codeList) {
    const known = field.codeList.entries.some((e) => e.code === text);
    return (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        <option value="">{placeholder || i18n.t('form.empty')}</option>
        {text && !known && <option value={text}>{text}</option>}
        {field.codeList.entries.map((entry) => (
          <option key={entry.code} value={entry.code}>
            {showsCodes(field.codeList!) ? `${entry.code} — ${i18n.l(entry.label)}` : i18n.l(entry.label)}
          </option>
        ))}
      </select>
    );
  }
  if (field.type === 'boolean') {
    return (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        <option value="">{placeholder || i18n.t('form.empty')}</option>
        <option value="true">{i18n.t('identify.yes')}</option>
        <option value="false">{i18n.t('identify.no')}</option>
      </select>
    );
  }
  if (field.type === 'date') return <input {...common} type="date" value={text} onChange={(e) => onChange(e.target.value)} />;
  if (field.type === 'text' && (field.maxLength ?? 0) >= LONG_TEXT) {
    return <textarea {...common} rows={2} value={text} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />;
  }
  const numeric = field.type === 'integer' || field.type === 'real';
  return (
    <input
      {...common}
      type="text"
      inputMode={numeric ? (field.type === 'integer' ? 'numeric' : 'decimal') : undefined}
      className={numeric ? 'num' : undefined}
      value={text}
      placeholder={placeholder}
      autoComplete="off"
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function FeatureForm({ info, kind, features, sketch, busy, onSave, onCancel }: Props) {
  const i18n = useI18n();
  /** What the person typed, by field; the rest shows the stored values. */
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState(false);

  const base = useMemo(() => {
    if (kind === 'new') return { texts: textsOf(info, null, i18n.lang), mixed: new Set<string>() };
    if (kind === 'single') return { texts: textsOf(info, features[0]?.properties ?? null, i18n.lang), mixed: new Set<string>() };
    return commonTexts(
      info,
      features.map((f) => f.properties),
      i18n.lang,
    );
  }, [info, kind, features, i18n.lang]);

  const texts = { ...base.texts, ...edits };
  const touched = new Set(Object.keys(edits).filter((key) => edits[key] !== base.texts[key] || base.mixed.has(key)));
  const all = checkForm(info, texts, i18n);
  const sent = kind === 'new' ? all : checkForm(info, texts, i18n, touched);
  const blocking = [...sent.problems.keys()];
  const geometry = kind === 'new' ? sketch : kind === 'single' ? (features[0]?.geometry ?? null) : null;
  const stored = kind === 'single' ? (features[0]?.properties ?? {}) : {};
  const derived = kind === 'bulk' ? null : derivedPreview(info, { ...stored, ...all.values }, geometry);

  async function save(): Promise<void> {
    setSubmitted(true);
    if (blocking.length > 0) return;
    if (kind !== 'new' && touched.size === 0) return;
    const values = kind === 'new' ? all.values : sent.values;
    if (await onSave(values)) {
      setEdits({});
      setSubmitted(false);
    }
  }

  const eyebrow = kind === 'new' ? i18n.t('form.new') : kind === 'bulk' ? i18n.t('form.bulk', { count: features.length }) : i18n.t('form.edit');

  return (
    <aside className="side-panel feature-form" data-testid="feature-form" data-kind={kind} aria-label={eyebrow}>
      <header>
        <div>
          <div className="eyebrow">{eyebrow}</div>
          <h2>{i18n.l(info.label)}</h2>
        </div>
        <button className="icon" onClick={onCancel} title={i18n.t('form.cancel')} aria-label={i18n.t('form.cancel')}>
          ✕
        </button>
      </header>
      {kind === 'bulk' && <p className="muted small">{i18n.t('form.bulkHint')}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {info.fields.map((field) => {
          const label = i18n.l(field.label);
          if (field.derived) {
            const value = derived ? derived[field.key] : null;
            const shown = derived ? fieldValueText(field, value, i18n) : base.mixed.has(field.key) ? i18n.t('form.mixed') : fieldValueText(field, features[0]?.properties[field.key], i18n);
            return (
              <div key={field.key} className="form-row derived" data-field={field.key} title={i18n.t('form.derivedTitle')}>
                <label htmlFor={`form-${field.key}`}>
                  {label} <span className="tag">{i18n.t('form.derived')}</span>
                </label>
                <output id={`form-${field.key}`} data-testid={`form-${field.key}`} data-value={value === null || value === undefined ? '' : String(value)}>
                  {shown || i18n.t('form.empty')}
                </output>
              </div>
            );
          }
          const problem = all.problems.get(field.key);
          const show = problem !== undefined && (submitted || touched.has(field.key) || (kind === 'single' && texts[field.key] !== ''));
          return (
            <div key={field.key} className={`form-row${show ? ' invalid' : ''}`} data-field={field.key}>
              <label htmlFor={`form-${field.key}`} title={field.description ? i18n.l(field.description) : field.key}>
                {label}
                {field.required && (
                  <span className="required" title={i18n.t('form.requiredMark')} aria-label={i18n.t('form.requiredMark')}>
                    *
                  </span>
                )}
                {field.unit && <span className="unit"> ({field.unit})</span>}
              </label>
              <FieldInput
                field={field}
                text={texts[field.key] ?? ''}
                placeholder={base.mixed.has(field.key) && edits[field.key] === undefined ? i18n.t('form.mixed') : ''}
                invalid={show}
                onChange={(text) => setEdits({ ...edits, [field.key]: text })}
              />
              {show && (
                <div className="field-problem" data-testid={`problem-${field.key}`}>
                  {problem}
                </div>
              )}
            </div>
          );
        })}
        <div className="form-actions">
          {submitted && blocking.length > 0 && <span className="error small">{i18n.t('form.problems', { count: blocking.length })}</span>}
          {submitted && blocking.length === 0 && kind !== 'new' && touched.size === 0 && <span className="muted small">{i18n.t('form.noChanges')}</span>}
          <button type="button" onClick={() => (kind === 'new' ? onCancel() : setEdits({}))} data-testid="form-cancel">
            {kind === 'new' ? i18n.t('form.cancel') : i18n.t('form.reset')}
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="form-save">
            {i18n.t('form.save')}
          </button>
        </div>
      </form>
      {kind === 'single' && features[0] && (
        <div className="mono muted small form-uuid" data-testid="form-uuid">
          {features[0].uuid}
        </div>
      )}
    </aside>
  );
}
