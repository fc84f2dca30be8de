import { createSigningKey, type TestIssuer, type TestSigningKey, startTestIssuer } from '@orchestrator/auth';
import { startTestStack, type TestStack } from '@orchestrator/test-stack';
import { expectError, freeformWorkflow, startProcess } from './api-test-support';
import { basic, bearer, keycloakToken, securedConfig } from './security-test-support';

const workflows = [freeformWorkflow('auth_freeform')];

describe('API keys', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows });
  });
  afterAll(() => stack.stop());

  it('shows a new key once: 201 with the key, then lists it without the key or its hash', async () => {
    const created = await stack.request('POST', '/api/api-keys', { name: 'ci-pipeline', role: 'operate' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'ci-pipeline',
      role: 'operate',
      key: expect.stringMatching(/^ork_[0-9A-Za-z]{43}$/),
    });
    const listed = await stack.request('GET', '/api/api-keys');
    expect(listed.body).toContainEqual({
      id: created.body.id,
      name: 'ci-pipeline',
      role: 'operate',
      createdBy: 'admin',
      createdAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    expect(JSON.stringify(listed.body)).not.toMatch(/hash/i);
  });

  it('acts as the key: its name is createdBy, X-User is ignored, and its last use is recorded', async () => {
    const headers = await stack.as('night-shift');
    const id = await startProcess(stack, 'auth_freeform', {}, { ...headers, 'X-User': 'somebody-else' });
    expect((await stack.request('GET', `/api/processes/${id}`)).body.createdBy).toBe('night-shift');
    const key = (await stack.request('GET', '/api/api-keys')).body.find(
      (k: { name: string }) => k.name === 'night-shift',
    );
    expect(key.lastUsedAt).toEqual(expect.any(String));
  });

  it('accepts the key as the password of Basic, whatever the user name', async () => {
    const token = String((await stack.as('browser-user', 'read')).authorization).slice('Bearer '.length);
    expect((await stack.request('GET', '/api/processes', undefined, basic(token, 'whoever'))).status).toBe(200);
  });

  it('refuses a revoked key with 401 from the next request on, and keeps it listed as revoked', async () => {
    const created = await stack.request('POST', '/api/api-keys', { name: 'leaked', role: 'admin' });
    const leaked = bearer(created.body.key as string);
    expect((await stack.request('GET', '/api/processes', undefined, leaked)).status).toBe(200);
    expect((await stack.request('DELETE', `/api/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await stack.request('DELETE', `/api/api-keys/${created.body.id}`)).status).toBe(204);
    const refused = await stack.rawRequest('GET', '/api/processes', { headers: leaked });
    expectError(refused, 401, 'UNAUTHENTICATED');
    // The use of a revoked key is audited under the key's name.
    expect(
      await stack.sql(
        `SELECT action, outcome, details->>'status' AS status, details->>'credential' AS credential
           FROM audit_events WHERE actor = 'leaked'`,
      ),
    ).toEqual([{ action: 'processes.list', outcome: 'denied', status: '401', credential: 'api-key' }]);
    const listed = await stack.request('GET', '/api/api-keys');
    expect(listed.body.find((k: { id: string }) => k.id === created.body.id).revokedAt).toEqual(expect.any(String));
    expectError(await stack.request('DELETE', '/api/api-keys/0b7c8a4e-1111-4222-8333-444455556666'), 404);
  });

  it('refuses a taken name, the reserved name admin and a name with odd characters, writing nothing', async () => {
    await stack.request('POST', '/api/api-keys', { name: 'twice', role: 'read' });
    expectError(
      await stack.request('POST', '/api/api-keys', { name: 'twice', role: 'admin' }),
      409,
      'API_KEY_NAME_TAKEN',
    );
    for (const body of [
      { name: 'admin', role: 'read' },
      { name: 'Admin', role: 'read' },
      { name: 'two words', role: 'read' },
      { name: 'x\n{"forged":1}', role: 'read' },
      { name: 'fine', role: 'root' },
      { name: 'fine', role: 'read', extra: true },
    ]) {
      expectError(await stack.request('POST', '/api/api-keys', body), 400, 'VALIDATION_FAILED');
    }
    const names = (await stack.request('GET', '/api/api-keys')).body.map((k: { name: string }) => k.name);
    expect(names.filter((name: string) => ['admin', 'Admin', 'fine'].includes(name))).toEqual([]);
  });
});

describe('the answers to credentials', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows, config: { corsOrigins: ['https://noc.example.net'] } });
  });
  afterAll(() => stack.stop());

  const raw = (path: string, headers: Record<string, string>) =>
    fetch(`${stack.baseUrl}${path}`, { headers: { ...headers } });

  it('answers no credential 401 UNAUTHENTICATED with a Bearer challenge, and a refused token with invalid_token', async () => {
    const none = await raw('/api/processes', {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="orchestrator"');
    expect((await none.json()) as unknown).toEqual({
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('authentication required'), details: [] },
    });
    const unknown = await raw('/api/processes', bearer(`ork_${'x'.repeat(43)}`));
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer realm="orchestrator", error="invalid_token"');
  });

  it('sends the security headers on every answer, refusals included, and never X-Powered-By', async () => {
    for (const res of [
      await raw('/health/live', {}),
      await raw('/api/processes', {}),
      await raw('/api/processes', stack.adminHeaders),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers CORS only for a listed origin: the preflight without a credential, never with Allow-Credentials', async () => {
    const preflight = await fetch(`${stack.baseUrl}/api/processes/auth_freeform`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://noc.example.net',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://noc.example.net');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await raw('/api/processes', { ...stack.adminHeaders, origin: 'https://evil.example.com' });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const listed = await raw('/api/processes', { ...stack.adminHeaders, origin: 'https://noc.example.net' });
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://noc.example.net');
  });
});

describe('CORS without CORS_ORIGINS', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ workflows });
  });
  afterAll(() => stack.stop());

  it('sends no CORS header to any origin, and a preflight needs a credential like any request', async () => {
    const res = await fetch(`${stack.baseUrl}/api/processes`, {
      headers: { ...stack.adminHeaders, origin: 'https://noc.example.net' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${stack.baseUrl}/api/processes`, {
      method: 'OPTIONS',
      headers: { origin: 'https://noc.example.net', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(401);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('OIDC access tokens (Keycloak-style claims)', () => {
  let issuer: TestIssuer;
  let key: TestSigningKey;
  let stack: TestStack;
  beforeAll(async () => {
    issuer = await startTestIssuer();
    key = await createSigningKey('kc-1');
    issuer.publish([key]);
    stack = await startTestStack({ workflows, config: securedConfig(issuer).config });
  });
  afterAll(async () => {
    await stack?.stop();
    await issuer?.close();
  });

  const deniedRows = (actor: string) =>
    stack.sql(
      `SELECT action, target_type, target_id, details FROM audit_events WHERE actor = $1 AND outcome = 'denied'`,
      [actor],
    );

  it('acts as preferred_username with the role realm_access.roles maps to', async () => {
    const token = await keycloakToken(issuer, key, { roles: ['offline_access', 'orchestrator-operate'] });
    const id = await startProcess(stack, 'auth_freeform', {}, bearer(token));
    expect((await stack.request('GET', `/api/processes/${id}`, undefined, bearer(token))).body.createdBy).toBe('jdoe');
    expectError(await stack.request('DELETE', `/api/processes/${id}`, undefined, bearer(token)), 403, 'FORBIDDEN');
  });

  it('answers a token whose roles map to none 403, and audits the refusal under its user', async () => {
    const token = await keycloakToken(issuer, key, { preferred_username: 'guest-user', roles: ['offline_access'] });
    const res = await stack.request('GET', '/api/processes', undefined, bearer(token));
    expectError(res, 403, 'FORBIDDEN');
    expect(await deniedRows('guest-user')).toEqual([
      {
        action: 'processes.list',
        target_type: 'route',
        target_id: 'GET /api/processes',
        details: expect.objectContaining({ status: 403, route: 'GET /api/processes', credential: 'oidc' }),
      },
    ]);
  });

  it('answers an expired token 401 invalid_token and audits the attempt under the user it names', async () => {
    const token = await keycloakToken(issuer, key, {
      preferred_username: 'late-user',
      exp: Math.floor(Date.now() / 1000) - 3600,
    });
    const res = await fetch(`${stack.baseUrl}/api/processes`, { headers: bearer(token) });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="orchestrator", error="invalid_token"');
    expect(await deniedRows('late-user')).toEqual([
      expect.objectContaining({ action: 'processes.list', details: expect.objectContaining({ status: 401 }) }),
    ]);
  });

  it('refuses a token for another audience, from another issuer, or with a tampered payload', async () => {
    const wrongAudience = await keycloakToken(issuer, key, { aud: 'account' });
    const wrongIssuer = await keycloakToken(issuer, key, { iss: 'https://elsewhere.example.net/realms/x' });
    const [header, , signature] = (await keycloakToken(issuer, key)).split('.');
    const payload = Buffer.from(
      JSON.stringify({
        iss: issuer.issuer,
        aud: 'orchestrator-api',
        sub: 's',
        realm_access: { roles: ['orchestrator-admin'] },
        exp: 9e9,
      }),
    ).toString('base64url');
    for (const token of [wrongAudience, wrongIssuer, `${header}.${payload}.${signature}`]) {
      expectError(await stack.request('GET', '/api/processes', undefined, bearer(token)), 401, 'UNAUTHENTICATED');
    }
  });
});

describe('OIDC while the issuer cannot be reached', () => {
  let issuer: TestIssuer;
  let stack: TestStack;
  beforeAll(async () => {
    issuer = await startTestIssuer();
    issuer.setMode('http-503');
    stack = await startTestStack({ workflows, config: securedConfig(issuer).config });
  });
  afterAll(async () => {
    await stack?.stop();
    await issuer?.close();
  });

  it('answers 503 AUTH_UNAVAILABLE, not 401, when no cached key fits; API keys keep working', async () => {
    const token = await keycloakToken(issuer, await createSigningKey('never-published'));
    const res = await stack.rawRequest('GET', '/api/processes', { headers: bearer(token) });
    expectError(res, 503, 'AUTH_UNAVAILABLE');
    expect((await stack.request('GET', '/api/processes')).status).toBe(200);
  });
});

describe('AUTH_DISABLED', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      workflows,
      config: { auth: { disabled: true, adminApiKey: null, oidc: null } },
      captureLogs: true,
    });
  });
  afterAll(() => stack.stop());

  it('warns at start-up, and lets every request act as admin named by X-User (or SYSTEM)', async () => {
    expect(stack.logLines().some((line) => line.includes('AUTHENTICATION IS DISABLED'))).toBe(true);
    const id = await startProcess(stack, 'auth_freeform', {}, { 'X-User': 'developer' });
    expect((await stack.request('GET', `/api/processes/${id}`)).body.createdBy).toBe('developer');
    const anonymous = await startProcess(stack, 'auth_freeform', {});
    expect((await stack.request('GET', `/api/processes/${anonymous}`)).body.createdBy).toBe('SYSTEM');
    expect((await stack.request('PUT', '/api/settings/status', { globalLock: false })).status).toBe(200);
    expect((await stack.sql(`SELECT count(*)::int AS n FROM api_keys`))[0]).toEqual({ n: 0 });
  });
});
