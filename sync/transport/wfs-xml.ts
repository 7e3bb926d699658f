/**
 * WFS request documents and response parsing, for WFS 1.1.0 (Filter 1.1, GML 3.1.1: QGIS Server,
 * GeoServer) and WFS 2.0.0 (FES 2.0, GML 3.2: GeoServer) — one code path, the dialect chosen by
 * `WfsDialect`. Pure functions (no I/O) so the XML is unit-tested against fixtures.
 * Every text value goes through `escapeXml` (non-ASCII → numeric character references).
 */
import type { BBox } from '../../gis-core/store/types.js';
import type { GeoJSONGeometry } from '../../layers/types.js';
import { geometryToGml, type GmlVersion } from './gml.js';
import type { ServerField } from './types.js';
import { attribute, child, children, descendants, escapeXml, parseXml, textOf, type XmlElement } from './xml.js';

export type WfsVersion = '1.1.0' | '2.0.0';

export interface WfsDialect {
  readonly version: WfsVersion;
  readonly wfs: string;
  /** The filter namespace (Filter 1.1 `ogc` or FES 2.0 `fes`). */
  readonly filterNs: string;
  readonly gml: string;
  readonly gmlVersion: GmlVersion;
  /** The element naming a property in a filter / update. */
  readonly propertyName: string;
  /** The element naming the property to set in an Update. */
  readonly updateName: string;
  /** The attribute holding a page size on GetFeature. */
  readonly countAttribute: string;
  readonly typeNameAttribute: string;
}

export const WFS_11: WfsDialect = {
  version: '1.1.0',
  wfs: 'http://www.opengis.net/wfs',
  filterNs: 'http://www.opengis.net/ogc',
  gml: 'http://www.opengis.net/gml',
  gmlVersion: '3.1.1',
  propertyName: 'PropertyName',
  updateName: 'Name',
  countAttribute: 'maxFeatures',
  typeNameAttribute: 'typeName',
};

export const WFS_20: WfsDialect = {
  version: '2.0.0',
  wfs: 'http://www.opengis.net/wfs/2.0',
  filterNs: 'http://www.opengis.net/fes/2.0',
  gml: 'http://www.opengis.net/gml/3.2',
  gmlVersion: '3.2',
  propertyName: 'ValueReference',
  updateName: 'ValueReference',
  countAttribute: 'count',
  typeNameAttribute: 'typeNames',
};

export function dialectOf(version: WfsVersion): WfsDialect {
  return version === '2.0.0' ? WFS_20 : WFS_11;
}

/** What the transport knows about one feature type, from GetCapabilities + DescribeFeatureType. */
export interface WfsFeatureTypeInfo {
  /** The name as capabilities list it (may carry a prefix: `topp:roads`). */
  readonly name: string;
  readonly localName: string;
  /** The feature type's namespace URI (DescribeFeatureType targetNamespace). */
  readonly namespace: string;
  readonly title?: string;
  /** Schema order, geometry excluded. */
  readonly fields: readonly ServerField[];
  readonly geometryProperty: string | undefined;
  /** Position of the geometry in the schema sequence (insert elements follow the schema order). */
  readonly geometryIndex: number;
  readonly operations: readonly string[];
}

// ---- filters ------------------------------------------------------------------------------------

export interface FilterParts {
  readonly bbox?: { readonly box: BBox; readonly srsName: string; readonly geometryProperty: string };
  readonly changedSince?: string;
  readonly uuids?: readonly string[];
  /** Compare-and-set pieces. */
  readonly uuid?: string;
  readonly rowVersion?: number;
  /** Server feature ids (ResourceId / FeatureId). */
  readonly ids?: readonly string[];
}

const FAR_FUTURE = '9999-12-31T23:59:59Z';

function p(d: WfsDialect, tag: string): string {
  return d.version === '2.0.0' ? `fes:${tag}` : `ogc:${tag}`;
}

