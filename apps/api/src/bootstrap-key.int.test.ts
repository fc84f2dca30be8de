import { Writable } from 'node:stream';
import { createLogger } from '@orchestrator/runtime';
import { startTestStack, type TestStack } from '@orchestrator/test-stack';
import { startApiServer, type ApiServer } from './api-server';
import { freeformWorkflow } from './api-test-support';

// ENGINE.md 10.3: on a database without any API key, when neither ADMIN_API_KEY nor OIDC_ISSUER is set, the
// first API to start creates the admin key `bootstrap` and prints it once on standard output, never into
// the log. The spawned `npm start` case is in apps/cli's start-up test.

describe('the bootstrap key', () => {
  let stack: TestStack;
  const apis: ApiServer[] = [];
  beforeAll(async () => {
    // The stack's own API runs without authentication, so that it makes no key; the APIs below do.
    stack = await startTestStack({
      workflows: [freeformWorkflow('bootstrap_freeform')],
      config: { auth: { disabled: true, adminApiKey: null, oidc: null } },
    });
  });
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await stack.stop();
  });

  it('is created and printed by exactly one of several APIs starting at once, works as admin, and is never logged', async () => {
    const printed: string[] = [];
    const logged: string[] = [];
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString());
        done();
      },
    });
    const booted = {
      ...stack.booted,
      config: { ...stack.config, auth: { disabled: false, adminApiKey: null, oidc: null } },
      logger: createLogger('debug', 'bootstrap-test', logStream),
    };
    apis.push(
      ...(await Promise.all(
        [1, 2, 3].map(() => startApiServer(booted, { printBootstrapKey: (text) => printed.push(text) })),
      )),
    );
    expect(printed).toHaveLength(1);
    const key = /ork_[0-9A-Za-z]{43}/.exec(printed[0]!)?.[0];
    expect(key).toBeDefined();
    expect(printed[0]).toContain('shown now and never again');

    const base = `http://127.0.0.1:${apis[2]!.port}`;
    const listed = await fetch(`${base}/api/api-keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(listed.status).toBe(200);
    expect((await listed.json()) as { name: string; role: string; createdBy: string }[]).toEqual([
      expect.objectContaining({ name: 'bootstrap', role: 'admin', createdBy: 'SYSTEM' }),
    ]);
    expect(logged.join('')).not.toContain(key!);
    expect(logged.join('')).toContain('bootstrap admin API key was created and printed on standard output');

    // Started again on the same database: nothing printed, even after the key was revoked.
    await stack.sql(`UPDATE api_keys SET revoked_at = now() WHERE name = 'bootstrap'`);
    apis.push(await startApiServer(booted, { printBootstrapKey: (text) => printed.push(text) }));
    expect(printed).toHaveLength(1);
  });

  it('is not created when ADMIN_API_KEY or OIDC_ISSUER gives another way in', async () => {
    const printed: string[] = [];
    const fresh = await startTestStack({
      workflows: [freeformWorkflow('bootstrap_freeform')],
      api: { printBootstrapKey: (text) => printed.push(text) },
    });
    try {
      expect(printed).toEqual([]);
      expect(await fresh.sql(`SELECT count(*)::int AS n FROM api_keys`)).toEqual([{ n: 0 }]);
    } finally {
      await fresh.stop();
    }
  });
});
