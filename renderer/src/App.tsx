/** Boot: open the API, read the project, its layers and the CRS list, register the CRSs, then show the workspace. */
import { useEffect, useMemo, useState } from 'react';
import type { CrsInfo, LayerInfo, ProjectDescription } from '../../gis-core/api/contract.js';
import type { ApiClient } from './api/client.js';
import { Workspace } from './components/Workspace.js';
import { I18nContext, makeI18n } from './i18n/context.js';
import type { Lang } from './i18n/strings.js';
import { registerProjectCrs } from './map/projection.js';

interface Boot {
  readonly project: ProjectDescription;
  readonly layers: LayerInfo[];
  readonly crs: CrsInfo;
}

const LANG_KEY = 'plandesk.lang';

/** The language the desktop shell asks for (`?lang=`), else the last one chosen here, else Vietnamese. */
function initialLang(): Lang {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked === 'vi' || asked === 'en') return asked;
  return window.localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
}

export function App({ client }: { client: ApiClient }) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [boot, setBoot] = useState<Boot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const i18n = useMemo(() => makeI18n(lang), [lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
    window.localStorage.setItem(LANG_KEY, lang);
  }, [lang]);

  // The desktop shell's menu switches the language too.
  useEffect(() => client.bridge?.onMenu((command) => command.kind === 'language' && setLang(command.language)), [client]);

  useEffect(() => {
    Promise.all([client.api.project(), client.api.layers(), client.api.crsList()])
      .then(([project, layers, crsList]) => {
        const crs = crsList.find((c) => c.epsg === project.crs.epsg);
        if (!crs) throw new Error(`CRS ${project.crs.code} is not in the CRS list`);
        registerProjectCrs(crs, crsList);
        document.title = `${project.name} — PlanDesk`;
        setBoot({ project, layers, crs });
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [client]);

  return (
    <I18nContext.Provider value={i18n}>
      {boot ? (
        <Workspace api={client.api} project={boot.project} layers={boot.layers} crs={boot.crs} onLanguage={() => setLang(lang === 'vi' ? 'en' : 'vi')} />
      ) : (
        <div className="splash">
          <div className="brand-name">PlanDesk</div>
          {error ? (
            <p className="error" role="alert">
              {i18n.t('app.error')}: {error}
            </p>
          ) : (
            <p>{i18n.t('app.loading')}</p>
          )}
        </div>
      )}
    </I18nContext.Provider>
  );
}
