import { request } from 'node:http';
import { startApiServer } from '@orchestrator/api';
import { connectRedis } from '@orchestrator/queue';
import { startTestStack, TEST_REDIS_URL, type TestStack } from '@orchestrator/test-stack';
import { freeformWorkflow } from './api-test-support';

// ENGINE.md 10.8: more than 20 failed authentications from one client address within 60 s are answered 429
// for that address, while other addresses are served. 127.0.0.2 is a loopback address of its own on Linux.

interface Answer {
  status: number;
  retryAfter: string | undefined;
  code: string | undefined;
}

function get(
  stack: TestStack | { baseUrl: string },
  path: string,
  from: string,
  authorization?: string,
  forwardedFor?: string,
): Promise<Answer> {
  const { port } = new URL(stack.baseUrl);
  const headers: Record<string, string> = {};
  if (authorization) headers.authorization = authorization;
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, localAddress: from, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        const header = res.headers['retry-after'];
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: Array.isArray(header) ? header[0] : header,
          code: (JSON.parse(text || '{}') as { error?: { code?: string } }).error?.code,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the failed-authentication limit', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [freeformWorkflow('limit_freeform')] });
  });
  afterAll(() => stack.stop());

  const wrongKey = `Bearer ork_${'W'.repeat(43)}`;

  it('limits an address after 20 failures, with Retry-After, even for a valid key, while another address is served', async () => {
    const admin = stack.adminHeaders.authorization;
    for (let i = 0; i < 20; i += 1) {
      expect((await get(stack, '/api/processes', '127.0.0.1', wrongKey)).status).toBe(401);
    }
    const limited = await get(stack, '/api/processes', '127.0.0.1', wrongKey);
    expect(limited).toEqual({
      status: 429,
      retryAfter: expect.stringMatching(/^[1-9]\d*$/),
      code: 'TOO_MANY_REQUESTS',
    });
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    expect((await get(stack, '/api/processes', '127.0.0.1', admin)).status).toBe(429);
    // Asking without a credential is no failed attempt, but a limited address stays limited.
    expect((await get(stack, '/api/processes', '127.0.0.1')).status).toBe(429);

    expect((await get(stack, '/api/processes', '127.0.0.2', admin)).status).toBe(200);
    expect((await get(stack, '/api/processes', '127.0.0.2', wrongKey)).status).toBe(401);
    expect((await get(stack, '/health/ready', '127.0.0.1')).status).toBe(200);
  });

  it('counts the failures of every API replica together', async () => {
    const second = await startApiServer(stack.booted);
    try {
      const replica = { baseUrl: `http://127.0.0.1:${second.port}` };
      for (let i = 0; i < 10; i += 1)
        expect((await get(stack, '/api/workflows', '127.0.0.3', wrongKey)).status).toBe(401);
      for (let i = 0; i < 10; i += 1)
        expect((await get(replica, '/api/workflows', '127.0.0.3', wrongKey)).status).toBe(401);
      expect((await get(replica, '/api/workflows', '127.0.0.3', wrongKey)).status).toBe(429);
      expect((await get(stack, '/api/workflows', '127.0.0.3', wrongKey)).status).toBe(429);
    } finally {
      await second.stop();
    }
  });

  it('counts the address X-Forwarded-For names only behind a proxy TRUST_PROXY trusts', async () => {
    const behindProxy = await startApiServer({
      ...stack.booted,
      config: { ...stack.config, trustProxy: ['loopback'] },
    });
    try {
      const proxied = { baseUrl: `http://127.0.0.1:${behindProxy.port}` };
      for (let i = 0; i < 21; i += 1) await get(proxied, '/api/workflows', '127.0.0.4', wrongKey, '203.0.113.9');
      expect((await get(proxied, '/api/workflows', '127.0.0.4', wrongKey, '203.0.113.9')).status).toBe(429);
      const admin = stack.adminHeaders.authorization;
      expect((await get(proxied, '/api/workflows', '127.0.0.4', admin, '203.0.113.10')).status).toBe(200);
      // Without TRUST_PROXY the header is nobody's word: the socket's address is counted, and it is clean.
      expect((await get(stack, '/api/workflows', '127.0.0.4', admin, '203.0.113.9')).status).toBe(200);
    } finally {
      await behindProxy.stop();
    }
  });

  it('keeps the count in Redis under the queue prefix, where every API replica sees it', async () => {
    const redis = connectRedis(TEST_REDIS_URL, {});
    try {
      const keys = await redis.keys(`${stack.config.queuePrefix}:auth-failures:*`);
      expect(keys.sort()).toEqual([
        `${stack.config.queuePrefix}:auth-failures:203.0.113.9`,
        `${stack.config.queuePrefix}:auth-failures:::ffff:127.0.0.1`,
        `${stack.config.queuePrefix}:auth-failures:::ffff:127.0.0.2`,
        `${stack.config.queuePrefix}:auth-failures:::ffff:127.0.0.3`,
      ]);
    } finally {
      redis.disconnect();
    }
  });
});
