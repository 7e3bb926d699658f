/**
 * The validation panel: the layers' rules run through the API (whole project or the view),
 * findings listed with their severity, rule, message in the UI language and layer, filtered by
 * severity, layer and rule; a click zooms to the feature and selects it. After every edit, undo
 * or redo the view is checked again and its findings replace the old ones there (quick: only
 * what is in sight is re-read).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BBox, EditResult, LayerInfo, PlanDeskApi, Severity, ValidationFinding, ValidationReport, ValidationRuleInfo } from '../../../gis-core/api/contract.js';
import type { LayerId } from '../../../layers/types.js';
import { useI18n } from '../i18n/context.js';
import { formatValue } from '../i18n/format.js';

type Scope = 'project' | 'view';

interface Props {
  readonly api: PlanDeskApi;
  readonly layers: readonly LayerInfo[];
  viewBox(): BBox;
  /** Subscribes to applied edits; returns the unsubscribe function. */
  onApplied(listener: (result: EditResult) => void): () => void;
  onPick(finding: ValidationFinding): void;
  onClose(): void;
}

const SEVERITY_ICON: Record<Severity, string> = { error: '⛔', warning: '⚠', info: 'ℹ' };
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SHOWN_MAX = 1000;

function intersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

function findingKey(f: ValidationFinding): string {
  return `${f.rule}:${f.uuid}`;
}

interface Checked {
  readonly findings: readonly ValidationFinding[];
  readonly rules: readonly ValidationRuleInfo[];
  readonly checkedFeatures: number;
  readonly checkedAt: string;
}

