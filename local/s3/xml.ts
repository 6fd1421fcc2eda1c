/** Small XML helpers for S3's REST protocol (responses are built as strings, requests parsed with regexes). */

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Escapes text for an XML element; control characters become character references as S3 does. */
export function escapeXml(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes
  return text.replace(/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#x${c.charCodeAt(0).toString(16)};`;
    }
  });
}

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, ent: string) => {
    if (ent[0] === '#')
      return String.fromCodePoint(ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[ent];
  });
}

/** `<name>escaped</name>`, or '' when the value is undefined. */
export function el(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A full document with the S3 namespace on its root. */
export function doc(root: string, inner: string): string {
  return `${XML_HEAD}<${root} xmlns="${S3_NS}">${inner}</${root}>`;
}

/** The `<Error>` document (S3 puts no namespace on it). */
export function errorDoc(code: string, message: string, details: Record<string, string>, requestId: string): string {
  const extra = Object.entries(details)
    .map(([k, v]) => el(k, v))
    .join('');
  return `${XML_HEAD}<Error>${el('Code', code)}${el('Message', message)}${extra}${el('RequestId', requestId)}${el('HostId', requestId)}</Error>`;
}

/** Text of every `<tag>` element in a document (tags are not nested in the bodies we parse). */
export function allElements(xml: string, tag: string): string[] {
  const found: string[] = [];
  const re = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) found.push(m[1]);
  return found;
}

/** Text of the first `<tag>`, unescaped, or undefined. */
export function firstElement(xml: string, tag: string): string | undefined {
  const [first] = allElements(xml, tag);
  return first === undefined ? undefined : unescapeXml(first);
}

/** S3's URL encoding for `encoding-type=url` listings (clients decode with plain percent-decoding). */
export function urlEncodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/');
}
