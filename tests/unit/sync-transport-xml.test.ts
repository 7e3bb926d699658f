/**
 * The WFS transport's XML without a server: the little parser, numeric character references for
 * non-ASCII text, GML 3 / GML 2 geometry both ways, and the WFS 1.1 / 2.0 request documents and
 * response parsing against fixtures shaped after the OGC schemas' examples (WFS 2.0 / FES 2.0 /
 * GML 3.2 as GeoServer speaks them; WFS 1.1 as QGIS Server answered in the integration tests).
 */
import { describe, expect, it } from 'vitest';
import { geometryToGml, gmlToGeometry, swapAxes } from '../../sync/transport/gml.js';
import { exceptionReportMessage, serverMessage } from '../../sync/transport/http.js';
import { asciiJson, crsUriFor } from '../../sync/transport/ogcapi.js';
import { northFirst, srsCode, withParams } from '../../sync/transport/wfs.js';
import {
  WFS_11,
  WFS_20,
  buildFilter,
  buildGetFeature,
  buildTransaction,
  parseCapabilities,
  parseDescribeFeatureType,
  parseFeatureCollection,
  parseTransactionResponse,
  transactionDocuments,
  type WfsFeatureTypeInfo,
} from '../../sync/transport/wfs-xml.js';
import { escapeXml, parseXml, textOf } from '../../sync/transport/xml.js';
import type { GeoJSONGeometry } from '../../layers/types.js';

const ZONING: WfsFeatureTypeInfo = {
  name: 'zoning',
  localName: 'zoning',
  namespace: 'http://www.qgis.org/gml',
  fields: [
    { name: 'fid', type: 'integer' },
    { name: 'zone_code', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'far', type: 'real' },
    { name: 'uuid', type: 'text' },
  ],
  geometryProperty: 'geometry',
  geometryIndex: 0,
  operations: ['Query', 'Insert', 'Update', 'Delete'],
};

const GEOSERVER_ROADS: WfsFeatureTypeInfo = {
  name: 'sdi:roads',
  localName: 'roads',
  namespace: 'http://sdi.dongthap.gov.vn/sdi',
  fields: [
    { name: 'name', type: 'text' },
    { name: 'uuid', type: 'text' },
  ],
  geometryProperty: 'the_geom',
  geometryIndex: 2,
  operations: ['Insert', 'Update', 'Delete'],
};

describe('xml', () => {
  it('parses elements, attributes, entities, CDATA and comments, by local name', () => {
    const root = parseXml(
      `<?xml version="1.0"?><!-- c --><a:root xmlns:a="urn:a" x='1 &amp; 2'><b>&#272;&#x1B0;&lt;ng</b><a:c/><![CDATA[<raw>]]></a:root>`,
    );
    expect(root.local).toBe('root');
    expect(root.attributes.x).toBe('1 & 2');
    expect(root.children.map((c) => c.local)).toEqual(['b', 'c']);
    expect(textOf(root.children[0])).toBe('Đư<ng');
    expect(root.text).toBe('<raw>');
    expect(() => parseXml('<a><b></a>')).toThrow(/not XML/);
    expect(() => parseXml('plain text')).toThrow(/not XML/);
  });

  it('writes non-ASCII as numeric character references, so the body is 7-bit', () => {
    const escaped = escapeXml('Đường Trần Hưng Đạo <&> "q" 🏠');
    expect(escaped).toBe('&#272;&#432;&#7901;ng Tr&#7847;n H&#432;ng &#272;&#7841;o &lt;&amp;&gt; &quot;q&quot; &#127968;');
    expect(/^[\x20-\x7e]*$/.test(escaped)).toBe(true);
    expect(textOf(parseXml(`<v>${escaped}</v>`))).toBe('Đường Trần Hưng Đạo <&> "q" 🏠');
  });

  it('writes JSON with \\u escapes', () => {
    const text = asciiJson({ name: 'Đường 🏠', n: 1 });
    expect(text).toBe('{"name":"\\u0110\\u01b0\\u1eddng \\ud83c\\udfe0","n":1}');
    expect(JSON.parse(text)).toEqual({ name: 'Đường 🏠', n: 1 });
  });
});

