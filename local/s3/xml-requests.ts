/**
 * The XML request bodies of S3 that the local server reads (DeleteObjects,
 * CompleteMultipartUpload), checked against S3's schema and limits. Every failure is the
 * S3Error S3 answers with: 400 MalformedXML for a body that is not well-formed XML (or not
 * UTF-8, or past a limit, or not the expected document).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { CHECKSUM_ALGORITHMS, checksumBase64, md5Base64 } from './checksums';
import { badRequest, type S3Error } from './errors';
import type { CompletedPart } from './multipart-uploads';
import { child, childrenNamed, readXml, type XmlElement, type XmlReadStats } from './xml-reader';

/** S3's cap on the keys of one DeleteObjects request (more is MalformedXML). */
export const MAX_DELETE_KEYS = 1000;
/** S3's cap on the parts of an upload. */
export const MAX_PARTS = 10_000;

export function malformedXml(): S3Error {
  return badRequest(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads `bytes` as an XML document with root `rootName`; MalformedXML otherwise. */
function readDocument(bytes: Uint8Array, rootName: string, maxElements: number, stats?: XmlReadStats): XmlElement {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw malformedXml();
  }
  let root: XmlElement;
  try {
    root = readXml(text, { maxDepth: 8, maxElements }, stats);
  } catch {
    throw malformedXml();
  }
  if (root.name !== rootName) throw malformedXml();
  return root;
}

export interface DeleteRequest {
  quiet: boolean;
  keys: string[];
}

/** `<Delete><Object><Key>..</Key>[<VersionId>..]</Object>...<Quiet>true</Quiet></Delete>` */
export function parseDeleteObjects(bytes: Uint8Array, stats?: XmlReadStats): DeleteRequest {
  // An Object holds at most Key, VersionId, ETag, LastModifiedTime, Size.
  const root = readDocument(bytes, 'Delete', MAX_DELETE_KEYS * 6 + 2, stats);
  const objects = childrenNamed(root, 'Object');
  if (objects.length === 0 || objects.length > MAX_DELETE_KEYS) throw malformedXml();
  const keys = objects.map((object) => {
    const key = child(object, 'Key');
    if (!key || key.children.length > 0) throw malformedXml();
    return key.text;
  });
  const quietText = child(root, 'Quiet')?.text.trim().toLowerCase() ?? 'false';
  if (quietText !== 'true' && quietText !== 'false') throw malformedXml();
  return { quiet: quietText === 'true', keys };
}

/** `<CompleteMultipartUpload><Part><PartNumber>n</PartNumber><ETag>..</ETag></Part>...` */
export function parseCompleteMultipartUpload(bytes: Uint8Array, stats?: XmlReadStats): CompletedPart[] {
  // A Part holds at most PartNumber, ETag and a few Checksum* elements.
  const root = readDocument(bytes, 'CompleteMultipartUpload', MAX_PARTS * 10 + 1, stats);
  const parts = childrenNamed(root, 'Part');
  if (parts.length > MAX_PARTS) throw malformedXml();
  return parts.map((part) => {
    const number = child(part, 'PartNumber')?.text.trim() ?? '';
    const etag = child(part, 'ETag');
    if (!/^\d{1,5}$/.test(number) || !etag) throw malformedXml();
    return { partNumber: Number(number), etag: etag.text.trim() };
  });
}

/**
 * DeleteObjects requires an integrity check as S3 does: `Content-MD5` or one `x-amz-checksum-*`
 * (header, or trailer of an aws-chunked body), verified against the body.
 */
export function verifyRequiredChecksum(
  headers: IncomingHttpHeaders,
  bytes: Uint8Array,
  trailers: Record<string, string>,
): void {
  const md5Header = headers['content-md5'];
  const md5 = Array.isArray(md5Header) ? md5Header.join(',') : md5Header;
  const given = CHECKSUM_ALGORITHMS.flatMap((algorithm) => {
    const name = `x-amz-checksum-${algorithm}`;
    const value = headers[name] ?? trailers[name];
    return typeof value === 'string' ? [{ algorithm, value }] : [];
  });
  if (md5 === undefined && given.length === 0) {
    throw badRequest('InvalidRequest', 'Missing required header for this request: Content-MD5');
  }
  if (given.length > 1) {
    throw badRequest(
      'InvalidRequest',
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  }
  if (md5 !== undefined) {
    if (!/^[A-Za-z0-9+/]{22}==$/.test(md5))
      throw badRequest('InvalidDigest', 'The Content-MD5 you specified was invalid.');
    if (md5 !== md5Base64(bytes)) {
      throw badRequest('BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
  }
  for (const { algorithm, value } of given) {
    if (checksumBase64(algorithm, bytes) !== value) {
      throw badRequest(
        'BadDigest',
        `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
      );
    }
  }
}
