import type { JWTPayload } from 'jose';
import type { OidcConfig } from '@orchestrator/config';
import { generateApiKey, signToken, type TestIssuer, type TestSigningKey } from '@orchestrator/auth';
import type { TestStackOptions } from '@orchestrator/test-stack';

// Helpers shared by the API's security tests. Not a test file itself.

export const AUDIENCE = 'orchestrator-api';

/** OIDC as a Keycloak realm gives it: realm roles under `realm_access.roles`, mapped to ours. */
export function keycloakOidc(issuer: TestIssuer): OidcConfig {
  return {
    issuer: issuer.issuer,
    audience: AUDIENCE,
    jwksUrl: null,
    rolesClaim: 'realm_access.roles',
    roleMap: { 'orchestrator-read': 'read', 'orchestrator-operate': 'operate', 'orchestrator-admin': 'admin' },
    clientId: null,
    scope: 'openid',
  };
}

/** A stack configuration with an admin key of the test's own (returned) and OIDC from `issuer`, if given. */
export function securedConfig(issuer?: TestIssuer): { adminApiKey: string; config: TestStackOptions['config'] } {
  const adminApiKey = generateApiKey();
  return {
    adminApiKey,
    config: { auth: { disabled: false, adminApiKey, oidc: issuer ? keycloakOidc(issuer) : null } },
  };
}

/** An access token as Keycloak issues it, valid for ten minutes unless `claims` says otherwise. */
export function keycloakToken(
  issuer: TestIssuer,
  key: TestSigningKey,
  claims: JWTPayload & { roles?: string[] } = {},
): Promise<string> {
  const { roles = ['orchestrator-operate'], ...rest } = claims;
  const now = Math.floor(Date.now() / 1000);
  return signToken(key, {
    iss: issuer.issuer,
    aud: AUDIENCE,
    sub: '5d1f3a9e-0000-4000-8000-000000000001',
    preferred_username: 'jdoe',
    email: 'jdoe@example.net',
    realm_access: { roles },
    iat: now,
    exp: now + 600,
    ...rest,
  });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const basic = (token: string, user = 'anyone') => ({
  authorization: `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`,
});
