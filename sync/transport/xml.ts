/**
 * The little XML the WFS transport needs, without a dependency: a non-validating parser into an
 * element tree (names kept with their prefix, looked up by LOCAL name: servers choose prefixes
 * and default namespaces freely — QGIS writes `<LineString xmlns="http://www.opengis.net/gml">`),
 * and text escaping that writes every non-ASCII character as a numeric character reference
 * (a POST body with non-ASCII bytes hangs QGIS Server 3.22; NCRs are plain ASCII).
 */

export interface XmlElement {
  /** The qualified name as written (`gml:posList`). */
  readonly name: string;
  /** The name without its prefix (`posList`). */
  readonly local: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own character data (CDATA included), children's text excluded. */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return ENTITIES[body] ?? whole;
  });
}

/** A start tag at lastIndex (sticky: no copy of the rest of the document per tag). */
const START_TAG = /<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function isBlank(source: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = source.charCodeAt(k);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return false;
  }
  return true;
}

/** Parses a document; throws Error('not XML: …') on anything malformed enough to matter. */
export function parseXml(source: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const n = source.length;
  const fail = (what: string): never => {
    throw new Error(`not XML: ${what} at offset ${i}`);
  };
  while (i < n) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && stack.length > 0) {
      const top = stack[stack.length - 1]!;
      // Whitespace between elements is layout, not text: skipping it keeps a 10 MB answer from
      // making millions of little strings. A leaf's own whitespace (`<v> </v>`) is kept.
      const layout = (top.children.length > 0 || source.charCodeAt(textEnd + 1) !== 47) && isBlank(source, i, textEnd);
      if (!layout) top.text += decodeEntities(source.slice(i, textEnd));
    } else if (textEnd > i && source.slice(i, textEnd).trim() !== '' && !root) fail('text before the root element');
    if (lt < 0) break;
    i = lt;
    const next = source.charCodeAt(i + 1);
    if (next === 47 /* / */) {
      const end = source.indexOf('>', i);
      if (end < 0) fail('unterminated end tag');
      const name = source.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) fail(`</${name}> does not close <${open?.name ?? ''}>`);
      i = end + 1;
    } else if (next === 63 /* ? */ || next === 33 /* ! */) {
      if (source.startsWith('<?', i)) {
        const end = source.indexOf('?>', i);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (source.startsWith('<![CDATA[', i)) {
        const end = source.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        if (stack.length > 0) stack[stack.length - 1]!.text += source.slice(i + 9, end);
        i = end + 3;
      } else if (source.startsWith('<!', i)) {
        // DOCTYPE: skipped (no internal subsets in OGC responses).
        const end = source.indexOf('>', i);
        if (end < 0) fail('unterminated declaration');
        i = end + 1;
      }
    } else {
      START_TAG.lastIndex = i;
      const tag = START_TAG.exec(source);
      if (!tag) fail('malformed start tag');
      const [whole, name, attrText, selfClosing] = tag!;
      const attributes: Record<string, string> = {};
      if (attrText) for (const a of attrText.matchAll(ATTRIBUTE)) attributes[a[1]!] = decodeEntities(a[2] ?? a[3] ?? '');
      const element: XmlElement = { name: name!, local: localName(name!), attributes, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
      else if (root) fail('a second root element');
      else root = element;
      if (!selfClosing) stack.push(element);
      i += whole.length;
    }
  }
  if (!root) throw new Error('not XML: no element');
  if (stack.length > 0) throw new Error(`not XML: <${stack[stack.length - 1]!.name}> is not closed`);
  return root;
}

/** The first child with this local name. */
export function child(element: XmlElement | undefined, local: string): XmlElement | undefined {
  return element?.children.find((c) => c.local === local);
}

export function children(element: XmlElement | undefined, local: string): XmlElement[] {
  return element ? element.children.filter((c) => c.local === local) : [];
}

/** Every descendant (depth first, document order) with this local name. */
export function descendants(element: XmlElement, local: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of element.children) {
    if (c.local === local) out.push(c);
    descendants(c, local, out);
  }
  return out;
}

/** The element's text including its descendants', trimmed. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  const parts: string[] = [element.text];
  for (const c of element.children) parts.push(textOf(c));
  return parts.join('').trim();
}

/** An attribute by local name (`gml:id`, `id`). */
export function attribute(element: XmlElement, local: string): string | undefined {
  if (local in element.attributes) return element.attributes[local];
  for (const [name, value] of Object.entries(element.attributes)) if (localName(name) === local) return value;
  return undefined;
}

/**
 * Text or attribute content escaped for XML, every character outside printable ASCII written
 * as `&#N;` — the body stays 7-bit (QGIS Server 3.22 hangs on non-ASCII POST bodies).
 */
export function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    else if (code > 126 || (code < 32 && code !== 9 && code !== 10 && code !== 13)) out += `&#${code};`;
    else out += ch;
  }
  return out;
}