function equals(d: WfsDialect, property: string, value: string): string {
  return `<${p(d, 'PropertyIsEqualTo')}><${p(d, d.propertyName)}>${escapeXml(property)}</${p(d, d.propertyName)}><${p(d, 'Literal')}>${escapeXml(value)}</${p(d, 'Literal')}></${p(d, 'PropertyIsEqualTo')}>`;
}

function and(d: WfsDialect, parts: string[]): string {
  return parts.length === 1 ? parts[0]! : `<${p(d, 'And')}>${parts.join('')}</${p(d, 'And')}>`;
}

/** An ogc:/fes:Filter element, or '' when there is nothing to filter on. */
export function buildFilter(d: WfsDialect, parts: FilterParts): string {
  if (parts.ids) {
    // Feature ids are a filter of their own (they do not combine with And in Filter 1.1).
    const ids = parts.ids.map((id) =>
      d.version === '2.0.0' ? `<fes:ResourceId rid="${escapeXml(id)}"/>` : `<ogc:FeatureId fid="${escapeXml(id)}"/>`,
    );
    return `<${p(d, 'Filter')}>${ids.join('')}</${p(d, 'Filter')}>`;
  }
  const terms: string[] = [];
  if (parts.bbox) {
    const [minx, miny, maxx, maxy] = parts.bbox.box;
    terms.push(
      `<${p(d, 'BBOX')}><${p(d, d.propertyName)}>${escapeXml(parts.bbox.geometryProperty)}</${p(d, d.propertyName)}>` +
        `<gml:Envelope srsName="${escapeXml(parts.bbox.srsName)}"><gml:lowerCorner>${minx} ${miny}</gml:lowerCorner><gml:upperCorner>${maxx} ${maxy}</gml:upperCorner></gml:Envelope></${p(d, 'BBOX')}>`,
    );
  }
  if (parts.changedSince !== undefined) {
    // PropertyIsBetween, not PropertyIsGreaterThan: QGIS Server 3.22 matches nothing with
    // GreaterThan on a timestamp column (seen), Between works there and everywhere. Inclusive, so
    // a feature changed in the same millisecond comes again (servers report ms, PostgreSQL keeps µs:
    // an exclusive test would miss some).
    const literal = (v: string) => `<${p(d, 'Literal')}>${escapeXml(v)}</${p(d, 'Literal')}>`;
    terms.push(
      `<${p(d, 'PropertyIsBetween')}><${p(d, d.propertyName)}>updated_at</${p(d, d.propertyName)}>` +
        `<${p(d, 'LowerBoundary')}>${literal(parts.changedSince)}</${p(d, 'LowerBoundary')}><${p(d, 'UpperBoundary')}>${literal(FAR_FUTURE)}</${p(d, 'UpperBoundary')}></${p(d, 'PropertyIsBetween')}>`,
    );
  }
  if (parts.uuids && parts.uuids.length > 0) {
    const each = parts.uuids.map((u) => equals(d, 'uuid', u));
    terms.push(each.length === 1 ? each[0]! : `<${p(d, 'Or')}>${each.join('')}</${p(d, 'Or')}>`);
  }
  if (parts.uuid !== undefined) terms.push(equals(d, 'uuid', parts.uuid));
  if (parts.rowVersion !== undefined) terms.push(equals(d, 'row_version', String(parts.rowVersion)));
  if (terms.length === 0) return '';
  return `<${p(d, 'Filter')}>${and(d, terms)}</${p(d, 'Filter')}>`;
}

function namespaces(d: WfsDialect, type?: WfsFeatureTypeInfo): string {
  const filter = d.version === '2.0.0' ? `xmlns:fes="${d.filterNs}"` : `xmlns:ogc="${d.filterNs}"`;
  const feature = type ? ` xmlns:ft="${escapeXml(type.namespace)}"` : '';
  return `xmlns:wfs="${d.wfs}" ${filter} xmlns:gml="${d.gml}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"${feature}`;
}

