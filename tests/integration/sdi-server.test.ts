/**
 * The test SDI server itself (QGIS Server over PostGIS, started by tests/helpers/sdi-server.ts):
 * it publishes PlanDesk layers with WFS-T and OGC API Features, maps an insert's handle (the
 * PlanDesk uuid) to the server id, and the versioning trigger bumps row_version on a WFS update.
 * The sync client's tests build on this.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSdiServer, type SdiServer } from '../helpers/sdi-server.js';

let sdi: SdiServer;
beforeAll(async () => {
  sdi = await startSdiServer(['water_mains', 'water_hydrants']);
}, 120_000);
afterAll(async () => {
  await sdi?.stop();
}, 60_000);

const UUID = '0190a0a0-0000-7000-8000-0000000000aa';

describe('the test SDI server', () => {
  it('lists the layers with Insert, Update and Delete in WFS 1.1 capabilities', async () => {
    const caps = await (await fetch(`${sdi.url}?SERVICE=WFS&VERSION=1.1.0&REQUEST=GetCapabilities`)).text();
    for (const name of ['water_mains', 'water_hydrants']) {
      const type = caps.slice(caps.indexOf(`<Name>${name}</Name>`));
      const block = type.slice(0, type.indexOf('</FeatureType>'));
      expect(block).toContain('<DefaultSRS>EPSG:5897</DefaultSRS>');
      for (const op of ['Query', 'Insert', 'Update', 'Delete']) expect(block).toContain(`<Operation>${op}</Operation>`);
    }
  });

  it('maps a WFS-T insert by its handle, and versions updates', async () => {
    const insert = `<wfs:Transaction service="WFS" version="1.1.0" xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:qgs="http://www.qgis.org/gml">
  <wfs:Insert handle="${UUID}"><qgs:water_mains><qgs:material>hdpe</qgs:material><qgs:diameter_mm>110</qgs:diameter_mm><qgs:uuid>${UUID}</qgs:uuid>
    <qgs:geometry><gml:LineString srsName="EPSG:5897"><gml:posList>569000 1156100 569050 1156100</gml:posList></gml:LineString></qgs:geometry>
  </qgs:water_mains></wfs:Insert></wfs:Transaction>`;
    const inserted = await (await fetch(`${sdi.url}?SERVICE=WFS`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: insert })).text();
    expect(inserted).toContain('<totalInserted>1</totalInserted>');
    expect(inserted).toMatch(new RegExp(`<Feature handle="${UUID}">\\s*<ogc:FeatureId fid="water_mains\\.(\\d+)"/>`));
    expect(sdi.pg.psql(`SELECT material, diameter_mm, row_version, ST_AsText(geom) FROM water_mains WHERE uuid = '${UUID}'`).trim()).toBe(
      'hdpe|110|1|LINESTRING(569000 1156100,569050 1156100)',
    );
    const update = `<wfs:Transaction service="WFS" version="1.1.0" xmlns:wfs="http://www.opengis.net/wfs" xmlns:ogc="http://www.opengis.net/ogc">
  <wfs:Update typeName="water_mains"><wfs:Property><wfs:Name>diameter_mm</wfs:Name><wfs:Value>160</wfs:Value></wfs:Property>
    <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>uuid</ogc:PropertyName><ogc:Literal>${UUID}</ogc:Literal></ogc:PropertyIsEqualTo>
    <ogc:PropertyIsEqualTo><ogc:PropertyName>row_version</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsEqualTo></ogc:And></ogc:Filter>
  </wfs:Update></wfs:Transaction>`;
    const updated = await (await fetch(`${sdi.url}?SERVICE=WFS`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: update })).text();
    expect(updated).toContain('<totalUpdated>1</totalUpdated>');
    expect(sdi.pg.psql(`SELECT diameter_mm, row_version FROM water_mains WHERE uuid = '${UUID}'`).trim()).toBe('160|2');
    // The same compare-and-set again: the version is stale now, nothing is updated.
    const stale = await (await fetch(`${sdi.url}?SERVICE=WFS`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: update })).text();
    expect(stale).toContain('<totalUpdated>0</totalUpdated>');
  });

  it('serves the same features through OGC API Features', async () => {
    const items = (await (await fetch(`${sdi.url}wfs3/collections/water_mains/items?f=json`)).json()) as { features: { properties: Record<string, unknown> }[] };
    expect(items.features.map((f) => f.properties.uuid)).toContain(UUID);
  });
});
