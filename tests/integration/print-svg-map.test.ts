/**
 * The vector map frame (gis-core/print/svg-map.ts) on the API fixture project: features land at
 * their true paper position for the scale, styles come from layers/, labels follow the scale,
 * highlights are drawn on top, and a frame over the feature cap says so.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { getLayer } from '../../layers/index.js';
import { renderSvgMap, renderSvgMapDetailed } from '../../gis-core/print/svg-map.js';
import { Project } from '../../gis-core/store/project.js';
import { buildFixtureProject, ORIGIN } from '../helpers/api-fixture.js';

const project = Project.open(buildFixtureProject('svg-map'), { readonly: true });
afterAll(() => project.close());

/** 100 × 100 m around the parcel grid, on a 100 × 100 mm frame: 1:1000. */
const EXTENT: [number, number, number, number] = [ORIGIN[0] - 25, ORIGIN[1] - 25, ORIGIN[0] + 125, ORIGIN[1] + 125];

describe('renderSvgMap', () => {
  it('draws the parcel grid at its true size on paper', () => {
    const map = renderSvgMapDetailed(project, { extent: EXTENT, widthMm: 150, heightMm: 150 });
    expect(map.scale).toBeCloseTo(1000, 9);
    expect(map.featuresDrawn).toBe(106);
    expect(map.truncated).toEqual([]);
    expect(map.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="150mm" height="150mm" viewBox="0 0 150 150"/);
    // The parcel at the origin: ground (569000, 1156000)–(569010, 1156010) → paper x 25…35 mm, y 115…125 mm (y down).
    expect(map.svg).toContain('M25 125L35 125L35 115L25 115L25 125Z');
    // Parcels are a single style from layers/: their stroke colour and width (0.6 px = 0.16 mm).
    const parcels = getLayer('parcels').style;
    if (parcels.kind !== 'single') throw new Error('parcels have a single style');
    expect(map.svg).toContain(`stroke="${parcels.symbol.stroke!.color}" stroke-width="0.16"`);
    expect(map.codesDrawn.get('roads')).toEqual(new Set(['main_area']));
  });

  it('draws labels only where the style allows at this scale', () => {
    // 1:1000 → 0.26 m per CSS pixel: parcel numbers (up to 0.5) and road names (up to 5) are drawn.
    const near = renderSvgMap(project, { extent: EXTENT, widthMm: 150, heightMm: 150 });
    expect(near).toContain('>345</text>');
    expect(near).toContain('>Lê Lợi</text>');
    // 1:5000 → 1.3 m per pixel: no parcel numbers.
    const far = renderSvgMap(project, { extent: EXTENT, widthMm: 30, heightMm: 30 });
    expect(far).not.toContain('>345</text>');
    expect(renderSvgMap(project, { extent: EXTENT, widthMm: 150, heightMm: 150, labels: false })).not.toContain('</text>');
  });

  it('draws only the layers asked for, a highlight on top, clipped to the frame', () => {
    const uuid = project.features('parcels', { where: [{ field: 'parcel_no', op: '=', value: 345 }] })[0]!.uuid;
    const svg = renderSvgMap(project, { extent: EXTENT, widthMm: 150, heightMm: 150, layers: ['parcels'], highlight: [{ layer: 'parcels', uuid }], idPrefix: 'sheet 1' });
    expect(svg).not.toContain('data-layer="roads"');
    expect(svg).toMatch(new RegExp(`<g data-highlight="${uuid}" fill="none" stroke="#e6007e"`));
    expect(svg.indexOf('data-highlight')).toBeGreaterThan(svg.indexOf('data-layer="parcels"'));
    expect(svg).toContain('<clipPath id="sheet_1-clip">');
  });

  it('shows each layer at the scales the map shows it, unless told otherwise', () => {
    // 150 m on 7.5 mm: 1:20000, 5.3 m per pixel — past the parcels' 3 m/px, roads stay (main roads).
    const city = renderSvgMapDetailed(project, { extent: EXTENT, widthMm: 7.5, heightMm: 7.5 });
    expect(city.scale).toBeCloseTo(20000, 6);
    expect([...city.codesDrawn.keys()]).toEqual(['roads']);
    const everything = renderSvgMapDetailed(project, { extent: EXTENT, widthMm: 7.5, heightMm: 7.5, scaleDependent: false });
    expect([...everything.codesDrawn.keys()]).toEqual(['parcels', 'roads']);
  });

  it('says so on the sheet when the frame holds more features than the cap', () => {
    const map = renderSvgMapDetailed(project, { extent: EXTENT, widthMm: 150, heightMm: 150, maxFeatures: 50 });
    expect(map.featuresDrawn).toBe(50);
    expect(map.truncated).toEqual(['parcels', 'roads']);
    expect(map.svg).toContain('data-truncated="parcels,roads"');
    expect(map.svg).toContain('Bản đồ chưa vẽ hết');
  });
});