describe('gml', () => {
  const shapes: GeoJSONGeometry[] = [
    { type: 'Point', coordinates: [569000.0001, 1156000.9999] },
    { type: 'LineString', coordinates: [[569000, 1156000], [569050.123456789, 1156100.5]] },
    {
      type: 'Polygon',
      coordinates: [
        [[0, 0], [10, 0], [10, 10], [0, 0]],
        [[1, 1], [2, 1], [2, 2], [1, 1]],
      ],
    },
    { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
    { type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] },
    { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] },
  ];

  it.each(shapes)('round-trips a $type exactly through GML 3.1.1 and 3.2', (shape) => {
    for (const version of ['3.1.1', '3.2'] as const) {
      const xml = geometryToGml(shape, 'EPSG:5897', version);
      const doc = parseXml(`<w xmlns:gml="http://www.opengis.net/gml">${xml}</w>`);
      expect(gmlToGeometry(doc.children[0]!)).toEqual(shape);
      expect(xml.includes('gml:id=')).toBe(version === '3.2');
    }
  });

  it('writes coordinates in full and the srsName on the outer element only', () => {
    const xml = geometryToGml({ type: 'LineString', coordinates: [[569000.0004, 1156000.1], [0.0000001, 5]] }, 'EPSG:5897');
    expect(xml).toBe('<gml:LineString srsName="EPSG:5897"><gml:posList srsDimension="2">569000.0004 1156000.1 0.0000001 5</gml:posList></gml:LineString>');
  });

  it('reads GML 2 coordinates, a default gml namespace, Multi* members and curves', () => {
    const gml2 = parseXml(
      '<gml:Polygon xmlns:gml="http://www.opengis.net/gml"><gml:outerBoundaryIs><gml:LinearRing><gml:coordinates>0,0 4,0 4,4 0,0</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs></gml:Polygon>',
    );
    expect(gmlToGeometry(gml2)).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 0]]] });
    // As QGIS Server writes it.
    const qgis = parseXml('<LineString xmlns="http://www.opengis.net/gml" srsName="EPSG:5897"><posList xmlns="http://www.opengis.net/gml" srsDimension="2">569004 1156100.123 569054.456 1156100</posList></LineString>');
    expect(gmlToGeometry(qgis)).toEqual({ type: 'LineString', coordinates: [[569004, 1156100.123], [569054.456, 1156100]] });
    // GeoServer GML 3.2 MultiSurface of one Surface/PolygonPatch, and a Curve.
    const multi = parseXml(
      `<gml:MultiSurface xmlns:gml="http://www.opengis.net/gml/3.2" gml:id="a" srsName="urn:ogc:def:crs:EPSG::5897"><gml:surfaceMember><gml:Surface gml:id="b"><gml:patches><gml:PolygonPatch><gml:exterior><gml:LinearRing><gml:posList>0 0 1 0 1 1 0 0</gml:posList></gml:LinearRing></gml:exterior></gml:PolygonPatch></gml:patches></gml:Surface></gml:surfaceMember></gml:MultiSurface>`,
    );
    expect(gmlToGeometry(multi)).toEqual({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] });
    const curve = parseXml(
      `<gml:Curve xmlns:gml="http://www.opengis.net/gml/3.2"><gml:segments><gml:LineStringSegment><gml:posList>0 0 1 1</gml:posList></gml:LineStringSegment></gml:segments></gml:Curve>`,
    );
    expect(gmlToGeometry(curve)).toEqual({ type: 'LineString', coordinates: [[0, 0], [1, 1]] });
    // 3D posList keeps z.
    const z = parseXml('<gml:LineString xmlns:gml="http://www.opengis.net/gml" srsDimension="3"><gml:posList>0 0 5 1 1 6</gml:posList></gml:LineString>');
    expect(gmlToGeometry(z)).toEqual({ type: 'LineString', coordinates: [[0, 0, 5], [1, 1, 6]] });
  });

  it('knows which srsNames are north-first', () => {
    expect(northFirst('EPSG:4326')).toBe(false);
    expect(northFirst('urn:ogc:def:crs:EPSG::4326')).toBe(true);
    expect(northFirst('http://www.opengis.net/def/crs/EPSG/0/4326')).toBe(true);
    // VN-2000 / TM-3: easting first in every spelling (QGIS Server returns it so for the URN too).
    expect(northFirst('urn:ogc:def:crs:EPSG::5897')).toBe(false);
    expect(srsCode('urn:ogc:def:crs:EPSG::5897')).toBe(5897);
    expect(srsCode('http://www.opengis.net/def/crs/EPSG/9.6.2/5897')).toBe(5897);
    expect(swapAxes({ type: 'Point', coordinates: [10.5, 105.6] })).toEqual({ type: 'Point', coordinates: [105.6, 10.5] });
  });
});

