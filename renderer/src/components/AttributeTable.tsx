/**
 * The attribute table of one layer: virtualised (only the rows in sight are in the DOM),
 * sortable by any column (click a header; again to reverse), filterable (text in any column,
 * code-list labels included), zoom-to-row. Rows come from the API, in pages up to TABLE_LIMIT —
 * the whole layer, or only the features in the map view ("In view").
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiFeature, BBox, LayerInfo, PlanDeskApi } from '../../../gis-core/api/contract.js';
import { useI18n } from '../i18n/context.js';
import { compareValues, fieldValueText } from '../i18n/field-value.js';
import { formatValue } from '../i18n/format.js';
import { useVirtualRows } from './useVirtualRows.js';

export const TABLE_LIMIT = 20000;
const ROW_HEIGHT = 28;

interface Props {
  readonly layer: LayerInfo;
  readonly api: PlanDeskApi;
  readonly crs: string;
  readonly selectedUuid: string | null;
  viewBox(): BBox;
  onClose(): void;
  onSelect(feature: ApiFeature): void;
  onZoom(feature: ApiFeature): void;
}

interface Sort {
  readonly field: string;
  readonly descending: boolean;
}

export function AttributeTable({ layer, api, crs, selectedUuid, viewBox, onClose, onSelect, onZoom }: Props) {
  const i18n = useI18n();
  const [rows, setRows] = useState<ApiFeature[] | null>(null);
  const [matched, setMatched] = useState(0);
  const [truncated, setTruncated] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [inView, setInView] = useState(layer.featureCount > TABLE_LIMIT);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<Sort | null>(null);

  useEffect(() => {
    let live = true;
    setRows(null);
    setError(null);
    api
      .features(layer.id, { limit: TABLE_LIMIT, crs, ...(inView ? { bbox: viewBox() } : {}) })
      .then((collection) => {
        if (!live) return;
        setRows(collection.features);
        setMatched(collection.numberMatched);
        setTruncated(collection.truncated);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
    // viewBox is read when the table (re)loads, not on every pan.
  }, [api, layer.id, crs, inView]);

  const collator = useMemo(() => new Intl.Collator(i18n.lang === 'vi' ? 'vi' : 'en', { numeric: true }), [i18n.lang]);

  const visible = useMemo(() => {
    if (!rows) return [];
    const needle = filter.trim().toLocaleLowerCase();
    let result = needle
      ? rows.filter((row) =>
          layer.fields.some((field) => fieldValueText(field, row.properties[field.key], i18n).toLocaleLowerCase().includes(needle)),
        )
      : rows;
    if (sort) {
      const direction = sort.descending ? -1 : 1;
      result = [...result].sort((a, b) => direction * compareValues(a.properties[sort.field], b.properties[sort.field], collator));
    }
    return result;
  }, [rows, filter, sort, layer.fields, i18n, collator]);

  const { ref, onScroll, window } = useVirtualRows(visible.length, ROW_HEIGHT);

  function toggleSort(field: string): void {
    setSort((current) => (current?.field === field ? { field, descending: !current.descending } : { field, descending: false }));
  }

  const columns = layer.fields;
  const gridTemplate = `84px ${columns.map((f) => (f.codeList ? '220px' : f.type === 'text' ? '170px' : '120px')).join(' ')}`;

  return (
    <section className="attribute-table" data-testid="attribute-table" aria-label={i18n.t('table.title')}>
      <header>
        <h2>
          {i18n.t('table.title')}: <span data-testid="table-layer">{i18n.l(layer.label)}</span>
        </h2>
        <input
          type="search"
          placeholder={i18n.t('table.filter')}
          value={filter}
          data-testid="table-filter"
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={inView} onChange={(e) => setInView(e.target.checked)} data-testid="table-in-view" />
          {i18n.t('table.inView')}
        </label>
        <span className="muted" data-testid="table-count">
          {rows ? i18n.t('table.rows', { shown: formatValue(visible.length, i18n.lang), total: formatValue(matched, i18n.lang) }) : i18n.t('table.loading')}
          {truncated && ` · ${i18n.t('table.truncated', { limit: formatValue(TABLE_LIMIT, i18n.lang) })}`}
        </span>
        <button className="icon" onClick={onClose} title={i18n.t('table.close')} aria-label={i18n.t('table.close')}>
          ✕
        </button>
      </header>
      {error && <p className="error">{error}</p>}
      <div className="table-scroll" ref={ref} onScroll={onScroll} data-testid="table-scroll">
        <div className="table-inner" style={{ gridTemplateColumns: gridTemplate }}>
          <div className="table-head" role="row" style={{ gridTemplateColumns: gridTemplate }}>
            <div role="columnheader" />
            {columns.map((field) => (
              <button
                key={field.key}
                role="columnheader"
                aria-sort={sort?.field === field.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                data-testid={`col-${field.key}`}
                title={field.unit ? `${i18n.l(field.label)} (${field.unit})` : i18n.l(field.label)}
                onClick={() => toggleSort(field.key)}
              >
                {i18n.l(field.label)}
                {field.unit ? <span className="unit"> ({field.unit})</span> : null}
                <span className="sort">{sort?.field === field.key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
              </button>
            ))}
          </div>
          <div className="table-body" style={{ height: window.totalHeight }}>
            {visible.slice(window.start, window.end).map((row, i) => (
              <div
                key={row.id}
                role="row"
                className={`table-row${row.id === selectedUuid ? ' selected' : ''}`}
                data-testid="table-row"
                data-uuid={row.id}
                style={{ top: window.offsetTop + i * ROW_HEIGHT, height: ROW_HEIGHT, gridTemplateColumns: gridTemplate }}
                onClick={() => onSelect(row)}
              >
                <div>
                  <button
                    className="row-zoom"
                    data-testid="row-zoom"
                    onClick={(e) => {
                      e.stopPropagation();
                      onZoom(row);
                    }}
                  >
                    ⤢ {i18n.t('table.zoom')}
                  </button>
                </div>
                {columns.map((field) => (
                  <div key={field.key} role="cell" data-field={field.key} className={field.type === 'text' ? '' : 'num'}>
                    {fieldValueText(field, row.properties[field.key], i18n)}
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}