export function ValidationPanel({ api, layers, viewBox, onApplied, onPick, onClose }: Props) {
  const i18n = useI18n();
  const [scope, setScope] = useState<Scope>('project');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [running, setRunning] = useState<'full' | 'recheck' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [layerFilter, setLayerFilter] = useState<LayerId | ''>('');
  const [ruleFilter, setRuleFilter] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const generation = useRef(0);
  const byId = useMemo(() => new Map(layers.map((l) => [l.id, l])), [layers]);

  const run = useCallback(
    (which: Scope) => {
      const mine = ++generation.current;
      setRunning('full');
      setError(null);
      api
        .validate(which === 'view' ? { bbox: viewBox() } : {})
        .then((report: ValidationReport) => {
          if (mine !== generation.current) return;
          setChecked({ findings: report.findings, rules: report.rules, checkedFeatures: report.checkedFeatures, checkedAt: report.checkedAt });
        })
        .catch((e: unknown) => mine === generation.current && setError(e instanceof Error ? e.message : String(e)))
        .finally(() => mine === generation.current && setRunning(null));
    },
    [api, viewBox],
  );

  useEffect(() => run(scope), [run, scope]);

  // After an edit: the view again, its findings replacing the old ones there and the changed features'.
  useEffect(
    () =>
      onApplied((result) => {
        const box = viewBox();
        const changed = new Set(result.changes.map((c) => c.uuid));
        const mine = ++generation.current;
        setRunning('recheck');
        api
          .validate({ bbox: box })
          .then((report) => {
            if (mine !== generation.current) return;
            setChecked((previous) => {
              const kept = scope === 'view' ? [] : (previous?.findings ?? []).filter((f) => !changed.has(f.uuid) && !intersects(f.bbox, box));
              return {
                findings: [...kept, ...report.findings],
                rules: report.rules.length ? report.rules : (previous?.rules ?? []),
                checkedFeatures: scope === 'view' ? report.checkedFeatures : (previous?.checkedFeatures ?? report.checkedFeatures),
                checkedAt: report.checkedAt,
              };
            });
          })
          .catch((e: unknown) => mine === generation.current && setError(e instanceof Error ? e.message : String(e)))
          .finally(() => mine === generation.current && setRunning(null));
      }),
    [api, onApplied, scope, viewBox],
  );

  const findings = checked?.findings ?? [];
  const ruleTitle = (code: string) => {
    const rule = checked?.rules.find((r) => r.code === code);
    return rule ? i18n.l(rule.title) : code;
  };
  const shown = findings
    .filter((f) => (!severity || f.severity === severity) && (!layerFilter || f.layerId === layerFilter) && (!ruleFilter || f.rule === ruleFilter))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  // Every layer and rule checked, with its count (a filter keeps its place when its findings are fixed).
  const countBy = (key: (f: ValidationFinding) => string) => {
    const counts = new Map<string, number>();
    for (const f of findings) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
    return counts;
  };
  const layerCounts = countBy((f) => f.layerId);
  const ruleCounts = countBy((f) => f.rule);
  const checkedRules = checked?.rules ?? [];
  const layersWith = [...new Set([...checkedRules.map((r) => r.layerId), ...layerCounts.keys()])].sort(
    (a, b) => (byId.get(a as LayerId)?.drawOrder ?? 0) - (byId.get(b as LayerId)?.drawOrder ?? 0),
  ) as LayerId[];
  const rulesWith = [
    ...new Set([...checkedRules.filter((r) => !layerFilter || r.layerId === layerFilter).map((r) => r.code), ...ruleCounts.keys(), ...(ruleFilter ? [ruleFilter] : [])]),
  ].sort((a, b) => (ruleCounts.get(b) ?? 0) - (ruleCounts.get(a) ?? 0) || a.localeCompare(b));
  const time = checked ? new Date(checked.checkedAt).toLocaleTimeString(i18n.lang === 'vi' ? 'vi-VN' : 'en-GB') : '';

  return (
    <aside className="side-panel validation" data-testid="validation-panel" aria-label={i18n.t('validation.title')} data-running={running ?? ''}>
      <header>
        <div>
          <div className="eyebrow">{i18n.t('tool.validate')}</div>
          <h2>{i18n.t('validation.title')}</h2>
        </div>
        <button className="icon" onClick={onClose} title={i18n.t('validation.close')} aria-label={i18n.t('validation.close')}>
          ✕
        </button>
      </header>
      <div className="validation-controls">
        <div className="segmented" role="radiogroup" aria-label={i18n.t('validation.scope')}>
          {(['project', 'view'] as const).map((s) => (
            <button key={s} role="radio" aria-checked={scope === s} className={scope === s ? 'active' : ''} data-testid={`validation-scope-${s}`} onClick={() => setScope(s)}>
              {i18n.t(`validation.scope.${s}`)}
            </button>
          ))}
        </div>
        <button onClick={() => run(scope)} disabled={running !== null} data-testid="validation-run">
          ⟳ {i18n.t('validation.run')}
        </button>
      </div>
      <div className="severity-counts">
        {(['error', 'warning', 'info'] as const).map((s) => (
          <button
            key={s}
            className={`severity-chip ${s}${severity === s ? ' active' : ''}`}
            aria-pressed={severity === s}
            data-testid={`validation-count-${s}`}
            data-count={counts[s]}
            onClick={() => setSeverity(severity === s ? '' : s)}
          >
            <span aria-hidden="true">{SEVERITY_ICON[s]}</span> {i18n.t(`validation.${s}`)} <b>{formatValue(counts[s], i18n.lang)}</b>
          </button>
        ))}
      </div>
      <div className="validation-filters">
        <label>
          {i18n.t('validation.layer')}
          <select value={layerFilter} data-testid="validation-layer" onChange={(e) => setLayerFilter(e.target.value as LayerId | '')}>
            <option value="">{i18n.t('validation.all')}</option>
            {layersWith.map((id) => (
              <option key={id} value={id}>
                {byId.get(id) ? i18n.l(byId.get(id)!.label) : id} ({formatValue(layerCounts.get(id) ?? 0, i18n.lang)})
              </option>
            ))}
          </select>
        </label>
        <label>
          {i18n.t('validation.rule')}
          <select value={ruleFilter} data-testid="validation-rule" onChange={(e) => setRuleFilter(e.target.value)}>
            <option value="">{i18n.t('validation.all')}</option>
            {rulesWith.map((code) => (
              <option key={code} value={code}>
                {ruleTitle(code)} ({formatValue(ruleCounts.get(code) ?? 0, i18n.lang)})
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="validation-status muted small" data-testid="validation-status">
        {running === 'full' && i18n.t('validation.running')}
        {running === 'recheck' && i18n.t('validation.rechecking')}
        {!running && checked && (
          <>
            {i18n.t('validation.count', { shown: formatValue(shown.length, i18n.lang), total: formatValue(findings.length, i18n.lang) })} ·{' '}
            {i18n.t('validation.checked', { features: formatValue(checked.checkedFeatures, i18n.lang), time })}
          </>
        )}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="validation-error">
          {error}
        </p>
      )}
      {checked && findings.length === 0 && !running && <p className="muted">{i18n.t('validation.none')}</p>}
      <ul className="findings" data-testid="findings">
        {shown.slice(0, SHOWN_MAX).map((finding) => {
          const key = findingKey(finding);
          const layer = byId.get(finding.layerId);
          return (
            <li key={key}>
              <button
                className={`finding ${finding.severity}${picked === key ? ' picked' : ''}`}
                title={i18n.t('validation.zoom')}
                data-testid="finding"
                data-rule={finding.rule}
                data-uuid={finding.uuid}
                data-layer={finding.layerId}
                data-severity={finding.severity}
                onClick={() => {
                  setPicked(key);
                  onPick(finding);
                }}
              >
                <span className="finding-icon" aria-label={i18n.t(`validation.${finding.severity}`)}>
                  {SEVERITY_ICON[finding.severity]}
                </span>
                <span className="finding-body">
                  <span className="finding-title">
                    {ruleTitle(finding.rule)} <span className="finding-code">{finding.rule}</span>
                  </span>
                  <span className="finding-message">{i18n.l(finding.message)}</span>
                  <span className="finding-layer">{layer ? i18n.l(layer.label) : finding.layerId}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
