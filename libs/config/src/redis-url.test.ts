import { parseRedisUrl, RedisUrlError } from './redis-url';

describe('parseRedisUrl', () => {
  it('keeps a redis:// or rediss:// URL as given, database index and credentials included', () => {
    expect(parseRedisUrl('redis://cache:6380/3')).toEqual({ kind: 'server', url: 'redis://cache:6380/3' });
    expect(parseRedisUrl('rediss://:pw@cache')).toEqual({ kind: 'server', url: 'rediss://:pw@cache' });
  });

  it('reads ?cluster=true as one node of a Redis Cluster', () => {
    expect(parseRedisUrl('rediss://ops:p%40ss@node-1:7001/?cluster=true')).toEqual({
      kind: 'cluster',
      node: { host: 'node-1', port: 7001 },
      tls: true,
      username: 'ops',
      password: 'p@ss',
    });
    expect(parseRedisUrl('redis://node-1/?cluster=true')).toEqual({
      kind: 'cluster',
      node: { host: 'node-1', port: 6379 },
      tls: false,
    });
  });

  it('reads the Sentinels, the master group name and the database of a redis+sentinel:// URL', () => {
    expect(parseRedisUrl('redis+sentinel://127.0.0.1:26379,sentinel-2:26380,sentinel-3/mymaster')).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: '127.0.0.1', port: 26379 },
        { host: 'sentinel-2', port: 26380 },
        { host: 'sentinel-3', port: 26379 },
      ],
      masterName: 'mymaster',
      db: 0,
    });
    expect(parseRedisUrl('redis+sentinel://[::1]:26379/cache%20a/2')).toEqual({
      kind: 'sentinel',
      sentinels: [{ host: '::1', port: 26379 }],
      masterName: 'cache a',
      db: 2,
    });
  });

  it('takes the data password from the URL and the Sentinels password from sentinelPassword', () => {
    expect(parseRedisUrl('redis+sentinel://app:p%2Fw@s1:26379,s2:26379/mymaster?sentinelPassword=s%26cret')).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      masterName: 'mymaster',
      db: 0,
      username: 'app',
      password: 'p/w',
      sentinelPassword: 's&cret',
    });
    expect(parseRedisUrl('redis+sentinel://:pw@s1/mymaster')).toMatchObject({ password: 'pw' });
    expect(parseRedisUrl('redis+sentinel://:pw@s1/mymaster')).not.toHaveProperty('username');
  });

  it.each([
    ['no master group', 'redis+sentinel://s1:26379', /names no master group/],
    ['an empty master group', 'redis+sentinel://s1:26379/', /names no master group/],
    ['no Sentinel', 'redis+sentinel:///mymaster', /has "" where a Sentinel host\[:port\] belongs/],
    ['an empty Sentinel in the list', 'redis+sentinel://s1,,s2/mymaster', /has "" where a Sentinel/],
    ['a port that is no number', 'redis+sentinel://s1:port/mymaster', /has "s1:port" where a Sentinel/],
    ['a port out of range', 'redis+sentinel://s1:70000/mymaster', /has "s1:70000" where a Sentinel/],
    ['a database that is no number', 'redis+sentinel://s1/mymaster/zero', /path other than/],
    ['a path too long', 'redis+sentinel://s1/mymaster/1/2', /path other than/],
    ['an unknown parameter', 'redis+sentinel://s1/mymaster?role=slave', /unknown parameter "role"/],
  ])('refuses a Sentinel URL with %s, saying what the form is', (_case, value, message) => {
    expect(() => parseRedisUrl(value)).toThrow(RedisUrlError);
    expect(() => parseRedisUrl(value)).toThrow(message);
    expect(() => parseRedisUrl(value)).toThrow('; a Sentinel URL reads redis+sentinel://[[user]:password@]host[:port]');
  });

  it('refuses a badly percent-encoded part', () => {
    expect(() => parseRedisUrl('redis+sentinel://s1/my%zzmaster')).toThrow(
      'has a badly percent-encoded part ("my%zzmaster")',
    );
  });

  it.each(['http://cache:6379', 'cache:6379', 'redis+cluster://a/b', ''])('refuses %p as no Redis URL', (value) => {
    expect(() => parseRedisUrl(value)).toThrow('must be a URL starting with redis://, rediss:// or redis+sentinel://');
  });
});
