import type { IncomingMessage } from 'node:http';
import { checkRequest, isAllowedOrigin, isLoopbackHost } from '../../../../local/http-guard';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('http-guard', () => {
  it.each([
    'localhost',
    'localhost:9000',
    'LocalHost.',
    '127.0.0.1',
    '127.255.1.2:80',
    '[::1]',
    '[::1]:4566',
    '[0:0:0:0:0:0:0:1]:1',
    '[::ffff:127.0.0.1]:9',
  ])('accepts loopback Host %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    '',
    'evil.example',
    'localhost.evil.example',
    'evillocalhost',
    '128.0.0.1',
    '10.0.0.1:80',
    '0.0.0.0',
    '[::2]',
    '::1',
    '127.0.0.1:80:80',
    '127.0.0.1 .evil',
    '[::ffff:10.0.0.1]',
    '2130706433',
  ])('refuses Host %j', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses a missing Host and a browser Origin unless allowed', () => {
    expect(checkRequest(request({}))?.reason).toBe('host');
    expect(checkRequest(request({ host: 'localhost' }))).toBeUndefined();
    expect(checkRequest(request({ host: 'localhost', origin: 'http://evil.example' }))?.reason).toBe('origin');
    expect(
      checkRequest(request({ host: 'localhost', origin: 'HTTP://app.local:3000' }), {
        allowedOrigins: ['http://app.local:3000'],
      }),
    ).toBeUndefined();
    expect(checkRequest(request({ host: 'lan-box:9000' }), { allowedHosts: ['lan-box'] })).toBeUndefined();
    expect(isAllowedOrigin('null')).toBe(false);
    expect(isAllowedOrigin('https://x', { allowedOrigins: ['*'] })).toBe(true);
  });
});