/** The type name as requests spell it: prefixed with our `ft` when the server's name had a prefix. */
function qualifiedTypeName(type: WfsFeatureTypeInfo): string {
  return type.name.includes(':') ? `ft:${type.localName}` : type.localName;
}

// ---- GetFeature ---------------------------------------------------------------------------------

export interface GetFeaturePage {
  readonly srsName: string;
  readonly filter: FilterParts;
  readonly count: number;
  readonly startIndex: number;
}

export function buildGetFeature(d: WfsDialect, type: WfsFeatureTypeInfo, page: GetFeaturePage): string {
  const filter = buildFilter(d, page.filter);
  const output = d.version === '1.1.0' ? ' outputFormat="text/xml; subtype=gml/3.1.1"' : '';
  return (
    `<wfs:GetFeature service="WFS" version="${d.version}" ${namespaces(d, type)}${output} ${d.countAttribute}="${page.count}" startIndex="${page.startIndex}">` +
    `<wfs:Query ${d.typeNameAttribute}="${escapeXml(qualifiedTypeName(type))}" srsName="${escapeXml(page.srsName)}">${filter}</wfs:Query></wfs:GetFeature>`
  );
}

// ---- Transaction --------------------------------------------------------------------------------

function valueText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} cannot be sent to the SDI server`);
    return String(value);
  }
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export interface InsertAction {
  readonly handle: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly geometry: GeoJSONGeometry | null;
}

export interface UpdateAction {
  readonly handle: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** undefined = unchanged; null = cleared. */
  readonly geometry?: GeoJSONGeometry | null;
  readonly filter: FilterParts;
}

export interface DeleteAction {
  readonly handle: string;
  readonly filter: FilterParts;
}

function insertElement(d: WfsDialect, type: WfsFeatureTypeInfo, action: InsertAction, srsName: string, index: number): string {
  const parts: string[] = [];
  const geometry = () => {
    if (action.geometry && type.geometryProperty) {
      parts.push(`<ft:${type.geometryProperty}>${geometryToGml(action.geometry, srsName, d.gmlVersion, `i${index}`)}</ft:${type.geometryProperty}>`);
    }
  };
  type.fields.forEach((field, i) => {
    if (i === type.geometryIndex) geometry();
    const value = action.properties[field.name];
    // Omitted = NULL on the server (QGIS Server sends omitted fields as NULL).
    if (value === undefined || value === null) return;
    parts.push(`<ft:${field.name}>${escapeXml(valueText(value))}</ft:${field.name}>`);
  });
  if (type.geometryIndex >= type.fields.length) geometry();
  return `<wfs:Insert handle="${escapeXml(action.handle)}"><ft:${type.localName}>${parts.join('')}</ft:${type.localName}></wfs:Insert>`;
}

function updateElement(d: WfsDialect, type: WfsFeatureTypeInfo, action: UpdateAction, srsName: string, index: number): string {
  const name = (n: string) => `<wfs:${d.updateName}>${escapeXml(n)}</wfs:${d.updateName}>`;
  const props: string[] = [];
  for (const [key, value] of Object.entries(action.properties)) {
    props.push(value === null || value === undefined ? `<wfs:Property>${name(key)}</wfs:Property>` : `<wfs:Property>${name(key)}<wfs:Value>${escapeXml(valueText(value))}</wfs:Value></wfs:Property>`);
  }
  if (action.geometry !== undefined && type.geometryProperty) {
    props.push(
      action.geometry === null
        ? `<wfs:Property>${name(type.geometryProperty)}</wfs:Property>`
        : `<wfs:Property>${name(type.geometryProperty)}<wfs:Value>${geometryToGml(action.geometry, srsName, d.gmlVersion, `u${index}`)}</wfs:Value></wfs:Property>`,
    );
  }
  return `<wfs:Update typeName="${escapeXml(qualifiedTypeName(type))}" handle="${escapeXml(action.handle)}">${props.join('')}${buildFilter(d, action.filter)}</wfs:Update>`;
}

function deleteElement(d: WfsDialect, type: WfsFeatureTypeInfo, action: DeleteAction): string {
  return `<wfs:Delete typeName="${escapeXml(qualifiedTypeName(type))}" handle="${escapeXml(action.handle)}">${buildFilter(d, action.filter)}</wfs:Delete>`;
}

export interface TransactionActions {
  readonly inserts?: readonly InsertAction[];
  readonly updates?: readonly UpdateAction[];
  readonly deletes?: readonly DeleteAction[];
}

function actionElements(d: WfsDialect, type: WfsFeatureTypeInfo, srsName: string, actions: TransactionActions): { handle: string; xml: string }[] {
  const out: { handle: string; xml: string }[] = [];
  (actions.inserts ?? []).forEach((a, i) => out.push({ handle: a.handle, xml: insertElement(d, type, a, srsName, i) }));
  (actions.updates ?? []).forEach((a, i) => out.push({ handle: a.handle, xml: updateElement(d, type, a, srsName, i) }));
  for (const a of actions.deletes ?? []) out.push({ handle: a.handle, xml: deleteElement(d, type, a) });
  return out;
}

/** One Transaction document: one action element per feature, each with its `handle`. */
export function buildTransaction(d: WfsDialect, type: WfsFeatureTypeInfo, srsName: string, actions: TransactionActions): string {
  return transactionDocuments(d, type, srsName, actions, Number.POSITIVE_INFINITY)[0]?.body ?? '';
}

/**
 * The actions packed into as few Transaction documents as fit `maxBytes` each (an action larger
 * than that goes alone), with the handles each carries. qgis_mapserver (QGIS Server's own HTTP
 * server) drops the body of a request over 128 KiB and answers "OperationNotSupported".
 */
export function transactionDocuments(
  d: WfsDialect,
  type: WfsFeatureTypeInfo,
  srsName: string,
  actions: TransactionActions,
  maxBytes: number,
): { body: string; handles: string[] }[] {
  const open = `<wfs:Transaction service="WFS" version="${d.version}" ${namespaces(d, type)}>`;
  const close = '</wfs:Transaction>';
  const docs: { body: string; handles: string[] }[] = [];
  let parts: string[] = [];
  let handles: string[] = [];
  let size = open.length + close.length;
  const flush = () => {
    if (parts.length > 0) docs.push({ body: `${open}${parts.join('')}${close}`, handles });
    parts = [];
    handles = [];
    size = open.length + close.length;
  };
  for (const action of actionElements(d, type, srsName, actions)) {
    if (parts.length > 0 && size + action.xml.length > maxBytes) flush();
    parts.push(action.xml);
    handles.push(action.handle);
    size += action.xml.length;
  }
  flush();
  return docs;
}

export interface TransactionResult {
  readonly totalInserted: number;
  readonly totalUpdated: number;
  readonly totalDeleted: number;
  /** handle → server feature id. */
  readonly inserted: ReadonlyMap<string, string>;
  /** handle (locator) → the server's message, for actions the server reports as failed. */
  readonly failed: ReadonlyMap<string, string>;
}

/** Parses a TransactionResponse (1.1 or 2.0). Throws on anything else (the caller checks exception reports first). */
export function parseTransactionResponse(xml: string): TransactionResult {
  const root = parseXml(xml);
  if (root.local !== 'TransactionResponse') throw new Error(`expected a TransactionResponse, got <${root.name}>`);
  const summary = child(root, 'TransactionSummary');
  const total = (name: string) => Number(textOf(child(summary, name)) || 0);
  const inserted = new Map<string, string>();
  for (const feature of children(child(root, 'InsertResults'), 'Feature')) {
    const handle = feature.attributes.handle;
    const id = child(feature, 'FeatureId') ?? child(feature, 'ResourceId');
    const fid = id ? (id.attributes.fid ?? id.attributes.rid) : undefined;
    if (handle !== undefined && fid !== undefined) inserted.set(handle, fid);
  }
  const failed = new Map<string, string>();
  for (const action of descendants(root, 'Action')) {
    const locator = action.attributes.locator ?? '';
    failed.set(locator, textOf(child(action, 'Message')) || textOf(action) || 'failed');
  }
  return { totalInserted: total('totalInserted'), totalUpdated: total('totalUpdated'), totalDeleted: total('totalDeleted'), inserted, failed };
}

// ---- GetCapabilities / DescribeFeatureType ------------------------------------------------------

export interface WfsCapabilities {
  readonly versions: readonly string[];
  readonly version: string;
  readonly title?: string;
  readonly featureTypes: readonly { readonly name: string; readonly title?: string; readonly operations: readonly string[]; readonly defaultSrs?: string }[];
  /** Operations allowed on every type (WFS 1.1 FeatureTypeList/Operations, WFS 2.0 OperationsMetadata). */
  readonly globalOperations: readonly string[];
}

/** WFS 1.1 / 2.0 capabilities; throws when the document is not WFS_Capabilities. */
export function parseCapabilities(xml: string): WfsCapabilities {
  const root = parseXml(xml);
  if (root.local !== 'WFS_Capabilities') throw new Error(`not WFS capabilities (root <${root.name}>)`);
  const versions = new Set<string>([root.attributes.version ?? '']);
  const metadata = child(root, 'OperationsMetadata');
  for (const op of children(metadata, 'Operation')) {
    for (const parameter of children(op, 'Parameter')) {
      if (parameter.attributes.name?.toLowerCase() === 'acceptversions') {
        for (const v of descendants(parameter, 'Value')) versions.add(textOf(v));
      }
    }
  }
  const list = child(root, 'FeatureTypeList');
  const globalOperations = children(child(list, 'Operations'), 'Operation').map((o) => textOf(o));
  // WFS 2.0 lists Transaction in OperationsMetadata and the conformance ImplementsTransactionalWFS.
  const hasTransaction = children(metadata, 'Operation').some((o) => o.attributes.name === 'Transaction');
  if (root.attributes.version?.startsWith('2.') && hasTransaction) {
    const constraint = (metadata ? descendants(metadata, 'Constraint') : []).find((c) => c.attributes.name === 'ImplementsTransactionalWFS');
    const allowed = !constraint || textOf(child(constraint, 'DefaultValue')).toUpperCase() !== 'FALSE';
    if (allowed) globalOperations.push('Insert', 'Update', 'Delete');
  }
  const featureTypes = children(list, 'FeatureType').map((t) => ({
    name: textOf(child(t, 'Name')),
    title: textOf(child(t, 'Title')) || undefined,
    operations: children(child(t, 'Operations'), 'Operation').map((o) => textOf(o)),
    defaultSrs: textOf(child(t, 'DefaultSRS') ?? child(t, 'DefaultCRS')) || undefined,
  }));
  const title = textOf(child(child(root, 'ServiceIdentification'), 'Title')) || undefined;
  return { versions: [...versions].filter((v) => v !== ''), version: root.attributes.version ?? '', title, featureTypes, globalOperations };
}

function fieldType(xsdType: string): ServerField['type'] {
  const t = xsdType.slice(xsdType.indexOf(':') + 1).toLowerCase();
  if (['string', 'anyuri', 'token', 'normalizedstring'].includes(t)) return 'text';
  if (['int', 'integer', 'long', 'short', 'byte', 'unsignedint', 'unsignedlong', 'unsignedshort', 'nonnegativeinteger', 'positiveinteger'].includes(t)) return 'integer';
  if (['decimal', 'double', 'float'].includes(t)) return 'real';
  if (t === 'boolean') return 'boolean';
  if (t === 'date') return 'date';
  if (t === 'datetime') return 'datetime';
  return 'other';
}

function isGeometryType(type: string | undefined): boolean {
  if (!type) return false;
  return /^gml:/.test(type) || /(Geometry|Point|LineString|Curve|Polygon|Surface)PropertyType$/.test(type);
}

/** Fields and geometry property of each type in a DescribeFeatureType schema. */
export function parseDescribeFeatureType(xml: string): Map<string, { namespace: string; fields: ServerField[]; geometryProperty?: string; geometryIndex: number }> {
  const schema = parseXml(xml);
  const namespace = schema.attributes.targetNamespace ?? '';
  const complexTypes = new Map(children(schema, 'complexType').map((t) => [t.attributes.name ?? '', t]));
  const out = new Map<string, { namespace: string; fields: ServerField[]; geometryProperty?: string; geometryIndex: number }>();
  for (const element of children(schema, 'element')) {
    const name = element.attributes.name;
    if (!name) continue;
    const typeRef = (element.attributes.type ?? '').replace(/^.*:/, '');
    const complex = complexTypes.get(typeRef) ?? child(element, 'complexType');
    if (!complex) continue;
    const sequence = descendants(complex, 'sequence')[0];
    const fields: ServerField[] = [];
    let geometryProperty: string | undefined;
    let geometryIndex = Number.MAX_SAFE_INTEGER;
    for (const e of children(sequence, 'element')) {
      const fieldName = e.attributes.name;
      if (!fieldName) continue;
      let type = e.attributes.type;
      if (!type) {
        // Inline simpleType restriction (GeoServer: string with maxLength).
        const restriction = descendants(e, 'restriction')[0];
        type = restriction?.attributes.base ?? '';
      }
      if (isGeometryType(type)) {
        if (geometryProperty === undefined) {
          geometryProperty = fieldName;
          geometryIndex = fields.length;
        }
        continue;
      }
      fields.push({ name: fieldName, type: fieldType(type) });
    }
    out.set(name, { namespace, fields, geometryProperty, geometryIndex });
  }
  return out;
}

// ---- GetFeature response ------------------------------------------------------------------------

export interface ParsedFeature {
  readonly id: string;
  /** Raw text values by local property name; null for xsi:nil / empty-nillable. */
  readonly values: Readonly<Record<string, string | null>>;
  readonly geometry: XmlElement | undefined;
  /** The geometry's srsName (or the collection envelope's). */
  readonly srsName: string | undefined;
}

const GEOMETRY_ELEMENTS = new Set([
  'Point', 'LineString', 'Curve', 'Polygon', 'Surface', 'MultiPoint', 'MultiLineString', 'MultiCurve', 'MultiPolygon', 'MultiSurface', 'MultiGeometry',
]);

/** The features of a (wfs:)FeatureCollection, GML 3.1.1 featureMember(s) or WFS 2.0 member. */
export function parseFeatureCollection(xml: string): ParsedFeature[] {
  const root = parseXml(xml);
  if (root.local !== 'FeatureCollection') throw new Error(`expected a FeatureCollection, got <${root.name}>`);
  const features: XmlElement[] = [];
  const collect = (container: XmlElement) => {
    for (const m of container.children) {
      if (m.local === 'featureMember' || m.local === 'member') {
        for (const f of m.children) {
          // WFS 2.0 may nest a further FeatureCollection (joins); flatten it.
          if (f.local === 'FeatureCollection') collect(f);
          else features.push(f);
        }
      } else if (m.local === 'featureMembers') features.push(...m.children);
    }
  };
  collect(root);
  return features.map((f) => {
    const values: Record<string, string | null> = {};
    let geometry: XmlElement | undefined;
    for (const property of f.children) {
      if (property.local === 'boundedBy') continue;
      const inner = property.children.find((c) => GEOMETRY_ELEMENTS.has(c.local));
      if (inner) {
        geometry ??= inner;
        continue;
      }
      const nil = attribute(property, 'nil');
      // A leaf's text as sent (leading / trailing spaces are data).
      values[property.local] = nil === 'true' ? null : property.children.length === 0 ? property.text : textOf(property);
    }
    return {
      id: attribute(f, 'id') ?? f.attributes.fid ?? '',
      values,
      geometry,
      srsName: geometry ? (attribute(geometry, 'srsName') ?? undefined) : undefined,
    };
  });
}
