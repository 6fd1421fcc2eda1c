import { checksumBase64, crc32cOf, crc64nvmeOf, md5Base64 } from '../../../../local/s3/checksums';

describe('checksums', () => {
  const check = Buffer.from('123456789');

  it('match the catalogued check values of each CRC', () => {
    expect(crc32cOf(check).toString(16)).toBe('e3069283');
    expect(crc64nvmeOf(check).toString('hex')).toBe('ae8b14860a799888');
    expect(Buffer.from(checksumBase64('crc32', check), 'base64').toString('hex')).toBe('cbf43926');
  });

  it('give base64 digests as S3 headers carry them', () => {
    expect(checksumBase64('sha256', Buffer.alloc(0))).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(checksumBase64('sha1', Buffer.alloc(0))).toBe('2jmj7l5rSw0yVb/vlWAYkK/YBwk=');
    expect(md5Base64(Buffer.alloc(0))).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
    expect(checksumBase64('crc32c', Buffer.alloc(0))).toBe('AAAAAA==');
    expect(checksumBase64('crc64nvme', Buffer.alloc(0))).toBe('AAAAAAAAAAA=');
  });
});
