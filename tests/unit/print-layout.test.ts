/**
 * The print layout's arithmetic (paper, sheet regions, scale and extent, grid, scale bar), the
 * layout check, and the legend built from the layers' styles.
 */
import { describe, expect, it } from 'vitest';
import { zoning } from '../../layers/index.js';
import { categoryColors, categorySymbol } from '../../layers/symbol-paint.js';
import type { LayerId } from '../../layers/types.js';
import { legendZoom } from '../../gis-core/print/compose.js';
import { gridSvg } from '../../gis-core/print/grid.js';
import {
  coordinateText,
  defaultLayout,
  GRID_BAND_MM,
  gridInterval,
  gridLines,
  mapExtent,
  niceCeil,
  niceFloor,
  paperMm,
  scaleBar,
  scaleText,
  sheetGeometry,
} from '../../gis-core/print/layout.js';
import { checkLayout, checkTemplateName } from '../../gis-core/print/layout-check.js';
import { legendGroups, legendHtml } from '../../gis-core/print/legend.js';
import { scaleBarSvg } from '../../gis-core/print/sheet-marks.js';
import { fitExtent } from '../../gis-core/print/svg-map.js';
import { vnDate } from '../../gis-core/print/title-block.js';

describe('paper and sheet regions', () => {
  it('knows ISO sizes in both orientations', () => {
    expect(paperMm('A4', 'portrait')).toEqual([210, 297]);
    expect(paperMm('A3', 'landscape')).toEqual([420, 297]);
    expect(paperMm('A0', 'landscape')).toEqual([1189, 841]);
  });

  it('keeps the map, its grid band and the panel inside the paper without overlapping', () => {
    for (const paper of ['A4', 'A3', 'A2', 'A1', 'A0'] as const) {
      for (const orientation of ['portrait', 'landscape'] as const) {
        const g = sheetGeometry(paper, orientation);
        const [w, h] = g.paper;
        const band = GRID_BAND_MM;
        expect(g.map.x - band).toBeGreaterThanOrEqual(0);
        expect(g.map.y - band).toBeGreaterThanOrEqual(0);
        expect(g.panel.x + g.panel.width).toBeLessThanOrEqual(w);
        expect(g.panel.y + g.panel.height).toBeLessThanOrEqual(h);
        if (g.panelSide === 'right') expect(g.map.x + g.map.width + band).toBeLessThan(g.panel.x);
        else expect(g.map.y + g.map.height + band).toBeLessThan(g.panel.y);
        expect(g.map.width).toBeGreaterThan(100);
        expect(g.map.height).toBeGreaterThan(100);
      }
    }
  });
});

describe('scale and extent', () => {
  it('at 1:1000, one millimetre of paper is one metre of ground', () => {
    const map = sheetGeometry('A3', 'landscape').map;
    const { extent, scale } = mapExtent({ scale: 1000, center: [568770, 1156860] }, map, [0, 0, 1, 1]);
    expect(scale).toBe(1000);
    expect(extent[2] - extent[0]).toBeCloseTo(map.width, 6);
    expect(extent[3] - extent[1]).toBeCloseTo(map.height, 6);
    expect((extent[0] + extent[2]) / 2).toBeCloseTo(568770, 6);
    // At 1:2000 the same frame covers twice the ground.
    const twice = mapExtent({ scale: 2000, center: [568770, 1156860] }, map, [0, 0, 1, 1]).extent;
    expect(twice[2] - twice[0]).toBeCloseTo(2 * map.width, 6);
  });

  it("'fit' picks the next nice scale that shows the whole extent, centred on it", () => {
    const map = { x: 0, y: 0, width: 200, height: 100 };
    const { extent, scale } = mapExtent({ scale: 'fit' }, map, [1000, 2000, 1900, 2300]);
    // 900 m over 200 mm = 4.5 m/mm → 1:4500 → 1:5000.
    expect(scale).toBe(5000);
    expect(extent[0]).toBeLessThanOrEqual(1000);
    expect(extent[2]).toBeGreaterThanOrEqual(1900);
    expect((extent[0] + extent[2]) / 2).toBeCloseTo(1450, 6);
  });

  it('rounds to 1-2-2.5-5 steps', () => {
    expect([niceCeil(4500), niceCeil(1000), niceCeil(1001), niceCeil(2100), niceCeil(0.3)]).toEqual([5000, 1000, 2000, 2500, 0.5]);
    expect([niceFloor(70), niceFloor(100), niceFloor(34)]).toEqual([50, 100, 20]);
  });

  it('fits an extent of another shape uniformly into the frame (one scale for both axes)', () => {
    const { shown, metresPerMm } = fitExtent([0, 0, 400, 100], 200, 200);
    expect(metresPerMm).toBe(2);
    expect(shown).toEqual([0, -150, 400, 250]);
  });
});

