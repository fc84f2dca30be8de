import { type JWTPayload } from 'jose';
import { parseEnv } from '@orchestrator/config';
import { generateApiKey } from './api-key';
import { InMemoryApiKeyLookup } from './api-key-lookup';
import { type Authenticator, createAuthenticator } from './authenticator';
import { authDisabledPrincipal, describeUnauthenticated, isFailedAttempt } from './principal';
import { DEFAULT_ROLE_MAPPING } from './role-claims';
import { createSigningKey, signToken, startTestIssuer, type TestIssuer, type TestSigningKey } from './test-issuer';

const bearer = (token: string) => `Bearer ${token}`;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Authenticator', () => {
  let issuer: TestIssuer;
  let key: TestSigningKey;
  let apiKeys: InMemoryApiKeyLookup;
  let authenticator: Authenticator;
  const adminApiKey = generateApiKey();
  const operatorKey = generateApiKey();
  let operatorKeyId: string;

  const accessToken = (extra: JWTPayload = {}) =>
    signToken(key, {
      iss: issuer.issuer,
      aud: 'orchestrator',
      sub: 'f3b1c0de',
      email: 'jdoe@example.net',
      roles: ['read'],
      exp: Math.floor(Date.now() / 1000) + 300,
      ...extra,
    });

  beforeAll(async () => {
    key = await createSigningKey('key-1', 'ES256');
  });
  beforeEach(async () => {
    issuer = await startTestIssuer();
    issuer.publish([key]);
    apiKeys = new InMemoryApiKeyLookup();
    operatorKeyId = apiKeys.add(operatorKey, { name: 'ci-pipeline', role: 'operate' }).id;
    authenticator = createAuthenticator(
      {
        adminApiKey,
        oidc: { issuer: issuer.issuer, audience: 'orchestrator', jwksUrl: null, ...DEFAULT_ROLE_MAPPING },
      },
      { apiKeys },
    );
  });
  afterEach(async () => {
    await authenticator.settled();
    await issuer.close();
  });

  it('answers unauthenticated, with no token sent, when there is no credential', async () => {
    expect(await authenticator.authenticate(undefined)).toEqual({
      kind: 'unauthenticated',
      reason: 'no-credential',
      tokenSent: false,
      claimedUser: null,
    });
  });

  it('authenticates a stored API key as its name and role', async () => {
    expect(await authenticator.authenticate(bearer(operatorKey))).toEqual({
      kind: 'authenticated',
      principal: { name: 'ci-pipeline', role: 'operate', claims: {}, via: 'api-key', apiKeyId: operatorKeyId },
    });
    expect(apiKeys.lastUsedAt(operatorKeyId)).not.toBeNull();
  });

  it('refuses a wrong API key and a revoked one, saying a token was sent', async () => {
    const refused = { kind: 'unauthenticated', reason: 'unknown-api-key', tokenSent: true, claimedUser: null };
    expect(await authenticator.authenticate(bearer(generateApiKey()))).toEqual(refused);
    expect(await authenticator.authenticate(bearer('ork_tooShort'))).toEqual(refused);
    apiKeys.revoke(operatorKeyId);
    expect(await authenticator.authenticate(bearer(operatorKey))).toEqual(refused);
  });

  it('authenticates ADMIN_API_KEY as an admin named admin', async () => {
    expect(await authenticator.authenticate(bearer(adminApiKey))).toEqual({
      kind: 'authenticated',
      principal: { name: 'admin', role: 'admin', claims: {}, via: 'admin-api-key', apiKeyId: null },
    });
  });

  it('authenticates an OIDC access token as its user with its mapped role', async () => {
    const outcome = await authenticator.authenticate(bearer(await accessToken()));
    expect(outcome).toMatchObject({
      kind: 'authenticated',
      principal: { name: 'jdoe@example.net', role: 'read', via: 'oidc', apiKeyId: null },
    });
    expect(outcome.kind === 'authenticated' && outcome.principal.claims.sub).toBe('f3b1c0de');
  });

  it('authenticates a JWT without a mapped role as a principal without role', async () => {
    expect(await authenticator.authenticate(bearer(await accessToken({ roles: ['guest'] })))).toMatchObject({
      kind: 'authenticated',
      principal: { name: 'jdoe@example.net', role: null },
    });
  });

  it('accepts an API key or a JWT as the password of Basic, with any user name', async () => {
    expect(await authenticator.authenticate(basic('whoever', operatorKey))).toMatchObject({
      kind: 'authenticated',
      principal: { name: 'ci-pipeline' },
    });
    expect(await authenticator.authenticate(basic('', await accessToken()))).toMatchObject({
      kind: 'authenticated',
      principal: { name: 'jdoe@example.net', via: 'oidc' },
    });
  });

  it('refuses an expired JWT, naming the user it claims to be', async () => {
    const expired = await accessToken({ exp: Math.floor(Date.now() / 1000) - 120 });
    expect(await authenticator.authenticate(bearer(expired))).toEqual({
      kind: 'unauthenticated',
      reason: 'expired',
      tokenSent: true,
      claimedUser: 'jdoe@example.net',
    });
  });

  it('refuses a malformed header and a token that is neither an API key nor a JWT', async () => {
    expect(await authenticator.authenticate('Token abc')).toMatchObject({
      reason: 'malformed-header',
      tokenSent: false,
    });
    expect(await authenticator.authenticate(bearer('opaque-token-value'))).toMatchObject({
      reason: 'unrecognised-token',
      tokenSent: true,
    });
  });

  it('refuses every JWT when no OIDC issuer is configured', async () => {
    const withoutOidc = createAuthenticator({ adminApiKey: null, oidc: null }, { apiKeys });
    expect(await withoutOidc.authenticate(bearer(await accessToken()))).toMatchObject({
      reason: 'oidc-not-configured',
    });
    expect((await withoutOidc.authenticate(bearer(adminApiKey))).kind).toBe('unauthenticated');
  });

  it('takes config.auth as parsed from the environment', async () => {
    const { auth } = parseEnv({
      ADMIN_API_KEY: adminApiKey,
      OIDC_ISSUER: issuer.issuer,
      OIDC_AUDIENCE: 'orchestrator',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ROLE_MAP: 'noc-engineer=operate',
    });
    const fromConfig = createAuthenticator(auth, { apiKeys });
    const token = await accessToken({ realm_access: { roles: ['noc-engineer'] } });
    expect(await fromConfig.authenticate(bearer(token))).toMatchObject({ principal: { role: 'operate' } });
    expect(await fromConfig.authenticate(bearer(adminApiKey))).toMatchObject({ principal: { name: 'admin' } });
    await fromConfig.settled();
  });

  it('answers unavailable when the JWKS cannot be fetched and no key is cached', async () => {
    issuer.setMode('http-503');
    expect((await authenticator.authenticate(bearer(await accessToken()))).kind).toBe('unavailable');
  });

  it('answers unavailable when the API key store cannot be read', async () => {
    jest.spyOn(apiKeys, 'findActiveByHash').mockRejectedValue(new Error('connection terminated'));
    expect(await authenticator.authenticate(bearer(operatorKey))).toMatchObject({
      kind: 'unavailable',
      reason: 'the API key store could not be read',
    });
  });

  it('never repeats a refused credential in its outcome', async () => {
    const wrongKey = generateApiKey();
    const tampered = `${(await accessToken()).slice(0, -4)}AAAA`;
    for (const token of [wrongKey, tampered]) {
      for (const header of [bearer(token), basic('x', token)]) {
        const outcome = await authenticator.authenticate(header);
        expect(outcome.kind).toBe('unauthenticated');
        expect(JSON.stringify(outcome)).not.toContain(token.slice(-20));
      }
    }
  });
});

