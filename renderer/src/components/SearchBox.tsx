/** Search: a parcel by số tờ / số thửa ("12/34", "tờ 12 thửa 34") or a road by name, through the API. */
import { useState } from 'react';
import type { PlanDeskApi, SearchHit, SearchResult } from '../../../gis-core/api/contract.js';
import { useI18n } from '../i18n/context.js';

interface Props {
  readonly api: PlanDeskApi;
  onPick(hit: SearchHit): void;
}

export function SearchBox({ api, onPick }: Props) {
  const i18n = useI18n();
  const [text, setText] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  async function run(): Promise<void> {
    const query = text.trim();
    if (!query) return;
    setError(null);
    try {
      const found = await api.search(query, { limit: 20 });
      setResult(found);
      setOpen(true);
      if (found.hits.length === 1) pick(found.hits[0]!);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setOpen(true);
    }
  }

  function pick(hit: SearchHit): void {
    onPick(hit);
    setOpen(false);
  }

  return (
    <div className="search" role="search">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <input
          type="search"
          value={text}
          placeholder={i18n.t('search.placeholder')}
          title={i18n.t('search.hint')}
          aria-label={i18n.t('search.placeholder')}
          data-testid="search-input"
          onChange={(e) => setText(e.target.value)}
          onFocus={() => result && setOpen(true)}
        />
        <button type="submit" data-testid="search-button">
          {i18n.t('search.button')}
        </button>
      </form>
      {open && (
        <div className="search-results" data-testid="search-results" role="listbox" aria-label={i18n.t('search.results')}>
          {error && <div className="error">{error}</div>}
          {result && result.hits.length === 0 && <div className="muted">{i18n.t('search.none')}</div>}
          {result?.hits.map((hit) => (
            <button key={`${hit.layerId}:${hit.uuid}`} role="option" aria-selected="false" className="search-hit" onClick={() => pick(hit)} data-testid="search-hit">
              <span className="hit-title">{i18n.l(hit.title)}</span>
              {hit.detail && <span className="hit-detail">{i18n.l(hit.detail)}</span>}
            </button>
          ))}
          <div className="search-hint muted">{i18n.t('search.hint')}</div>
        </div>
      )}
    </div>
  );
}
