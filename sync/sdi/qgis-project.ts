/**
 * A QGIS Server project (.qgs) that publishes PostGIS tables with WFS-T (Insert, Update,
 * Delete) and OGC API Features: the SDI-side template an administrator starts from, and the
 * project the sync tests serve with `qgis_mapserver`.
 *
 * What QGIS Server 3.22 needs, learnt the hard way (see shared/domain/sdi-qgis-server-notes.md):
 * layer ids longer than 10 characters (shorter ones are silently replaced), the project CRS with
 * its `srsid` as well as its `authid`, projections enabled, and the editable layers listed by id
 * under WFSLayers / WFSTLayers. `WFSLayersPrecision` 3 writes millimetres in a metric CRS.
 */
import type { GeometryType } from '../../layers/types.js';

export interface PublishedTable {
  /** PostGIS schema-qualified table, e.g. { schema: 'public', table: 'water_mains' }. */
  readonly schema: string;
  readonly table: string;
  /** The feature type name clients see (WFS TYPENAME, OGC API collection id). */
  readonly name: string;
  readonly geometryType: GeometryType;
  readonly geometryColumn: string;
  /** The primary key column. */
  readonly key: string;
}

export interface QgisProjectOptions {
  readonly title: string;
  /** libpq keywords for the datasource: dbname, host, port, user (password via a service file, not here). */
  readonly connection: { readonly dbname: string; readonly host: string; readonly port: number; readonly user: string };
  /** EPSG code of the tables and the project (a VN-2000 zone). */
  readonly epsg: number;
  /** QGIS's internal srsid of that EPSG code (5897 → 60149 in QGIS 3.22's srs.db). */
  readonly srsid: number;
  readonly tables: readonly PublishedTable[];
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function quoteConn(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The layer id QGIS keeps (longer than 10 characters, stable per table). */
export function qgisLayerId(table: PublishedTable): string {
  return `plandesk_${table.name}_layer`;
}

const QGIS_GEOMETRY: Record<GeometryType, string> = { Point: 'Point', LineString: 'Line', Polygon: 'Polygon' };

export function qgisServerProject(options: QgisProjectOptions): string {
  const c = options.connection;
  const srs = `<spatialrefsys><authid>EPSG:${options.epsg}</authid><srsid>${options.srsid}</srsid><srid>${options.epsg}</srid></spatialrefsys>`;
  const ids = options.tables.map(qgisLayerId);
  const list = (tag: string) => `<${tag} type="QStringList">${ids.map((id) => `<value>${id}</value>`).join('')}</${tag}>`;
  const layers = options.tables.map((t) => {
    const datasource =
      `dbname=${quoteConn(c.dbname)} host=${quoteConn(c.host)} port=${c.port} user=${quoteConn(c.user)} key='${t.key}' ` +
      `srid=${options.epsg} type=${t.geometryType} checkPrimaryKeyUnicity='1' table="${t.schema}"."${t.table}" (${t.geometryColumn})`;
    return `    <maplayer type="vector" geometry="${QGIS_GEOMETRY[t.geometryType]}" wkbType="${t.geometryType}">
      <id>${qgisLayerId(t)}</id>
      <datasource>${xml(datasource)}</datasource>
      <layername>${xml(t.name)}</layername>
      <srs>${srs}</srs>
      <provider encoding="UTF-8">postgres</provider>
    </maplayer>`;
  });
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis projectname="${xml(options.title)}" version="3.22.16">
  <title>${xml(options.title)}</title>
  <projectCrs>${srs}</projectCrs>
  <layer-tree-group>
${options.tables.map((t) => `    <layer-tree-layer id="${qgisLayerId(t)}" name="${xml(t.name)}" providerKey="postgres" checked="Qt::Checked" expanded="1"/>`).join('\n')}
  </layer-tree-group>
  <projectlayers>
${layers.join('\n')}
  </projectlayers>
  <properties>
    <SpatialRefSys><ProjectionsEnabled type="int">1</ProjectionsEnabled></SpatialRefSys>
    <WMSServiceCapabilities type="bool">true</WMSServiceCapabilities>
    <WMSServiceTitle type="QString">${xml(options.title)}</WMSServiceTitle>
    <WMSCrsList type="QStringList"><value>EPSG:${options.epsg}</value><value>EPSG:4326</value><value>EPSG:3857</value></WMSCrsList>
    ${list('WFSLayers')}
    <WFSLayersPrecision>${ids.map((id) => `<${id} type="int">3</${id}>`).join('')}</WFSLayersPrecision>
    <WFSTLayers>${list('Insert')}${list('Update')}${list('Delete')}</WFSTLayers>
  </properties>
</qgis>
`;
}
