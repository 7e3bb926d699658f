/**
 * `plandesk publish`: a project's chosen layers as a self-contained, read-only static web map
 * (site-format.ts lists the files). The site is written into a fresh folder next to the
 * target and moved into place at the end, so a failed or cancelled run leaves the previous site
 * as it was; --force replaces a folder only when it is a PlanDesk web map (never an arbitrary
 * folder).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Label } from '../../layers/types.js';
import { getCrs } from '../crs/registry.js';
import { PlanDeskError } from '../errors.js';
import { describeLayers } from '../project/layer-infos.js';
import type { Project } from '../store/project.js';
import type { BBox } from '../store/types.js';
import { chooseLayers } from './choose-layers.js';
import type { PublishedLayer, PublishResult } from './job-types.js';
import { writeLayerGeoJson } from './layer-data.js';
import { siteReadme } from './readme.js';
import { SearchIndexBuilder } from './search-index.js';
import {
  SITE_FORMAT,
  SITE_FORMAT_VERSION,
  SITE_LAYER_DIR,
  SITE_MANIFEST_FILE,
  SITE_README_FILE,
  SITE_SEARCH_FILE,
  type SiteLayer,
  type SiteManifest,
} from './site-format.js';
import { copyViewer } from './viewer-files.js';

export type { PublishedLayer, PublishResult } from './job-types.js';

export interface PublishOptions {
  readonly outDir: string;
  /** Layer ids; the citizen layers (choose-layers.ts) when absent or empty. */
  readonly layers?: readonly string[];
  /** The page title; the project name by default. */
  readonly title?: string;
  /** Replace an existing web map in `outDir`. */
  readonly force?: boolean;
  /** Where the built viewer is (tests); dist/publish-viewer/ by default. */
  readonly viewerDir?: string;
  readonly onProgress?: (fraction: number, message: Label) => void;
  /** Checked between layers and every 1 000 features. */
  readonly throwIfCancelled?: () => void;
}

function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

/** Refuses to write over anything but an empty folder or (with force) an earlier web map. */
function checkTarget(outDir: string, force: boolean): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) throw new PlanDeskError('FILE_EXISTS', `${outDir} exists and is not a folder`);
  if (readdirSync(outDir).length === 0) return;
  const isSite = existsSync(join(outDir, SITE_MANIFEST_FILE));
  if (!isSite) throw new PlanDeskError('FILE_EXISTS', `${outDir} is not empty and is not a PlanDesk web map: choose an empty or new folder`);
  if (!force) throw new PlanDeskError('FILE_EXISTS', `${outDir} already holds a web map: add --force to replace it`);
}

function unionExtent(layers: readonly SiteLayer[]): BBox | null {
  let extent: BBox | null = null;
  for (const l of layers) {
    if (!l.extent) continue;
    extent = extent ? [Math.min(extent[0], l.extent[0]), Math.min(extent[1], l.extent[1]), Math.max(extent[2], l.extent[2]), Math.max(extent[3], l.extent[3])] : [...l.extent];
  }
  return extent;
}

export async function publishSite(project: Project, options: PublishOptions): Promise<PublishResult> {
  const outDir = resolve(options.outDir);
  checkTarget(outDir, options.force ?? false);
  const chosen = chooseLayers(project, options.layers);
  const progress = options.onProgress ?? (() => {});
  const cancelled = options.throwIfCancelled ?? (() => {});
  const info = project.info();
  const crs = getCrs(info.crsEpsg);
  // Styles, fields and legends exactly as the app gets them (GET /api/layers).
  const layerInfos = describeLayers(project).filter((l) => chosen.includes(l.id));

  const work = join(dirname(outDir), `.${basename(outDir)}.publishing-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, SITE_LAYER_DIR), { recursive: true });
  try {
    progress(0, { vi: 'Chép trang xem bản đồ', en: 'Copying the viewer' });
    copyViewer(work, options.viewerDir);

    const search = new SearchIndexBuilder();
    const total = layerInfos.reduce((sum, l) => sum + l.featureCount, 0) || 1;
    let done = 0;
    const siteLayers: SiteLayer[] = [];
    const published: PublishedLayer[] = [];
    for (const layer of layerInfos) {
      cancelled();
      const file = `${SITE_LAYER_DIR}/${layer.id}.json`;
      const message = { vi: `Ghi lớp ${layer.label.vi}`, en: `Writing ${layer.label.en}` };
      progress(done / total, message);
      const features = await writeLayerGeoJson(project, layer.id, join(work, file), (f) => search.add(layer.id, f), (n) => {
        cancelled();
        progress((done + n) / total, message);
      });
      done += features;
      siteLayers.push({ ...layer, featureCount: features, file, visible: true });
      published.push({ id: layer.id, label: layer.label, features, file, bytes: statSync(join(work, file)).size });
    }

    progress(0.97, { vi: 'Ghi chỉ mục tìm kiếm', en: 'Writing the search index' });
    const index = search.build();
    writeFileSync(join(work, SITE_SEARCH_FILE), JSON.stringify(index));
    const title = options.title?.trim() || info.name;
    const manifest: SiteManifest = {
      format: SITE_FORMAT,
      version: SITE_FORMAT_VERSION,
      title,
      project: { name: info.name, province: info.province, crsEpsg: info.crsEpsg, updatedAt: info.updatedAt },
      publishedAt: new Date().toISOString(),
      crs,
      partnerCrs: [getCrs(4326), getCrs(3857)],
      extent: unionExtent(siteLayers),
      layers: siteLayers,
      search: SITE_SEARCH_FILE,
    };
    writeFileSync(join(work, SITE_MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
    writeFileSync(join(work, SITE_README_FILE), siteReadme(manifest, published.map((l) => ({ label: `${l.label.vi} (${l.id})`, count: l.features }))));

    cancelled();
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(dirname(outDir), { recursive: true });
    renameSync(work, outDir);
    progress(1, { vi: 'Xong', en: 'Done' });
    const size = folderSize(outDir);
    return {
      outDir,
      title,
      layers: published,
      search: { parcels: index.parcels.length, names: index.names.length, bytes: statSync(join(outDir, SITE_SEARCH_FILE)).size },
      files: size.files,
      bytes: size.bytes,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
