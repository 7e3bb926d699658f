/** Reads the site's own data files (relative to the page: the site works under any folder). */
import type { SiteManifest, SiteSearchIndex } from '../../gis-core/publish/site-format.js';
import { SITE_FORMAT, SITE_MANIFEST_FILE } from '../../gis-core/publish/site-format.js';

export class SiteDataError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

async function fetchJson<T>(file: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(file, document.baseURI));
  } catch (error) {
    throw new SiteDataError(file, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw new SiteDataError(file, `HTTP ${response.status}`);
  try {
    return (await response.json()) as T;
  } catch {
    throw new SiteDataError(file, 'not JSON');
  }
}

export async function loadManifest(): Promise<SiteManifest> {
  const manifest = await fetchJson<SiteManifest>(SITE_MANIFEST_FILE);
  if (manifest.format !== SITE_FORMAT) throw new SiteDataError(SITE_MANIFEST_FILE, 'not a PlanDesk web map');
  return manifest;
}

export function loadSearchIndex(manifest: SiteManifest): Promise<SiteSearchIndex> {
  return fetchJson<SiteSearchIndex>(manifest.search);
}

export function loadLayerData(file: string): Promise<unknown> {
  return fetchJson<unknown>(file);
}
