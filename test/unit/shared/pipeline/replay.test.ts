import { InvalidEventError } from '../../../../shared/errors';
import { parseReplayRequest } from '../../../../shared/pipeline/replay';

describe('parseReplayRequest', () => {
  it('takes a data prefix or a list of keys, force off by default', () => {
    expect(parseReplayRequest({ prefix: 'log_data/2018/11/' })).toEqual({
      prefix: 'log_data/2018/11/',
      keys: undefined,
      force: false,
    });
    expect(parseReplayRequest({ keys: ['song_data/A/A/A/x.json'], force: true })).toEqual({
      prefix: undefined,
      keys: ['song_data/A/A/A/x.json'],
      force: true,
    });
  });

  it.each([
    [{}, 'exactly one of'],
    [{ prefix: 'log_data/', keys: ['a'] }, 'exactly one of'],
    [{ keys: [] }, 'non-empty array'],
    [{ keys: [1] }, 'non-empty array'],
    [{ prefix: 'manifests/' }, 'must start with log_data/ or song_data/'],
    [{ prefix: 'log_data/', force: 'yes' }, '"force" must be a boolean'],
  ])('rejects %j with a clear message', (input, message) => {
    expect(() => parseReplayRequest(input)).toThrow(InvalidEventError);
    expect(() => parseReplayRequest(input)).toThrow(message);
  });
});
