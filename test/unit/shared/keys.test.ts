import { decodeEventKey, normalizeEtag, routeKey } from '../../../shared/keys';

describe('decodeEventKey', () => {
  it('turns + into space and percent escapes into UTF-8', () => {
    expect(decodeEventKey('log_data/2018/11/my+file%2B1+%C3%A9t%C3%A9.json')).toBe(
      'log_data/2018/11/my file+1 été.json',
    );
  });

  it('leaves plain keys alone', () => {
    expect(decodeEventKey('song_data/A/B/C/TRABCEI128F424C983.json')).toBe('song_data/A/B/C/TRABCEI128F424C983.json');
  });

  it('rejects a malformed escape', () => {
    expect(() => decodeEventKey('log_data/%E0%A4%A.json')).toThrow(URIError);
  });
});

describe('routeKey', () => {
  it.each([
    ['log_data/2018/11/2018-11-01-events.json', { dataset: 'log_data', compression: 'none' }],
    ['log_data/2018/11/2018-11-01-events.json.gz', { dataset: 'log_data', compression: 'gzip' }],
    ['song_data/A/A/A/TRAAAAW128F429D538.json', { dataset: 'song_data', compression: 'none' }],
    ['song_data/A/A/A/TRAAAAW128F429D538.json.gz', { dataset: 'song_data', compression: 'gzip' }],
  ])('routes %s', (key, expected) => {
    expect(routeKey(key)).toEqual(expected);
  });

  it.each([
    'log_data/',
    'log_data/2018/11/',
    'song_data/A/',
    'log_json_path.json',
    'config/jsonpaths/log_data.json',
    'manifests/log_data/log_data-0123/batch.json',
    'quarantine/log_data/2018/11/bad.json',
    'log_data/2018/11/notes.txt',
    'log_data/.json',
    'other/log_data/x.json',
  ])('ignores %s', (key) => {
    expect(routeKey(key)).toBeNull();
  });
});

describe('normalizeEtag', () => {
  it('strips the quotes S3 listings put around ETags', () => {
    expect(normalizeEtag('"9b2cf535f27731c974343645a3985328"')).toBe('9b2cf535f27731c974343645a3985328');
    expect(normalizeEtag('9b2cf535f27731c974343645a3985328')).toBe('9b2cf535f27731c974343645a3985328');
  });
});
