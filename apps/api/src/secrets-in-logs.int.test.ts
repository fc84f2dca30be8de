import { createSigningKey, startTestIssuer, type TestIssuer } from '@orchestrator/auth';
import { callbackStep, defineWorkflow, step } from '@orchestrator/engine';
import { processWhen, startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';
import { bearer, keycloakToken, securedConfig } from './security-test-support';

// ENGINE.md 10.11 and 15.4: no log line contains an API key, a token, an Authorization header or a callback
// token. The stack logs at debug level into a list, which is searched for every secret the test used, also
// where a careless workflow put one into its own log calls and errors.

const secrets: { apiKey?: string; jwt?: string } = {};

const careless = defineWorkflow({
  name: 'logs_careless',
  target: 'SYSTEM',
  description: 'logs what it should not',
  steps: [
    callbackStep('Order', {
      action: (_state, ctx) => {
        ctx.logger.info({ url: ctx.callbackUrl }, `handing out ${String(ctx.callbackUrl)}`);
        return { orderedWith: ctx.callbackUrl };
      },
    }),
    step('Leak', (_state, ctx) => {
      ctx.logger.info(
        {
          headers: { authorization: `Bearer ${secrets.apiKey}`, cookie: 'session=s3cr3t-cookie' },
          apiKey: secrets.apiKey,
        },
        `calling upstream with ${secrets.apiKey} and ${secrets.jwt}`,
      );
      throw new Error(`upstream refused Authorization: Bearer ${secrets.jwt}`);
    }),
  ],
});

describe('secrets in the log', () => {
  let issuer: TestIssuer;
  let stack: TestStack;
  beforeAll(async () => {
    issuer = await startTestIssuer();
    const key = await createSigningKey('log-key');
    issuer.publish([key]);
    const { adminApiKey, config } = securedConfig(issuer);
    secrets.apiKey = adminApiKey;
    secrets.jwt = await keycloakToken(issuer, key, { exp: Math.floor(Date.now() / 1000) - 3600 });
    stack = await startTestStack({ workflows: [careless], config, captureLogs: true });
    await stack.startWorker();
  });
  afterAll(async () => {
    await stack?.stop();
    await issuer?.close();
  });

  it('masks API keys, tokens, cookies and callback tokens wherever they appear in a log line', async () => {
    expect((await stack.request('GET', '/api/processes', undefined, bearer(secrets.jwt!))).status).toBe(401);
    const id = (await stack.request('POST', '/api/processes/logs_careless', {})).body.id as string;
    const detail = await processWhen(stack, id, 'awaiting_callback');
    const callbackToken = String(detail.currentState.orderedWith).split('/').pop() ?? '';
    expect(callbackToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const handedOut = await waitFor(() => stack.logLines().find((line) => line.includes('handing out')), {
      what: 'the callback URL log line',
    });
    expect(handedOut).toContain('/callback/[redacted]');
    const callback = await stack.rawRequest('POST', `/api/processes/${id}/callback/${callbackToken}`, {
      body: '{}',
      headers: { authorization: '', 'content-type': 'application/json' },
    });
    expect(callback.status).toBe(200);
    await processWhen(stack, id, 'failed');

    const log = stack.logLines().join('\n');
    expect(log).toContain('calling upstream with ork_[redacted]');
    for (const secret of [secrets.apiKey!, secrets.apiKey!.slice(4), secrets.jwt!, callbackToken, 's3cr3t-cookie']) {
      expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
