/**
 * The public kiosk (`plandesk serve FILE --kiosk`, docs/KIOSK.md): a home screen with the three
 * searches and the map, the planning card of a parcel (found or tapped), its printable sheet,
 * a language switch (Vietnamese first), and a reset to the home screen after the idle time.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CrsInfo, LayerInfo, PlanDeskApi, PlanningCard, PlanningLookupHit, PlanningLookupRequest, PlanningSheet } from '../../../gis-core/api/contract.js';
import { ApiError } from '../../../gis-core/api/wire.js';
import { I18nContext, makeI18n } from '../i18n/context.js';
import type { Lang } from '../i18n/strings.js';
import { registerProjectCrs } from '../map/projection.js';
import { useIdleReset } from './idle.js';
import { KioskMap } from './kiosk-map.js';
import { PlanningCardView } from './PlanningCardView.js';
import { SearchPanel, type SearchKind } from './SearchPanel.js';
import { SheetViewer } from './SheetViewer.js';

interface Props {
  readonly api: PlanDeskApi;
  readonly idleSeconds: number;
}

interface Ready {
  readonly crs: CrsInfo;
  readonly layers: LayerInfo[];
  readonly home: [number, number, number, number] | null;
}

function unionExtent(layers: readonly LayerInfo[]): [number, number, number, number] | null {
  const extents = layers.filter((l) => l.id === 'zoning' || l.id === 'parcels').flatMap((l) => (l.extent ? [l.extent] : []));
  if (!extents.length) return null;
  return [Math.min(...extents.map((e) => e[0])), Math.min(...extents.map((e) => e[1])), Math.max(...extents.map((e) => e[2])), Math.max(...extents.map((e) => e[3]))];
}

export function KioskApp({ api, idleSeconds }: Props) {
  const [lang, setLang] = useState<Lang>('vi');
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  const { t } = i18n;
  const [ready, setReady] = useState<Ready | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  const [kind, setKind] = useState<SearchKind>('parcel');
  const [hits, setHits] = useState<readonly PlanningLookupHit[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [card, setCard] = useState<PlanningCard | null>(null);
  const [sheet, setSheet] = useState<PlanningSheet | null>(null);
  const [busy, setBusy] = useState<'search' | 'card' | 'print' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [searchKey, setSearchKey] = useState(0);
  const mapElement = useRef<HTMLDivElement>(null);
  const map = useRef<KioskMap | null>(null);
  const cardRequest = useRef(0);

  useEffect(() => {
    Promise.all([api.project(), api.crsList(), api.layers()])
      .then(([project, crsList, layers]) => {
        const crs = crsList.find((c) => c.code === project.crs.code);
        if (!crs) throw new Error(`unknown CRS ${project.crs.code}`);
        registerProjectCrs(crs, crsList);
        setReady({ crs, layers, home: unionExtent(layers) });
      })
      .catch((error: unknown) => setFatal(error instanceof Error ? error.message : String(error)));
  }, [api]);

  const explain = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.code === 'RATE_LIMITED') setMessage(t('kiosk.error.busy'));
      else setMessage(t('kiosk.error.generic', { message: error instanceof Error ? error.message : String(error) }));
    },
    [t],
  );

  const openCard = useCallback(
    async (uuid: string) => {
      const request = ++cardRequest.current;
      setBusy('card');
      setMessage(null);
      try {
        const found = await api.planningCard(uuid);
        if (request !== cardRequest.current) return;
        setCard(found);
        map.current?.showParcel(found.parcel.geometry);
        map.current?.zoomTo(found.parcel.bbox);
      } catch (error) {
        explain(error);
      } finally {
        setBusy(null);
      }
    },
    [api, explain],
  );

  const onTap = useCallback(
    async (x: number, y: number) => {
      setMessage(null);
      try {
        const found = await api.planningLookup({ by: 'point', x, y });
        const hit = found.hits[0];
        if (hit) await openCard(hit.uuid);
        else setMessage(t('kiosk.noParcelHere'));
      } catch (error) {
        explain(error);
      }
    },
    [api, openCard, explain, t],
  );
  const tapRef = useRef(onTap);
  tapRef.current = onTap;

  useEffect(() => {
    if (!ready || !mapElement.current) return;
    const kioskMap = new KioskMap(mapElement.current, api, ready.crs, ready.layers, (x, y) => void tapRef.current(x, y));
    map.current = kioskMap;
    kioskMap.goHome(ready.home);
    return () => {
      kioskMap.dispose();
      map.current = null;
    };
  }, [ready, api]);

  const search = async (request: PlanningLookupRequest) => {
    setBusy('search');
    setMessage(null);
    try {
      const found = await api.planningLookup(request);
      setHits(found.hits);
      setTruncated(found.truncated);
      const only = found.hits.length === 1 ? found.hits[0] : undefined;
      if (only?.layerId === 'parcels') await openCard(only.uuid);
      else if (only) {
        map.current?.zoomTo(only.bbox);
        setMessage(t('kiosk.zoneHint'));
      }
    } catch (error) {
      explain(error);
    } finally {
      setBusy((b) => (b === 'search' ? null : b));
    }
  };

  const onHit = (hit: PlanningLookupHit) => {
    if (hit.layerId === 'parcels') void openCard(hit.uuid);
    else {
      map.current?.zoomTo(hit.bbox);
      setMessage(t('kiosk.zoneHint'));
    }
  };

  const print = async () => {
    if (!card) return;
    setBusy('print');
    setMessage(null);
    try {
      setSheet(await api.planningSheet(card.parcel.uuid, { lang }));
    } catch (error) {
      explain(error);
    } finally {
      setBusy(null);
    }
  };

  const goHome = useCallback(() => {
    cardRequest.current++;
    setCard(null);
    setSheet(null);
    setHits(null);
    setTruncated(false);
    setMessage(null);
    setKind('parcel');
    setSearchKey((k) => k + 1);
    setLang('vi');
    map.current?.goHome();
  }, []);

  const idleLeft = useIdleReset(idleSeconds, goHome);

  return (
    <I18nContext.Provider value={i18n}>
      <div className="kiosk" lang={lang} data-screen={card ? 'card' : 'home'}>
        <header className="kiosk-header">
          <div>
            <h1>{t('kiosk.title')}</h1>
            <p>{t('kiosk.subtitle')}</p>
          </div>
          <div className="kiosk-header-actions">
            {(card || hits) && (
              <button type="button" onClick={goHome}>
                {t('kiosk.home')}
              </button>
            )}
            <button type="button" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} lang={lang === 'vi' ? 'en' : 'vi'}>
              {t('kiosk.language')}
            </button>
          </div>
        </header>
        <main className="kiosk-main">
          <aside className="kiosk-panel">
            {fatal && <p className="kiosk-message error">{fatal}</p>}
            {message && (
              <p className="kiosk-message" role="status">
                {message}
              </p>
            )}
            {card ? (
              <>
                <div className="kiosk-card-actions">
                  <button type="button" onClick={() => setCard(null)}>
                    {t('kiosk.back')}
                  </button>
                  <button type="button" className="kiosk-primary" disabled={busy === 'print'} onClick={() => void print()}>
                    {busy === 'print' ? t('kiosk.printing') : t('kiosk.print')}
                  </button>
                </div>
                <PlanningCardView card={card} />
              </>
            ) : (
              <SearchPanel key={searchKey} kind={kind} onKind={setKind} busy={busy !== null} onSearch={(r) => void search(r)} hits={hits} truncated={truncated} onHit={onHit} />
            )}
          </aside>
          <div className="kiosk-map" ref={mapElement} data-testid="map" />
        </main>
        {sheet && <SheetViewer sheet={sheet} onClose={() => setSheet(null)} />}
        {idleLeft !== null && (
          <div className="kiosk-idle" role="alertdialog" aria-label={t('kiosk.idle.title')}>
            <div>
              <h2>{t('kiosk.idle.title')}</h2>
              <p>{t('kiosk.idle.text', { seconds: idleLeft })}</p>
              <button type="button" className="kiosk-primary">
                {t('kiosk.idle.continue')}
              </button>
            </div>
          </div>
        )}
      </div>
    </I18nContext.Provider>
  );
}