describe('WFS requests', () => {
  it('builds a WFS 1.1 GetFeature with bbox, changed-since and uuid filters, paged', () => {
    const xml = buildGetFeature(WFS_11, ZONING, {
      srsName: 'EPSG:5897',
      filter: { bbox: { box: [1, 2, 3, 4], srsName: 'EPSG:5897', geometryProperty: 'geometry' }, changedSince: '2026-12-01T00:00:00Z', uuids: ['a', 'b'] },
      count: 5000,
      startIndex: 10000,
    });
    expect(xml).toContain('version="1.1.0"');
    expect(xml).toContain('maxFeatures="5000" startIndex="10000"');
    expect(xml).toContain('<wfs:Query typeName="zoning" srsName="EPSG:5897">');
    expect(xml).toContain(
      '<ogc:BBOX><ogc:PropertyName>geometry</ogc:PropertyName><gml:Envelope srsName="EPSG:5897"><gml:lowerCorner>1 2</gml:lowerCorner><gml:upperCorner>3 4</gml:upperCorner></gml:Envelope></ogc:BBOX>',
    );
    expect(xml).toContain('<ogc:PropertyIsBetween><ogc:PropertyName>updated_at</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>2026-12-01T00:00:00Z</ogc:Literal>');
    expect(xml).toContain('<ogc:Or><ogc:PropertyIsEqualTo><ogc:PropertyName>uuid</ogc:PropertyName><ogc:Literal>a</ogc:Literal></ogc:PropertyIsEqualTo>');
    const doc = parseXml(xml);
    expect(doc.local).toBe('GetFeature');
    expect(doc.children[0]!.children[0]!.children[0]!.local).toBe('And');
  });

  it('builds a WFS 2.0 GetFeature with FES 2.0 (count, typeNames, ValueReference)', () => {
    const xml = buildGetFeature(WFS_20, GEOSERVER_ROADS, { srsName: 'EPSG:5897', filter: { uuids: ['a'] }, count: 100, startIndex: 0 });
    expect(xml).toContain('xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"');
    expect(xml).toContain('xmlns:ft="http://sdi.dongthap.gov.vn/sdi"');
    expect(xml).toContain('count="100" startIndex="0"');
    expect(xml).toContain('<wfs:Query typeNames="ft:roads" srsName="EPSG:5897"><fes:Filter><fes:PropertyIsEqualTo><fes:ValueReference>uuid</fes:ValueReference><fes:Literal>a</fes:Literal>');
    expect(buildFilter(WFS_20, { ids: ['roads.1'] })).toBe('<fes:Filter><fes:ResourceId rid="roads.1"/></fes:Filter>');
    expect(buildFilter(WFS_11, { ids: ['zoning.1'] })).toBe('<ogc:Filter><ogc:FeatureId fid="zoning.1"/></ogc:Filter>');
    expect(buildFilter(WFS_11, {})).toBe('');
  });

  it('builds a WFS 1.1 transaction: one Insert per feature with its handle, compare-and-set updates, deletes by id — all ASCII', () => {
    const xml = buildTransaction(WFS_11, ZONING, 'EPSG:5897', {
      inserts: [{ handle: 'u1', properties: { zone_code: 'OM-01', name: 'Đất ở', far: 2.5, uuid: 'u1' }, geometry: { type: 'Point', coordinates: [1, 2] } }],
      updates: [{ handle: 'u2', properties: { name: 'Công viên', far: null }, geometry: { type: 'Point', coordinates: [3, 4] }, filter: { uuid: 'u2', rowVersion: 3 } }],
      deletes: [{ handle: 'u3', filter: { ids: ['zoning.7'] } }],
    });
    expect(/^[\x20-\x7e]*$/.test(xml)).toBe(true);
    expect(xml).toContain(
      '<wfs:Insert handle="u1"><ft:zoning><ft:geometry><gml:Point srsName="EPSG:5897"><gml:pos srsDimension="2">1 2</gml:pos></gml:Point></ft:geometry><ft:zone_code>OM-01</ft:zone_code><ft:name>&#272;&#7845;t &#7903;</ft:name><ft:far>2.5</ft:far><ft:uuid>u1</ft:uuid></ft:zoning></wfs:Insert>',
    );
    expect(xml).toContain(
      '<wfs:Update typeName="zoning" handle="u2"><wfs:Property><wfs:Name>name</wfs:Name><wfs:Value>C&#244;ng vi&#234;n</wfs:Value></wfs:Property><wfs:Property><wfs:Name>far</wfs:Name></wfs:Property>',
    );
    expect(xml).toContain(
      '<ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>uuid</ogc:PropertyName><ogc:Literal>u2</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>row_version</ogc:PropertyName><ogc:Literal>3</ogc:Literal></ogc:PropertyIsEqualTo></ogc:And></ogc:Filter></wfs:Update>',
    );
    expect(xml).toContain('<wfs:Delete typeName="zoning" handle="u3"><ogc:Filter><ogc:FeatureId fid="zoning.7"/></ogc:Filter></wfs:Delete>');
    expect(parseXml(xml).children.map((c) => c.local)).toEqual(['Insert', 'Update', 'Delete']);
  });

  it('packs actions into documents under a byte limit, each with its handles', () => {
    const inserts = Array.from({ length: 10 }, (_, i) => ({ handle: `h${i}`, properties: { zone_code: 'x'.repeat(100) }, geometry: null }));
    const docs = transactionDocuments(WFS_11, ZONING, 'EPSG:5897', { inserts }, 1000);
    expect(docs.length).toBeGreaterThan(1);
    expect(docs.flatMap((d) => d.handles)).toEqual(inserts.map((i) => i.handle));
    for (const d of docs) {
      expect(d.body.length).toBeLessThanOrEqual(1000);
      expect(parseXml(d.body).children.map((c) => c.attributes.handle)).toEqual(d.handles);
    }
    // One action larger than the limit still goes (alone).
    expect(transactionDocuments(WFS_11, ZONING, 'EPSG:5897', { inserts }, 10)).toHaveLength(10);
  });

  it('builds a WFS 2.0 transaction in schema order with GML 3.2 ids and ValueReference', () => {
    const xml = buildTransaction(WFS_20, GEOSERVER_ROADS, 'EPSG:5897', {
      inserts: [{ handle: 'u1', properties: { name: 'Quốc lộ 30', uuid: 'u1' }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }],
      updates: [{ handle: 'u2', properties: { name: 'x' }, filter: { uuid: 'u2', rowVersion: 1 } }],
    });
    expect(xml).toContain('<wfs:Transaction service="WFS" version="2.0.0"');
    // the_geom after name and uuid (geometryIndex 2), as the schema sequence has it.
    expect(xml).toContain(
      '<wfs:Insert handle="u1"><ft:roads><ft:name>Qu&#7889;c l&#7897; 30</ft:name><ft:uuid>u1</ft:uuid><ft:the_geom><gml:LineString gml:id="i0.g1" srsName="EPSG:5897">',
    );
    expect(xml).toContain('<wfs:Update typeName="ft:roads" handle="u2"><wfs:Property><wfs:ValueReference>name</wfs:ValueReference><wfs:Value>x</wfs:Value></wfs:Property><fes:Filter><fes:And>');
  });
});