describe('principal helpers', () => {
  it('acts as an admin named by X-User, or SYSTEM, when authentication is disabled', () => {
    expect(authDisabledPrincipal('alice')).toEqual({
      name: 'alice',
      role: 'admin',
      claims: {},
      via: 'auth-disabled',
      apiKeyId: null,
    });
    expect(authDisabledPrincipal(undefined).name).toBe('SYSTEM');
    expect(authDisabledPrincipal(' ').name).toBe('SYSTEM');
  });

  it('counts a refused credential as a failed attempt, but not a request without one', () => {
    const refused = { kind: 'unauthenticated', tokenSent: true, claimedUser: null } as const;
    expect(isFailedAttempt({ ...refused, reason: 'unknown-api-key' })).toBe(true);
    expect(isFailedAttempt({ ...refused, reason: 'malformed-header', tokenSent: false })).toBe(true);
    expect(isFailedAttempt({ ...refused, reason: 'no-credential', tokenSent: false })).toBe(false);
    expect(isFailedAttempt({ kind: 'unavailable', reason: 'JWKS down' })).toBe(false);
  });

  it('describes each refusal in a sentence', () => {
    expect(describeUnauthenticated('expired')).toBe('the access token has expired');
    expect(describeUnauthenticated('no-credential')).toMatch(/Authorization: Bearer/);
  });
});
