import { Readable } from 'node:stream';
import { AwsChunkedDecoder, AwsChunkedFramingError } from '../../../local/s3/aws-chunked';

async function decode(pieces: Buffer[]): Promise<{ payload: string; trailers: Record<string, string> }> {
  const decoder = new AwsChunkedDecoder();
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(pieces).pipe(decoder)) out.push(chunk as Buffer);
  return { payload: Buffer.concat(out).toString('utf8'), trailers: decoder.trailers };
}

const framed = Buffer.from(
  '5;chunk-signature=abcdef\r\nhello\r\n' +
    '7\r\n, world\r\n' +
    '0\r\n' +
    'x-amz-checksum-crc32:Zm9vYg==\r\n' +
    'x-amz-trailer-signature:123\r\n\r\n',
);

describe('AwsChunkedDecoder', () => {
  it('removes the framing, keeps the trailers', async () => {
    expect(await decode([framed])).toEqual({
      payload: 'hello, world',
      trailers: { 'x-amz-checksum-crc32': 'Zm9vYg==', 'x-amz-trailer-signature': '123' },
    });
  });

  it('decodes the same bytes split at every possible position, even one byte at a time', async () => {
    for (let cut = 1; cut < framed.length; cut++) {
      expect((await decode([framed.subarray(0, cut), framed.subarray(cut)])).payload).toBe('hello, world');
    }
    const bytes = [...framed].map((b) => Buffer.from([b]));
    expect((await decode(bytes)).payload).toBe('hello, world');
  });

  it('accepts a body that ends right after the last trailer line', async () => {
    expect((await decode([Buffer.from('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AA==\r\n')])).payload).toBe('abc');
  });

  it('fails with a named error on broken or truncated framing', async () => {
    await expect(decode([Buffer.from('zz\r\nabc\r\n0\r\n\r\n')])).rejects.toThrow(AwsChunkedFramingError);
    await expect(decode([Buffer.from('3\r\nabcX\r\n0\r\n\r\n')])).rejects.toThrow(AwsChunkedFramingError);
    await expect(decode([Buffer.from('a\r\nabc')])).rejects.toThrow(/body ended while reading data/);
  });
});