describe('grid and scale bar', () => {
  it('places grid lines on multiples of the interval inside the extent', () => {
    expect(gridLines(568629.9, 568910.1, 50)).toEqual([568650, 568700, 568750, 568800, 568850, 568900]);
    expect(gridLines(100, 200, 50)).toEqual([150]);
    expect(gridLines(0, 10, 0)).toEqual([]);
    expect(gridInterval({ gridInterval: 'auto' }, [0, 0, 380, 100])).toBe(50);
    expect(gridInterval({ gridInterval: 25 }, [0, 0, 380, 100])).toBe(25);
  });

  it('draws grid labels one interval apart on paper at the map scale', () => {
    const map = { x: 17, y: 17, width: 280, height: 200 };
    // 1:1000: 280 mm = 280 m.
    const svg = gridSvg(map, GRID_BAND_MM, [568630, 1156730, 568910, 1156930], 50);
    const xs = [...svg.matchAll(/<text class="grid-x" x="([\d.]+)" y="[\d.]+" text-anchor="middle">568700<\/text>/g)].map((m) => Number(m[1]));
    const next = [...svg.matchAll(/<text class="grid-x" x="([\d.]+)" y="[\d.]+" text-anchor="middle">568750<\/text>/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(2);
    expect(next[0]! - xs[0]!).toBeCloseTo(50, 2);
    expect(coordinateText(1156900.4)).toBe('1156900');
  });

  it('makes a scale bar of a nice ground length, drawn at its true paper length', () => {
    expect(scaleBar(1000, 70)).toMatchObject({ metres: 50, mm: 50 });
    expect(scaleBar(500, 70)).toMatchObject({ metres: 20, mm: 40 });
    expect(scaleBar(5000, 60)).toMatchObject({ metres: 200, mm: 40 });
    const svg = scaleBarSvg(2000, 70, 'vi');
    expect(svg).toContain('Tỷ lệ 1:2000');
    expect(svg).toContain('data-metres="100"');
    expect(svg).toContain('data-mm="50.000"');
    expect(scaleText(1000)).toBe('1:1000');
  });
});

describe('layout check', () => {
  it('fills defaults and keeps what is given', () => {
    const layout = checkLayout({ paper: 'A1', scale: 500, title: { planName: 'Quy hoạch phân khu' }, layers: ['zoning', 'roads'] });
    expect(layout).toMatchObject({ paper: 'A1', orientation: 'landscape', scale: 500, inset: true, legend: true, lang: 'vi', layers: ['zoning', 'roads'] });
    expect(layout.title).toMatchObject({ planName: 'Quy hoạch phân khu', authority: '' });
    expect(checkLayout(defaultLayout())).toEqual(defaultLayout());
  });

  it('refuses what cannot be printed, saying why', () => {
    expect(() => checkLayout({ paper: 'B5' })).toThrow(/paper must be one of A4, A3, A2, A1, A0/);
    expect(() => checkLayout({ scale: 0 })).toThrow(/scale must be/);
    expect(() => checkLayout({ scale: 1000.5 })).toThrow(/scale must be/);
    expect(() => checkLayout({ layers: ['rivers'] })).toThrow(/unknown layer "rivers"/);
    expect(() => checkLayout({ extent: [10, 10, 5, 20] })).toThrow(/max > min/);
    expect(() => checkLayout({ center: [1, 'a'] })).toThrow(/center must be 2 numbers/);
    expect(() => checkTemplateName('  ')).toThrow(/template name/);
    expect(checkTemplateName(' A3 1:1000 ')).toBe('A3 1:1000');
  });

  it('writes ISO dates the Vietnamese way', () => {
    expect(vnDate('2026-03-15')).toBe('15/03/2026');
    expect(vnDate('tháng 3/2026')).toBe('tháng 3/2026');
  });
});

describe('legend from the styles', () => {
  const drawn = new Map<LayerId, Set<string>>([
    ['zoning', new Set(['OHT', 'CX', ''])],
    ['parcels', new Set([''])],
    ['roads', new Set(['urban_arterial'])],
  ]);

  it('lists the drawn categories with their codes and colours, top layer first', () => {
    const groups = legendGroups(drawn, 'vi');
    expect(groups.map((g) => g.layer)).toEqual(['roads', 'parcels', 'zoning']);
    const zone = groups.find((g) => g.layer === 'zoning')!;
    const oht = zone.items.find((i) => i.code === 'OHT')!;
    const list = zoning.fields.find((f) => f.key === 'function_code')!.codeList!;
    expect(oht.label).toBe(list.entries.find((e) => e.code === 'OHT')!.label.vi);
    // The swatch is the map's own category symbol: the code list colour with the base's alpha.
    const style = zoning.style;
    if (style.kind !== 'categorized') throw new Error('zoning is categorized');
    expect(oht.symbol).toEqual(categorySymbol(style.base, categoryColors(zoning).get('OHT')!, 'Polygon'));
    expect(zone.items.map((i) => i.code ?? i.label)).toEqual(['OHT', 'CX', 'Khác']);
    // Road classes are internal keys: shown by their label only.
    expect(groups.find((g) => g.layer === 'roads')!.items[0]).not.toHaveProperty('code');
  });

  it('shrinks a long legend to its box, down to a floor', () => {
    const many = legendGroups(new Map<LayerId, Set<string>>([['zoning', new Set(['OHT', 'OM', 'HH', 'GD', 'YT', 'VH', 'TMDV', 'CX', 'TDTT', 'CQ', 'TG', 'MN'])]]), 'vi');
    expect(legendZoom(many, 1, 200)).toBe(1);
    const zoom = legendZoom(many, 1, 50);
    expect(zoom).toBeLessThan(1);
    // 12 rows and a heading of 4.8 mm, scaled, fit the 40 mm left under the legend's own heading.
    expect(13 * 4.8 * zoom).toBeCloseTo(40, 5);
    expect(legendZoom(many, 1, 12)).toBe(0.55);
    expect(legendZoom(many, 2, 50)).toBeGreaterThan(zoom);
    expect(legendHtml(many, 'vi', 0.7)).toContain('style="zoom:0.70"');
  });

  it('renders codes, labels and swatches as HTML, in English too', () => {
    const html = legendHtml(legendGroups(drawn, 'en'), 'en');
    expect(html).toContain('<h3>LEGEND</h3>');
    expect(html).toMatch(/<b class="code">OHT<\/b>/);
    expect(html).toContain('fill-opacity');
    expect(legendHtml(legendGroups(drawn, 'vi'), 'vi')).toContain('CHÚ GIẢI');
  });
});
