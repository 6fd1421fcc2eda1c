/**
 * A small, strict, linear-time XML reader for S3 request bodies (DeleteObjects,
 * CompleteMultipartUpload). It replaces regex extraction, which was quadratic on unclosed tags.
 *
 * Linear time by construction: one cursor moves forward only; every search (`indexOf`, a sticky
 * regex whose pattern cannot backtrack more than the text it then consumes or rejects) starts at
 * the cursor, and the cursor is then moved past what was searched, or the read fails. The work
 * done is counted in `stats.steps` (characters searched or consumed, plus one per token), which
 * the tests bound by a multiple of the input length.
 *
 * Limits: element depth, element count; the caller bounds the body size before reading.
 * Not accepted: DOCTYPE (so no entity expansion), NUL characters, character references that
 * are not XML characters (`&#0;`, surrogates, `&#xFFFE;`, `&#x110000;`, ...), unknown entities.
 * Raw control characters are accepted in text (the AWS SDKs send them unescaped in keys);
 * references to them are accepted as in XML 1.1. Line ends are normalized (CRLF and CR to LF)
 * as XML requires and as S3 documents for keys.
 */

/** An element: its local name (prefix dropped), attributes, child elements and direct text. */
export interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: XmlElement[];
  /** Concatenated text (and CDATA) directly inside this element, entities decoded. */
  text: string;
}

export interface XmlLimits {
  /** Deepest nesting accepted (the root is depth 1). */
  maxDepth: number;
  /** Most elements accepted in the document. */
  maxElements: number;
}

/** Work counter (see the module comment). */
export interface XmlReadStats {
  steps: number;
}

