import { TEST_REDIS_URL } from '@orchestrator/testing';
import { checkRedis, ServiceUnavailableError } from './service-checks';

describe('checkRedis', () => {
  it('passes for the tests Redis', async () => {
    await expect(checkRedis(TEST_REDIS_URL)).resolves.toBeUndefined();
  });

  it('names the master group and the Sentinels when no Sentinel answers', async () => {
    const check = checkRedis('redis+sentinel://127.0.0.1:1,127.0.0.1:2/mymaster');
    await expect(check).rejects.toThrow(ServiceUnavailableError);
    await expect(check).rejects.toThrow(
      /^Redis at master mymaster of the Sentinels 127\.0\.0\.1:1,127\.0\.0\.1:2 cannot be reached \(.+\)\. Start it/,
    );
  });

  it('names the host and port of an unreachable Redis server', async () => {
    await expect(checkRedis('redis://127.0.0.1:1')).rejects.toThrow(/^Redis at 127\.0\.0\.1:1 cannot be reached \(/);
  });
});
