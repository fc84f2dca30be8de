import { createHmac } from 'node:crypto';
import { type CryptoKey, exportSPKI, importJWK, type JWTPayload } from 'jose';
import { OidcVerifier, type OidcVerifierOptions } from './oidc-verifier';
import { DEFAULT_ROLE_MAPPING } from './role-claims';
import { createSigningKey, signToken, startTestIssuer, type TestIssuer, type TestSigningKey } from './test-issuer';

const AUDIENCE = 'orchestrator';

describe('OidcVerifier against a local issuer', () => {
  let issuer: TestIssuer;
  let keyA: TestSigningKey;
  let keyB: TestSigningKey;
  let clock: number;
  const seconds = () => Math.floor(clock / 1000);
  const verifiers: OidcVerifier[] = [];

  const verifierFor = (
    overrides: Partial<ConstructorParameters<typeof OidcVerifier>[0]> = {},
    options: OidcVerifierOptions = {},
  ) => {
    const verifier = new OidcVerifier(
      { issuer: issuer.issuer, audience: AUDIENCE, jwksUrl: issuer.jwksUrl, ...DEFAULT_ROLE_MAPPING, ...overrides },
      { now: () => clock, ...options },
    );
    verifiers.push(verifier);
    return verifier;
  };
  const claims = (extra: JWTPayload = {}): JWTPayload => ({
    iss: issuer.issuer,
    aud: AUDIENCE,
    sub: 'f3b1c0de',
    preferred_username: 'jdoe',
    roles: ['operate'],
    iat: seconds(),
    exp: seconds() + 300,
    ...extra,
  });

  beforeAll(async () => {
    [keyA, keyB] = await Promise.all([createSigningKey('key-a', 'RS256'), createSigningKey('key-b', 'ES256')]);
  });
  beforeEach(async () => {
    clock = Date.now();
    issuer = await startTestIssuer();
    issuer.publish([keyA]);
  });
  afterEach(async () => {
    await Promise.all(verifiers.splice(0).map((verifier) => verifier.settled()));
    await issuer.close();
  });

  it('accepts a valid token with its acting user, role and claims', async () => {
    const outcome = await verifierFor().verify(await signToken(keyA, claims()));
    expect(outcome).toMatchObject({ kind: 'verified', name: 'jdoe', role: 'operate' });
    expect(outcome.kind === 'verified' && outcome.claims.sub).toBe('f3b1c0de');
  });

  it.each(['RS256', 'PS256', 'ES256', 'EdDSA'] as const)('accepts a token signed with %s', async (alg) => {
    const key = await createSigningKey(`key-${alg}`, alg);
    issuer.publish([key]);
    expect((await verifierFor().verify(await signToken(key, claims()))).kind).toBe('verified');
  });

  it('refuses an expired token, naming whom it claims to be, but allows 60 s of clock skew', async () => {
    const verifier = verifierFor();
    expect(await verifier.verify(await signToken(keyA, claims({ exp: seconds() - 61 })))).toEqual({
      kind: 'rejected',
      reason: 'expired',
      claimedUser: 'jdoe',
    });
    expect((await verifier.verify(await signToken(keyA, claims({ exp: seconds() - 30 })))).kind).toBe('verified');
  });

  it('refuses a token that is not valid yet, but allows 60 s of clock skew', async () => {
    const verifier = verifierFor();
    expect(await verifier.verify(await signToken(keyA, claims({ nbf: seconds() + 120 })))).toMatchObject({
      reason: 'not-yet-valid',
    });
    expect((await verifier.verify(await signToken(keyA, claims({ nbf: seconds() + 30 })))).kind).toBe('verified');
  });

  it('refuses a token of another issuer or for another audience', async () => {
    const verifier = verifierFor();
    expect(await verifier.verify(await signToken(keyA, claims({ iss: 'https://evil.example.net' })))).toMatchObject({
      reason: 'wrong-issuer',
    });
    expect(await verifier.verify(await signToken(keyA, claims({ aud: 'another-api' })))).toMatchObject({
      reason: 'wrong-audience',
    });
  });

  it('refuses a token without an expiry', async () => {
    expect(await verifierFor().verify(await signToken(keyA, claims({ exp: undefined })))).toMatchObject({
      reason: 'invalid-claims',
    });
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const [header, , signature] = (await signToken(keyA, claims({ roles: ['read'] }))).split('.');
    const forged = Buffer.from(JSON.stringify(claims({ roles: ['admin'] }))).toString('base64url');
    expect(await verifierFor().verify(`${header}.${forged}.${signature}`)).toMatchObject({
      kind: 'rejected',
      reason: 'bad-signature',
    });
  });

  it('refuses an unsigned token (alg none) without fetching the JWKS', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims())}.`;
    expect(await verifierFor().verify(unsigned)).toEqual({
      kind: 'rejected',
      reason: 'algorithm-not-allowed',
      claimedUser: 'jdoe',
    });
    expect(issuer.jwksRequests()).toBe(0);
  });

  it('refuses a token signed with HMAC using the public key as the secret', async () => {
    const publicPem = await exportSPKI((await importJWK(keyA.publicJwk, 'RS256', { extractable: true })) as CryptoKey);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signingInput = `${encode({ alg: 'HS256', kid: keyA.kid, typ: 'JWT' })}.${encode(claims({ roles: ['admin'] }))}`;
    const mac = createHmac('sha256', publicPem).update(signingInput).digest('base64url');
    expect(await verifierFor().verify(`${signingInput}.${mac}`)).toMatchObject({ reason: 'algorithm-not-allowed' });
  });

  it('refuses garbage as a malformed token', async () => {
    expect(await verifierFor().verify('not.a.jwt')).toEqual({
      kind: 'rejected',
      reason: 'malformed',
      claimedUser: null,
    });
  });

  it('refuses a valid token that names no user', async () => {
    const token = await signToken(keyA, claims({ sub: undefined, preferred_username: undefined }));
    expect(await verifierFor().verify(token)).toMatchObject({ reason: 'names-no-user' });
  });

  it('maps roles from a configured claim path and map, and gives no role when none maps', async () => {
    const verifier = verifierFor({
      rolesClaim: 'realm_access.roles',
      roleMap: { 'noc-viewer': 'read', 'noc-admin': 'admin' },
    });
    const keycloak = claims({
      roles: undefined,
      realm_access: { roles: ['offline_access', 'noc-viewer', 'noc-admin'] },
    });
    expect(await verifier.verify(await signToken(keyA, keycloak))).toMatchObject({ kind: 'verified', role: 'admin' });
    const unmapped = claims({ roles: undefined, realm_access: { roles: ['offline_access'] } });
    expect(await verifier.verify(await signToken(keyA, unmapped))).toMatchObject({ kind: 'verified', role: null });
  });

  it('tries every key when the token names no kid', async () => {
    const keyC = await createSigningKey('key-c', 'RS256');
    issuer.publish([keyA, keyC]);
    const token = await signToken(keyC, claims(), { kid: undefined });
    expect((await verifierFor().verify(token)).kind).toBe('verified');
  });

  it('fetches the JWKS once and serves later tokens from its cache', async () => {
    const verifier = verifierFor();
    for (let i = 0; i < 3; i += 1)
      expect((await verifier.verify(await signToken(keyA, claims()))).kind).toBe('verified');
    expect(issuer.jwksRequests()).toBe(1);
  });

  it('refetches the JWKS for an unknown kid, at most once per 30 s', async () => {
    const verifier = verifierFor();
    expect((await verifier.verify(await signToken(keyA, claims()))).kind).toBe('verified');
    issuer.publish([keyA, keyB]);
    clock += 30_000;
    expect((await verifier.verify(await signToken(keyB, claims()))).kind).toBe('verified');
    expect(issuer.jwksRequests()).toBe(2);

    const stranger = await createSigningKey('key-unknown', 'ES256');
    expect(await verifier.verify(await signToken(stranger, claims()))).toMatchObject({ reason: 'unknown-signing-key' });
    expect(issuer.jwksRequests()).toBe(2);
    clock += 30_000;
    expect(await verifier.verify(await signToken(stranger, claims()))).toMatchObject({ reason: 'unknown-signing-key' });
    expect(issuer.jwksRequests()).toBe(3);
  });

  it('keeps accepting a cached key while the JWKS server is down, long after the cache got old', async () => {
    const verifier = verifierFor();
    expect((await verifier.verify(await signToken(keyA, claims()))).kind).toBe('verified');
    issuer.setMode('drop');
    clock += 60 * 60_000;
    expect((await verifier.verify(await signToken(keyA, claims()))).kind).toBe('verified');
    await verifier.settled();
    expect(issuer.jwksRequests()).toBe(2);
    clock += 60 * 60_000;
    expect((await verifier.verify(await signToken(keyA, claims()))).kind).toBe('verified');
  });

  it('answers unavailable for a key it does not hold while the JWKS server is down', async () => {
    const verifier = verifierFor();
    expect((await verifier.verify(await signToken(keyA, claims()))).kind).toBe('verified');
    issuer.setMode('http-503');
    clock += 30_000;
    const outcome = await verifier.verify(await signToken(keyB, claims()));
    expect(outcome).toEqual({ kind: 'unavailable', reason: `the JWKS at ${issuer.jwksUrl} answered HTTP 503` });
    // Within the cooldown it does not ask again, and still cannot tell whether the key exists.
    expect((await verifier.verify(await signToken(keyB, claims()))).kind).toBe('unavailable');
    expect(issuer.jwksRequests()).toBe(2);
  });

  it('answers unavailable, naming no token, when the JWKS has never been fetched', async () => {
    issuer.setMode('drop');
    const failures: string[] = [];
    const token = await signToken(keyA, claims());
    const outcome = await verifierFor({}, { onJwksRefreshFailed: (reason) => failures.push(reason) }).verify(token);
    expect(outcome.kind).toBe('unavailable');
    expect(outcome.kind === 'unavailable' && outcome.reason).toMatch(
      /^the JWKS at http:\/\/127\.0\.0\.1:\d+\/realms\/test\/certs could not be fetched/,
    );
    expect(failures).toHaveLength(1);
    for (const text of [JSON.stringify(outcome), ...failures]) expect(text).not.toContain(token.split('.')[2]);
  });

  it('follows a key rotation: the new key works and the removed one stops at the next refresh', async () => {
    const verifier = verifierFor();
    const oldToken = await signToken(keyA, claims({ exp: seconds() + 3600 }));
    expect((await verifier.verify(oldToken)).kind).toBe('verified');
    issuer.publish([keyB]);
    clock += 30_000;
    expect((await verifier.verify(await signToken(keyB, claims()))).kind).toBe('verified');
    expect(await verifier.verify(oldToken)).toMatchObject({ reason: 'unknown-signing-key' });
  });

  it('refreshes an old JWKS in the background, so a removed key stops working without a new kid', async () => {
    const verifier = verifierFor();
    const oldToken = await signToken(keyA, claims({ exp: seconds() + 3600 }));
    expect((await verifier.verify(oldToken)).kind).toBe('verified');
    issuer.publish([keyB]);
    clock += 10 * 60_000;
    // The old set still serves while the refresh runs.
    expect((await verifier.verify(oldToken)).kind).toBe('verified');
    await verifier.settled();
    expect(await verifier.verify(oldToken)).toMatchObject({ reason: 'unknown-signing-key' });
  });

  it('finds the JWKS through the discovery document when no JWKS URL is configured', async () => {
    const verifier = verifierFor({ jwksUrl: null });
    expect((await verifier.verify(await signToken(keyA, claims()))).kind).toBe('verified');
    expect(issuer.discoveryRequests()).toBe(1);
    expect(issuer.jwksRequests()).toBe(1);
  });

  it('refuses a discovery document that names another issuer', async () => {
    const verifier = verifierFor({ issuer: `${issuer.issuer}/`, jwksUrl: null });
    expect(await verifier.verify(await signToken(keyA, claims({ iss: `${issuer.issuer}/` })))).toEqual({
      kind: 'unavailable',
      reason: `the discovery document at ${issuer.issuer}/.well-known/openid-configuration names another issuer than OIDC_ISSUER`,
    });
  });
});
