import { readXml, XmlReadError } from '../../../../local/s3/xml-reader';
import { parseCompleteMultipartUpload, parseDeleteObjects } from '../../../../local/s3/xml-requests';

const limits = { maxDepth: 8, maxElements: 100 };
const read = (xml: string) => readXml(xml, limits);
const malformed = expect.objectContaining({ code: 'MalformedXML', status: 400 });

describe('readXml', () => {
  it('reads elements, attributes, text, CDATA, comments, PIs and the declaration', () => {
    const root = read(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><a:Root xmlns:a="urn:x" b=\'1\'><Child>t&amp;&lt;&#65;&#x1F389;<![CDATA[<raw>]]></Child><?pi x?><Empty/></a:Root>\n',
    );
    expect(root.name).toBe('Root');
    expect(root.attributes.get('b')).toBe('1');
    expect(root.children.map((c) => c.name)).toEqual(['Child', 'Empty']);
    expect(root.children[0].text).toBe('t&<A🎉<raw>');
  });

  it('normalizes raw line ends as XML does, keeps referenced CRs', () => {
    expect(read('<k>a\r\nb\rc&#13;d&#xD;</k>').text).toBe('a\nb\nc\rd\r');
  });

  it('accepts raw control characters (SDKs send them) and references to them, not NUL', () => {
    expect(read('<k>\u0001\u001f&#x1;&#31;</k>').text).toBe('\u0001\u001f\u0001\u001f');
    expect(() => read('<k>\u0000</k>')).toThrow(XmlReadError);
  });

  it.each([
    ['&#x110000;'],
    ['&#0;'],
    ['&#xD800;'],
    ['&#xFFFE;'],
    ['&#99999999999999999999;'],
    ['&nope;'],
    ['&amp'],
    ['& x'],
    ['&#x;'],
  ])('rejects the reference %s', (ref) => {
    expect(() => read(`<k>${ref}</k>`)).toThrow(XmlReadError);
  });

  it.each([
    [''],
    ['   '],
    ['text'],
    ['<a>'],
    ['<a></b>'],
    ['<a><b></a></b>'],
    ['<a/><b/>'],
    ['<a/>text'],
    ['x<a/>'],
    ['<a b="1" b="2"/>'],
    ['<a b=1/>'],
    ['<a b="<"/>'],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['<a><?xml version="1.0"?></a>'],
    ['<a><!-- never closed</a>'],
    ['<a><![CDATA[never closed</a>'],
    ['<1a/>'],
    ['< a/>'],
    ['<a></ a>'],
  ])('rejects %j', (xml) => {
    expect(() => read(xml)).toThrow(XmlReadError);
  });

  it('enforces the depth and element limits', () => {
    expect(() => readXml('<a><a><a></a></a></a>', { maxDepth: 2, maxElements: 10 })).toThrow(/nesting deeper/);
    expect(() => readXml('<a><b/><b/><b/></a>', { maxDepth: 8, maxElements: 3 })).toThrow(/more than 3 elements/);
    expect(readXml('<a><b/><b/></a>', { maxDepth: 2, maxElements: 3 }).children).toHaveLength(2);
  });
});

describe('parseDeleteObjects', () => {
  const body = (inner: string) =>
    Buffer.from(`<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${inner}</Delete>`);

  it('reads keys exactly and the Quiet flag', () => {
    expect(
      parseDeleteObjects(
        body(
          '<Object><Key> a&amp;b </Key><VersionId>v</VersionId></Object><Object><Key></Key></Object><Quiet> TRUE </Quiet>',
        ),
      ),
    ).toEqual({ keys: [' a&b ', ''], quiet: true });
    expect(parseDeleteObjects(body('<Object><Key>k</Key></Object>'))).toEqual({ keys: ['k'], quiet: false });
  });

  it.each([
    ['no objects', ''],
    ['an object without a key', '<Object></Object>'],
    ['a bad Quiet', '<Object><Key>k</Key></Object><Quiet>yes</Quiet>'],
    ['1001 objects', '<Object><Key>k</Key></Object>'.repeat(1001)],
  ])('answers MalformedXML for %s', (_what, inner) => {
    expect(() => parseDeleteObjects(body(inner))).toThrow(malformed);
  });

  it('answers MalformedXML for another root, bytes that are not UTF-8, and huge element counts', () => {
    expect(() => parseDeleteObjects(Buffer.from('<Remove><Object><Key>k</Key></Object></Remove>'))).toThrow(malformed);
    expect(() => parseDeleteObjects(Buffer.from([0x3c, 0x61, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x61, 0x3e]))).toThrow(
      malformed,
    );
    expect(() => parseDeleteObjects(body('<Object><Key>k</Key><X/><X/><X/><X/><X/><X/></Object>'.repeat(900)))).toThrow(
      malformed,
    );
  });

  it('accepts exactly 1000 objects', () => {
    expect(parseDeleteObjects(body('<Object><Key>k</Key></Object>'.repeat(1000))).keys).toHaveLength(1000);
  });
});

describe('parseCompleteMultipartUpload', () => {
  it('reads part numbers and ETags', () => {
    const xml =
      '<CompleteMultipartUpload><Part><ETag>&quot;e1&quot;</ETag><PartNumber> 1 </PartNumber><ChecksumCRC32>x</ChecksumCRC32></Part><Part><PartNumber>3</PartNumber><ETag>e3</ETag></Part></CompleteMultipartUpload>';
    expect(parseCompleteMultipartUpload(Buffer.from(xml))).toEqual([
      { partNumber: 1, etag: '"e1"' },
      { partNumber: 3, etag: 'e3' },
    ]);
    expect(parseCompleteMultipartUpload(Buffer.from('<CompleteMultipartUpload/>'))).toEqual([]);
  });

  it.each([
    '<CompleteMultipartUpload><Part><ETag>e</ETag></Part></CompleteMultipartUpload>',
    '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>',
    '<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>',
    '<Complete><Part><PartNumber>1</PartNumber><ETag>e</ETag></Part></Complete>',
  ])('answers MalformedXML for %s', (xml) => {
    expect(() => parseCompleteMultipartUpload(Buffer.from(xml))).toThrow(malformed);
  });
});
