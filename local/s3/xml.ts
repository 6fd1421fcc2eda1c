/** Small XML helpers for S3's REST protocol: responses are built as strings (requests are read by xml-reader.ts). */

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/**
 * Escapes text for an XML element; control characters become character references as S3 does
 * (CR too: a raw CR would reach the client as LF after XML line-end normalization).
 */
export function escapeXml(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes
  return text.replace(/[&<>"'\u0000-\u0008\u000b-\u001f]/g, (c) => {
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

/** S3's URL encoding for `encoding-type=url` listings (clients decode with plain percent-decoding). */
export function urlEncodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/');
}
