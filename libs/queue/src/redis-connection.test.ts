import { connectRedis } from './redis-connection';

describe('connectRedis', () => {
  it('asks the Sentinels of a redis+sentinel:// URL for the master, with the options given', () => {
    const redis = connectRedis('redis+sentinel://app:pw@s1:26379,s2:26380/mymaster/2?sentinelPassword=spw', {
      lazyConnect: true,
      maxRetriesPerRequest: null,
      connectionName: 'test',
    });
    try {
      expect(redis.options).toMatchObject({
        sentinels: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26380 },
        ],
        name: 'mymaster',
        role: 'master',
        db: 2,
        username: 'app',
        password: 'pw',
        sentinelPassword: 'spw',
        failoverDetector: true,
        maxRetriesPerRequest: null,
        connectionName: 'test',
      });
    } finally {
      redis.disconnect();
    }
  });

  it('sends a command the old master refused as a replica again, after reconnecting', () => {
    const redis = connectRedis('redis+sentinel://s1/mymaster', { lazyConnect: true });
    try {
      const reconnect = redis.options.reconnectOnError;
      expect(reconnect?.(new Error("READONLY You can't write against a read only replica."))).toBe(2);
      expect(reconnect?.(new Error('ERR unknown command'))).toBe(false);
    } finally {
      redis.disconnect();
    }
  });

  it('connects to a redis:// server as ioredis reads the URL', () => {
    const redis = connectRedis('redis://:pw@cache:6380/3', { lazyConnect: true });
    try {
      expect(redis.options).toMatchObject({ host: 'cache', port: 6380, db: 3, password: 'pw' });
      expect(redis.options.sentinels).toBeFalsy();
    } finally {
      redis.disconnect();
    }
  });
});