describe('WFS responses', () => {
  it('reads a WFS 1.1 TransactionResponse from QGIS Server: handles, totals, failed actions', () => {
    const result = parseTransactionResponse(`<TransactionResponse xmlns="http://www.opengis.net/wfs" version="1.1.0" xmlns:ogc="http://www.opengis.net/ogc">
 <TransactionSummary><totalInserted>1</totalInserted><totalUpdated>2</totalUpdated></TransactionSummary>
 <TransactionResults><Action locator="dup"><Message>Insert features failed on layer 'water_mains'</Message></Action></TransactionResults>
 <InsertResults><Feature handle="ok1"><ogc:FeatureId fid="water_mains.27"/></Feature></InsertResults>
</TransactionResponse>`);
    expect(result).toMatchObject({ totalInserted: 1, totalUpdated: 2, totalDeleted: 0 });
    expect([...result.inserted]).toEqual([['ok1', 'water_mains.27']]);
    expect([...result.failed]).toEqual([['dup', "Insert features failed on layer 'water_mains'"]]);
  });

  it('reads a WFS 2.0 TransactionResponse (fes:ResourceId)', () => {
    const result = parseTransactionResponse(`<?xml version="1.0" encoding="UTF-8"?>
<wfs:TransactionResponse xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:fes="http://www.opengis.net/fes/2.0" version="2.0.0">
  <wfs:TransactionSummary><wfs:totalInserted>2</wfs:totalInserted><wfs:totalUpdated>0</wfs:totalUpdated><wfs:totalReplaced>0</wfs:totalReplaced><wfs:totalDeleted>1</wfs:totalDeleted></wfs:TransactionSummary>
  <wfs:InsertResults>
    <wfs:Feature handle="a"><fes:ResourceId rid="roads.101"/></wfs:Feature>
    <wfs:Feature handle="b"><fes:ResourceId rid="roads.102"/></wfs:Feature>
  </wfs:InsertResults>
</wfs:TransactionResponse>`);
    expect(result.totalDeleted).toBe(1);
    expect(Object.fromEntries(result.inserted)).toEqual({ a: 'roads.101', b: 'roads.102' });
  });

  it('reads exception reports of every flavour', () => {
    expect(
      exceptionReportMessage(`<ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="2.0.0">
  <ows:Exception exceptionCode="InvalidParameterValue" locator="typeName"><ows:ExceptionText>Feature type sdi:nosuch unknown</ows:ExceptionText></ows:Exception>
</ows:ExceptionReport>`),
    ).toBe('InvalidParameterValue (typeName) Feature type sdi:nosuch unknown');
    expect(
      exceptionReportMessage(`<ServiceExceptionReport xmlns="http://www.opengis.net/ogc" version="1.2.0"><ServiceException code="RequestNotWellFormed">TypeName 'nosuch' could not be found</ServiceException></ServiceExceptionReport>`),
    ).toBe("RequestNotWellFormed TypeName 'nosuch' could not be found");
    expect(exceptionReportMessage('<ServerException>Project file error.</ServerException>')).toBe('Project file error.');
    expect(exceptionReportMessage('<wfs:FeatureCollection xmlns:wfs="x"/>')).toBeUndefined();
    expect(serverMessage('[{"code":"Bad request error","description":"Argument \'offset\' is not valid."}]')).toBe("Bad request error: Argument 'offset' is not valid.");
  });

  it('reads WFS 2.0 capabilities: versions, types, transactions from OperationsMetadata', () => {
    const caps = parseCapabilities(`<wfs:WFS_Capabilities version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:sdi="http://sdi.dongthap.gov.vn/sdi">
  <ows:ServiceIdentification><ows:Title>SDI Đồng Tháp</ows:Title></ows:ServiceIdentification>
  <ows:OperationsMetadata>
    <ows:Operation name="GetCapabilities"><ows:Parameter name="AcceptVersions"><ows:AllowedValues><ows:Value>2.0.0</ows:Value><ows:Value>1.1.0</ows:Value><ows:Value>1.0.0</ows:Value></ows:AllowedValues></ows:Parameter></ows:Operation>
    <ows:Operation name="Transaction"/>
    <ows:Constraint name="ImplementsTransactionalWFS"><ows:NoValues/><ows:DefaultValue>TRUE</ows:DefaultValue></ows:Constraint>
  </ows:OperationsMetadata>
  <wfs:FeatureTypeList><wfs:FeatureType><wfs:Name>sdi:roads</wfs:Name><wfs:Title>Đường</wfs:Title><wfs:DefaultCRS>urn:ogc:def:crs:EPSG::5897</wfs:DefaultCRS></wfs:FeatureType></wfs:FeatureTypeList>
</wfs:WFS_Capabilities>`);
    expect(caps.versions).toEqual(['2.0.0', '1.1.0', '1.0.0']);
    expect(caps.title).toBe('SDI Đồng Tháp');
    expect(caps.featureTypes).toEqual([{ name: 'sdi:roads', title: 'Đường', operations: [], defaultSrs: 'urn:ogc:def:crs:EPSG::5897' }]);
    expect(caps.globalOperations).toEqual(['Insert', 'Update', 'Delete']);
    expect(() => parseCapabilities('<html/>')).toThrow(/not WFS capabilities/);
  });

  it('reads DescribeFeatureType schemas (QGIS and GeoServer styles)', () => {
    const qgis = parseDescribeFeatureType(`<schema xmlns="http://www.w3.org/2001/XMLSchema" xmlns:qgs="http://www.qgis.org/gml" xmlns:gml="http://www.opengis.net/gml" targetNamespace="http://www.qgis.org/gml">
 <element name="water_mains" substitutionGroup="gml:_Feature" type="qgs:water_mainsType"/>
 <complexType name="water_mainsType"><complexContent><extension base="gml:AbstractFeatureType"><sequence>
  <element name="geometry" type="gml:LineStringPropertyType" maxOccurs="1" minOccurs="0"/>
  <element name="fid" type="int"/><element name="diameter_mm" type="int" nillable="true"/><element name="length_m" type="decimal" nillable="true"/>
  <element name="uuid" type="string" nillable="true"/><element name="row_version" type="long"/><element name="updated_at" type="dateTime"/>
 </sequence></extension></complexContent></complexType></schema>`).get('water_mains')!;
    expect(qgis.namespace).toBe('http://www.qgis.org/gml');
    expect(qgis.geometryProperty).toBe('geometry');
    expect(qgis.geometryIndex).toBe(0);
    expect(qgis.fields).toEqual([
      { name: 'fid', type: 'integer' },
      { name: 'diameter_mm', type: 'integer' },
      { name: 'length_m', type: 'real' },
      { name: 'uuid', type: 'text' },
      { name: 'row_version', type: 'integer' },
      { name: 'updated_at', type: 'datetime' },
    ]);
    const geoserver = parseDescribeFeatureType(`<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:sdi="http://sdi.dongthap.gov.vn/sdi" elementFormDefault="qualified" targetNamespace="http://sdi.dongthap.gov.vn/sdi">
  <xsd:complexType name="roadsType"><xsd:complexContent><xsd:extension base="gml:AbstractFeatureType"><xsd:sequence>
    <xsd:element maxOccurs="1" minOccurs="0" name="name" nillable="true"><xsd:simpleType><xsd:restriction base="xsd:string"><xsd:maxLength value="80"/></xsd:restriction></xsd:simpleType></xsd:element>
    <xsd:element maxOccurs="1" minOccurs="0" name="uuid" nillable="true" type="xsd:string"/>
    <xsd:element maxOccurs="1" minOccurs="0" name="the_geom" nillable="true" type="gml:MultiCurvePropertyType"/>
  </xsd:sequence></xsd:extension></xsd:complexContent></xsd:complexType>
  <xsd:element name="roads" substitutionGroup="gml:AbstractFeature" type="sdi:roadsType"/>
</xsd:schema>`).get('roads')!;
    expect(geoserver).toEqual({ namespace: 'http://sdi.dongthap.gov.vn/sdi', fields: [{ name: 'name', type: 'text' }, { name: 'uuid', type: 'text' }], geometryProperty: 'the_geom', geometryIndex: 2 });
  });

  it('reads WFS 2.0 wfs:member features and WFS 1.1 featureMember(s), nil values as null', () => {
    const v2 = parseFeatureCollection(`<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:sdi="http://sdi.dongthap.gov.vn/sdi" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" numberMatched="1" numberReturned="1">
  <wfs:member><sdi:roads gml:id="roads.5"><sdi:name>Qu&#7889;c l&#7897; 30</sdi:name><sdi:uuid xsi:nil="true"/>
    <sdi:the_geom><gml:MultiCurve gml:id="g" srsName="urn:ogc:def:crs:EPSG::5897"><gml:curveMember><gml:LineString gml:id="g1"><gml:posList>1 2 3 4</gml:posList></gml:LineString></gml:curveMember></gml:MultiCurve></sdi:the_geom>
  </sdi:roads></wfs:member>
</wfs:FeatureCollection>`);
    expect(v2).toHaveLength(1);
    expect(v2[0]!.id).toBe('roads.5');
    expect(v2[0]!.values).toEqual({ name: 'Quốc lộ 30', uuid: null });
    expect(v2[0]!.srsName).toBe('urn:ogc:def:crs:EPSG::5897');
    expect(gmlToGeometry(v2[0]!.geometry!)).toEqual({ type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]]] });
    const v11 = parseFeatureCollection(`<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:qgs="http://www.qgis.org/gml">
  <gml:featureMembers><qgs:zoning gml:id="zoning.1"><qgs:name>A</qgs:name></qgs:zoning><qgs:zoning gml:id="zoning.2"><qgs:name>B</qgs:name></qgs:zoning></gml:featureMembers>
</wfs:FeatureCollection>`);
    expect(v11.map((f) => f.id)).toEqual(['zoning.1', 'zoning.2']);
    // Spaces inside a value are data; whitespace between elements is not.
    const spaced = parseFeatureCollection(`<wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:qgs="http://www.qgis.org/gml">
  <gml:featureMember>
    <qgs:zoning gml:id="zoning.3">
      <qgs:name>  Ô 3 </qgs:name>
      <qgs:note> </qgs:note>
      <qgs:code></qgs:code>
    </qgs:zoning>
  </gml:featureMember>
</wfs:FeatureCollection>`);
    expect(spaced[0]!.values).toEqual({ name: '  Ô 3 ', note: ' ', code: '' });
    expect(v11[0]!.geometry).toBeUndefined();
  });
});

describe('urls', () => {
  it('keeps an endpoint\'s own parameters and replaces ours case-insensitively', () => {
    expect(withParams('https://sdi.example.vn/ows?MAP=/srv/sdi.qgs&service=WMS', { SERVICE: 'WFS', REQUEST: 'GetCapabilities' })).toBe(
      'https://sdi.example.vn/ows?MAP=%2Fsrv%2Fsdi.qgs&SERVICE=WFS&REQUEST=GetCapabilities',
    );
  });

  it('finds the collection\'s URI for the project CRS whatever EPSG version it names', () => {
    const list = ['http://www.opengis.net/def/crs/OGC/1.3/CRS84', 'http://www.opengis.net/def/crs/EPSG/9.6.2/5897', 'http://www.opengis.net/def/crs/EPSG/9.6.2/4326'];
    expect(crsUriFor(list, 5897)).toBe('http://www.opengis.net/def/crs/EPSG/9.6.2/5897');
    expect(crsUriFor(list, 58970)).toBeUndefined();
    expect(crsUriFor(undefined, 5897)).toBeUndefined();
  });
});
