import { startTestStack, type TestStack } from '@orchestrator/test-stack';

// GET /api/me: the caller's name, role and credential, so that a client learns its role without probing
// routes (which would audit a refusal); being a read, it writes no audit row.

describe('GET /api/me', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [] });
  });
  afterAll(() => stack.stop());

  const auditRows = async () => (await stack.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events`))[0]!.n;

  it('answers each role its own name and role, and writes no audit row', async () => {
    const keys = {
      'me-reader': await stack.as('me-reader', 'read'),
      'me-operator': await stack.as('me-operator', 'operate'),
      'me-admin': await stack.as('me-admin', 'admin'),
    };
    const before = await auditRows();
    const answers = await Promise.all(
      Object.values(keys).map(async (headers) => (await stack.request('GET', '/api/me', undefined, headers)).body),
    );
    expect(answers).toEqual([
      { name: 'me-reader', role: 'read', via: 'api-key' },
      { name: 'me-operator', role: 'operate', via: 'api-key' },
      { name: 'me-admin', role: 'admin', via: 'api-key' },
    ]);
    expect((await stack.request('GET', '/api/me')).body).toEqual({ name: 'admin', role: 'admin', via: 'api-key' });
    expect(await auditRows()).toBe(before);
  });

  it('names Basic (the token as password) as the way the credential came', async () => {
    const token = (await stack.as('me-reader', 'read')).authorization!.replace(/^Bearer /, '');
    const basic = `Basic ${Buffer.from(`anyone:${token}`).toString('base64')}`;
    const res = await stack.request('GET', '/api/me', undefined, { authorization: basic });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'me-reader', role: 'read', via: 'basic' });
  });

  it('answers 401 without a credential', async () => {
    const res = await stack.request('GET', '/api/me', undefined, { authorization: '' });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});
