/**
 * The layer ↔ feature type mapping syncConnect answered, shown and editable: which PlanDesk
 * layer goes to which server feature type (or is left out), and field by field which server
 * field takes each PlanDesk field. Applying sends it back through syncConnect.
 */
import { useState } from 'react';
import type { LayerInfo, SyncLayerMapping } from '../../../gis-core/api/contract.js';
import type { LayerId } from '../../../layers/types.js';
import { useI18n } from '../i18n/context.js';

interface Props {
  readonly mapping: readonly SyncLayerMapping[];
  readonly layers: readonly LayerInfo[];
  readonly busy: boolean;
  onApply(mapping: SyncLayerMapping[]): void;
}

interface Row {
  readonly layer: LayerId;
  readonly included: boolean;
  readonly featureType: string;
  readonly fields: Readonly<Record<string, string>>;
}

export function SyncMappingTable({ mapping, layers, busy, onApply }: Props) {
  const i18n = useI18n();
  const [rows, setRows] = useState<Row[]>(() => mapping.map((m) => ({ layer: m.layer, included: true, featureType: m.featureType, fields: m.fields })));
  const [open, setOpen] = useState<LayerId | null>(null);
  const byId = new Map(layers.map((l) => [l.id, l]));
  const change = (layer: LayerId, patch: Partial<Row>) => setRows(rows.map((r) => (r.layer === layer ? { ...r, ...patch } : r)));
  const dirty = JSON.stringify(rows.filter((r) => r.included).map(({ layer, featureType, fields }) => ({ layer, featureType, fields }))) !== JSON.stringify(mapping.map(({ layer, featureType, fields }) => ({ layer, featureType, fields })));
  const valid = rows.every((r) => !r.included || r.featureType.trim() !== '');

  if (mapping.length === 0) return <p className="muted small" data-testid="sync-mapping-empty">{i18n.t('sync.mapping.empty')}</p>;

  return (
    <div className="sync-mapping" data-testid="sync-mapping">
      <table className="sync-table">
        <thead>
          <tr>
            <th />
            <th>{i18n.t('sync.mapping.layer')}</th>
            <th>{i18n.t('sync.mapping.featureType')}</th>
            <th>{i18n.t('sync.mapping.fields')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const info = byId.get(row.layer);
            return [
              <tr key={row.layer} data-testid={`sync-mapping-${row.layer}`}>
                <td>
                  <input type="checkbox" checked={row.included} onChange={(e) => change(row.layer, { included: e.target.checked })} aria-label={i18n.t('sync.mapping.include')} />
                </td>
                <td>{info ? i18n.l(info.label) : row.layer}</td>
                <td>
                  <input value={row.featureType} disabled={!row.included} onChange={(e) => change(row.layer, { featureType: e.target.value })} aria-label={i18n.t('sync.mapping.featureType')} />
                </td>
                <td>
                  <button type="button" className="link" onClick={() => setOpen(open === row.layer ? null : row.layer)} aria-expanded={open === row.layer}>
                    {i18n.t('sync.mapping.fieldCount', { n: Object.keys(row.fields).length })}
                  </button>
                </td>
              </tr>,
              open === row.layer && (
                <tr key={`${row.layer}-fields`} className="sync-mapping-fields">
                  <td />
                  <td colSpan={3}>
                    {Object.entries(row.fields).map(([key, name]) => {
                      const field = info?.fields.find((f) => f.key === key);
                      return (
                        <label key={key}>
                          <span>{field ? i18n.l(field.label) : key}</span>
                          <input value={name} onChange={(e) => change(row.layer, { fields: { ...row.fields, [key]: e.target.value } })} />
                        </label>
                      );
                    })}
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
      <button
        type="button"
        disabled={busy || !dirty || !valid}
        onClick={() => onApply(
            rows
              .filter((r) => r.included)
              // A field whose server name is emptied is left out of the sync.
              .map((r) => ({ layer: r.layer, featureType: r.featureType.trim(), fields: Object.fromEntries(Object.entries(r.fields).filter(([, name]) => name.trim() !== '')) })),
          )}
        data-testid="sync-mapping-apply"
      >
        {i18n.t('sync.mapping.apply')}
      </button>
    </div>
  );
}