/** The document is not well-formed, or exceeds a limit. S3 answers 400 MalformedXML. */
export class XmlReadError extends Error {
  /** Offset in the text where the reader gave up. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = 'XmlReadError';
    this.offset = offset;
  }
}

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_.:\u00B7\u00C0-\uFFFF]*/y;
const ATTRIBUTE =
  /[ \t\r\n]+([A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_.:\u00B7\u00C0-\uFFFF]*)[ \t\r\n]*=[ \t\r\n]*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /[ \t\r\n]*(\/?)>/y;
const WHITESPACE = /^[ \t\r\n]*$/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Longest `&...;` reference looked at (`&#x0010FFFF;` and some leading zeros). */
const MAX_REFERENCE = 16;

/** Reads a whole document; returns its root element or throws {@link XmlReadError}. */
export function readXml(text: string, limits: XmlLimits, stats: XmlReadStats = { steps: 0 }): XmlElement {
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const start = pos;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let elements = 0;

  const fail = (message: string, at = pos): never => {
    throw new XmlReadError(message, at);
  };
  /** indexOf from the cursor, counted; fails when absent. */
  const find = (needle: string, from: number, what: string): number => {
    const at = text.indexOf(needle, from);
    stats.steps += (at < 0 ? n : at) - from + 1;
    if (at < 0) fail(`unterminated ${what}`, from);
    return at;
  };
  const sticky = (re: RegExp, from: number): RegExpExecArray | null => {
    re.lastIndex = from;
    const m = re.exec(text);
    stats.steps += (m ? m[0].length : 0) + 1;
    return m;
  };
  const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

  while (pos < n) {
    stats.steps++;
    const lt = text.indexOf('<', pos);
    const end = lt < 0 ? n : lt;
    stats.steps += end - pos;
    if (end > pos) {
      const raw = text.slice(pos, end);
      const top = stack[stack.length - 1];
      if (top) top.text += decodeText(raw, pos, stats);
      else if (!WHITESPACE.test(raw)) fail('text outside the root element');
      pos = end;
      continue;
    }
    if (text.startsWith('<?', pos)) {
      const close = find('?>', pos + 2, 'processing instruction');
      const target = sticky(NAME, pos + 2);
      if (!target) fail('processing instruction without a target');
      if (target?.[0].toLowerCase() === 'xml' && pos !== start) fail('XML declaration not at the start');
      pos = close + 2;
    } else if (text.startsWith('<!--', pos)) {
      pos = find('-->', pos + 4, 'comment') + 3;
    } else if (text.startsWith('<![CDATA[', pos)) {
      const top = stack[stack.length - 1];
      if (!top) fail('CDATA outside the root element');
      const close = find(']]>', pos + 9, 'CDATA section');
      if (top) top.text += text.slice(pos + 9, close);
      if (text.slice(pos + 9, close).includes('\u0000')) fail('NUL character');
      pos = close + 3;
    } else if (text.startsWith('<!', pos)) {
      fail('DOCTYPE and other declarations are not accepted');
    } else if (text.startsWith('</', pos)) {
      const name = sticky(NAME, pos + 2);
      if (!name) fail('bad end tag');
      const qname = name?.[0] ?? '';
      const tagEnd = sticky(TAG_END, pos + 2 + qname.length);
      if (!tagEnd || tagEnd[1] === '/') fail('bad end tag');
      const open = stack.pop();
      if (!open || open.name !== qname) fail(`end tag </${qname}> does not match`);
      pos = pos + 2 + qname.length + (tagEnd?.[0].length ?? 0);
    } else {
      const name = sticky(NAME, pos + 1);
      if (!name) fail('bad start tag');
      if (root && stack.length === 0) fail('content after the root element');
      if (++elements > limits.maxElements) fail(`more than ${limits.maxElements} elements`);
      if (stack.length >= limits.maxDepth) fail(`nesting deeper than ${limits.maxDepth}`);
      const qname = name?.[0] ?? '';
      const element: XmlElement = { name: qname, attributes: new Map(), children: [], text: '' };
      let at = pos + 1 + qname.length;
      for (let attr = sticky(ATTRIBUTE, at); attr; attr = sticky(ATTRIBUTE, at)) {
        const value = attr[2] ?? attr[3] ?? '';
        if (element.attributes.has(attr[1])) fail(`duplicate attribute ${attr[1]}`, at);
        element.attributes.set(attr[1], decodeText(value, at, stats));
        at += attr[0].length;
      }
      const tagEnd = sticky(TAG_END, at);
      if (!tagEnd) fail('bad start tag', at);
      pos = at + (tagEnd?.[0].length ?? 0);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else root = element;
      if (tagEnd?.[1] !== '/') stack.push(element);
    }
  }
  if (stack.length > 0) fail(`unclosed element <${stack[stack.length - 1].name}>`);
  if (!root) return fail('no root element');
  return renameToLocal(root, localName);
}

/** Element names are kept qualified while reading (end tags must match); callers see local names. */
function renameToLocal(root: XmlElement, localName: (q: string) => string): XmlElement {
  const todo = [root];
  for (let el = todo.pop(); el; el = todo.pop()) {
    el.name = localName(el.name);
    todo.push(...el.children);
  }
  return root;
}

/** Decodes references and normalizes line ends in a text or attribute value; `at` is for errors. */
function decodeText(raw: string, at: number, stats: XmlReadStats): string {
  stats.steps += raw.length;
  if (raw.includes('\u0000')) throw new XmlReadError('NUL character', at);
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  let out = '';
  let i = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', i)) {
    out += text.slice(i, amp);
    let semi = -1;
    const limit = Math.min(text.length, amp + MAX_REFERENCE);
    for (let j = amp + 1; j < limit; j++) {
      if (text.charCodeAt(j) === 0x3b) {
        semi = j;
        break;
      }
    }
    if (semi < 0) throw new XmlReadError('bad entity reference', at + amp);
    out += decodeReference(text.slice(amp + 1, semi), at + amp);
    i = semi + 1;
  }
  return out + text.slice(i);
}

function decodeReference(ref: string, at: number): string {
  if (ref[0] !== '#') {
    const value = Object.hasOwn(PREDEFINED, ref) ? PREDEFINED[ref] : undefined;
    if (value === undefined) throw new XmlReadError(`unknown entity &${ref};`, at);
    return value;
  }
  const hex = ref[1] === 'x';
  const digits = ref.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits))
    throw new XmlReadError(`bad character reference &${ref};`, at);
  const code = parseInt(digits, hex ? 16 : 10);
  if (!isXmlChar(code)) throw new XmlReadError(`character reference &${ref}; is not an XML character`, at);
  return String.fromCodePoint(code);
}

/** XML 1.1 `Char` (1.0 plus references to C0 controls, which S3 keys may contain). */
function isXmlChar(code: number): boolean {
  return (code >= 0x1 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** The first child named `name`, or undefined. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

/** Every child named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}
