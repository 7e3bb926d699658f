/** Checks a print layout arriving as JSON (API, job args, template, CLI) and fills defaults; INVALID_ARGUMENT otherwise. */
import { isLayerId } from '../../layers/index.js';
import type { LayerId } from '../../layers/types.js';
import { PlanDeskError } from '../errors.js';
import type { BBox } from '../store/types.js';
import { defaultLayout, EMPTY_TITLE, PAPER_NAMES, type PaperSize, type PrintLayout, type TitleBlock } from './layout.js';

function fail(message: string): never {
  throw new PlanDeskError('INVALID_ARGUMENT', `print layout: ${message}`);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function finiteNumbers(x: unknown, count: number, what: string): number[] {
  if (!Array.isArray(x) || x.length !== count || x.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    fail(`${what} must be ${count} numbers, got ${JSON.stringify(x)}`);
  }
  return x as number[];
}

const TEXT_MAX = 500;

function text(x: unknown, what: string): string {
  if (x === undefined || x === null) return '';
  if (typeof x !== 'string') fail(`${what} must be text`);
  if (x.length > TEXT_MAX * 4) fail(`${what} is longer than ${TEXT_MAX * 4} characters`);
  return x;
}

function checkTitle(x: unknown): TitleBlock {
  if (x === undefined) return EMPTY_TITLE;
  if (!isRecord(x)) fail('title must be an object');
  const keys = Object.keys(EMPTY_TITLE) as (keyof TitleBlock)[];
  return Object.fromEntries(keys.map((k) => [k, text(x[k], `title.${k}`)])) as unknown as TitleBlock;
}

export function checkLayout(x: unknown): PrintLayout {
  if (!isRecord(x)) fail('must be an object');
  const base = defaultLayout();
  const paper = x.paper ?? base.paper;
  if (!PAPER_NAMES.includes(paper as PaperSize)) fail(`paper must be one of ${PAPER_NAMES.join(', ')}, got ${JSON.stringify(paper)}`);
  const orientation = x.orientation ?? base.orientation;
  if (orientation !== 'portrait' && orientation !== 'landscape') fail(`orientation must be portrait or landscape, got ${JSON.stringify(orientation)}`);
  const scale = x.scale ?? base.scale;
  if (scale !== 'fit' && !(typeof scale === 'number' && Number.isInteger(scale) && scale >= 10 && scale <= 10_000_000)) {
    fail(`scale must be 'fit' or a whole number 10 … 10 000 000 (1000 = 1:1000), got ${JSON.stringify(scale)}`);
  }
  const grid = x.gridInterval ?? base.gridInterval;
  if (grid !== 'auto' && !(typeof grid === 'number' && Number.isFinite(grid) && grid >= 0)) fail(`gridInterval must be 'auto' or metres ≥ 0, got ${JSON.stringify(grid)}`);
  let layers: LayerId[] | undefined;
  if (x.layers !== undefined && x.layers !== null) {
    if (!Array.isArray(x.layers)) fail('layers must be a list of layer ids');
    for (const id of x.layers) if (!isLayerId(id)) fail(`unknown layer ${JSON.stringify(id)}`);
    layers = x.layers as LayerId[];
  }
  const center = x.center === undefined || x.center === null ? undefined : (finiteNumbers(x.center, 2, 'center') as [number, number]);
  let extent: BBox | undefined;
  if (x.extent !== undefined && x.extent !== null) {
    extent = finiteNumbers(x.extent, 4, 'extent') as BBox;
    if (!(extent[2] > extent[0] && extent[3] > extent[1])) fail('extent must be minx,miny,maxx,maxy with max > min');
  }
  const lang = x.lang ?? base.lang;
  if (lang !== 'vi' && lang !== 'en') fail(`lang must be vi or en, got ${JSON.stringify(lang)}`);
  const flag = (key: 'inset' | 'legend'): boolean => {
    const v = x[key] ?? base[key];
    if (typeof v !== 'boolean') fail(`${key} must be true or false`);
    return v;
  };
  return {
    paper: paper as PaperSize,
    orientation,
    scale: scale as number | 'fit',
    ...(center ? { center } : {}),
    ...(extent ? { extent } : {}),
    title: checkTitle(x.title),
    notes: text(x.notes, 'notes'),
    ...(layers ? { layers } : {}),
    gridInterval: grid as number | 'auto',
    inset: flag('inset'),
    legend: flag('legend'),
    lang,
  };
}

/** A template name: 1 … 80 characters, no control characters. */
export function checkTemplateName(x: unknown): string {
  if (typeof x !== 'string' || x.trim() === '' || x.length > 80 || /\p{Cc}/u.test(x)) fail(`template name must be 1 … 80 characters of text, got ${JSON.stringify(x)}`);
  return x.trim();
}
