import pino from 'pino';
import { createSigningKey, startTestIssuer, type TestIssuer } from '@orchestrator/auth';
import type { OidcConfig } from '@orchestrator/config';
import { signInConnectSources, uiSignInSettings } from './ui-sign-in';
import { uiContentSecurityPolicy } from './ui';

// What the login page is offered (GET /ui/sign-in.json), read from a real issuer's discovery document.

const silent = pino({ level: 'silent' });
const oidcOf = (issuer: TestIssuer, clientId: string | null): OidcConfig => ({
  issuer: issuer.issuer,
  audience: 'orchestrator-api',
  jwksUrl: null,
  rolesClaim: 'roles',
  roleMap: { admin: 'admin' },
  clientId,
  scope: 'openid',
});

describe('the UI sign-in settings', () => {
  let issuer: TestIssuer;
  beforeEach(async () => {
    issuer = await startTestIssuer();
  });
  afterEach(() => issuer.close());

  it('offer API keys only without OIDC or without a client id', async () => {
    expect(await uiSignInSettings(null, silent)()).toEqual({ oidc: null });
    expect(await uiSignInSettings(oidcOf(issuer, null), silent)()).toEqual({ oidc: null });
    expect(issuer.discoveryRequests()).toBe(0);
  });

  it("offer the issuer's authorization code endpoints, read once, and let the CSP reach its token endpoint", async () => {
    issuer.enableCodeFlow({
      clientId: 'ui',
      key: await createSigningKey('k'),
      users: {},
      allowedOrigins: [],
      redirectUris: [],
      postLogoutRedirectUris: [],
    });
    const settings = uiSignInSettings(oidcOf(issuer, 'ui'), silent);
    const offered = await settings();
    expect(offered.oidc).toEqual({
      clientId: 'ui',
      scope: 'openid',
      authorizationEndpoint: `${issuer.issuer}/protocol/openid-connect/auth`,
      tokenEndpoint: `${issuer.issuer}/protocol/openid-connect/token`,
      endSessionEndpoint: `${issuer.issuer}/protocol/openid-connect/logout`,
    });
    await settings();
    expect(issuer.discoveryRequests()).toBe(1);
    expect(uiContentSecurityPolicy(signInConnectSources(offered))).toContain(
      `connect-src 'self' ${new URL(issuer.issuer).origin};`,
    );
  });

  it('say OIDC is unavailable, and keep the CSP to this origin, when discovery names no authorization endpoint', async () => {
    const settings = uiSignInSettings(oidcOf(issuer, 'ui'), silent);
    const offered = await settings();
    expect(offered).toEqual({ oidc: null, oidcUnavailable: expect.stringContaining('cannot be reached') });
    expect(signInConnectSources(offered)).toEqual([]);
    // The failure is kept for a while: a login page does not wait on a broken issuer at every request.
    await settings();
    expect(issuer.discoveryRequests()).toBe(1);
  });
});
