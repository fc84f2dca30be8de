import type { Browser } from 'playwright-core';
import { createSigningKey, generateApiKey, startTestIssuer, type CodeFlow, type TestIssuer } from '@orchestrator/auth';
import { processWhen, startTestStack, waitFor, type TestStack } from '@orchestrator/test-stack';
import { closeTabs, launchBrowser, openTab, type UserTab } from './browser-session';
import { uiTestWorkflows } from './ui-test-workflows';
import { ensureUiBuilt } from './ui-build';

// "Sign in with OIDC" in a real browser: the authorization code flow with PKCE against a local OpenID Connect
// provider (its own origin, so the token request is a cross-origin POST the UI's CSP must allow), then the API
// verifying the access token against the provider's JWKS, as with Keycloak.

jest.setTimeout(60_000);

const CLIENT_ID = 'orchestrator-ui';
const AUDIENCE = 'orchestrator-api';
/** Short enough that the UI renews it (a quarter of its life before expiry) within the run. */
const TOKEN_SECONDS = 8;

describe('signing in to the UI with OIDC', () => {
  let issuer: TestIssuer;
  let flow: CodeFlow;
  let stack: TestStack;
  let browser: Browser;
  // Filled once the stack has its port.
  const origins: string[] = [];
  const redirectUris: string[] = [];
  const postLogoutRedirectUris: string[] = [];
  const tabs: UserTab[] = [];
  const tab = async () => {
    const opened = await openTab(browser, stack.baseUrl);
    tabs.push(opened);
    return opened;
  };
  const session = (page: UserTab['page']) =>
    page.evaluate<{ token: string } | null>("JSON.parse(sessionStorage.getItem('orchestrator.session') ?? 'null')");
  /** Through the provider's login page, as a person would. */
  const signInWithOidc = async (page: UserTab['page'], user: string) => {
    await page.goto('/ui/');
    await page.getByRole('button', { name: 'Sign in with OIDC' }).click();
    await page.getByRole('heading', { name: 'Test identity provider' }).waitFor();
    await page.getByLabel('Username').fill(user);
    await page.getByRole('button', { name: 'Log in' }).click();
  };

  beforeAll(async () => {
    ensureUiBuilt();
    issuer = await startTestIssuer({ realm: 'noc' });
    const key = await createSigningKey('ui-key');
    issuer.publish([key]);
    const roles = (list: string[]) => ({ aud: AUDIENCE, realm_access: { roles: list } });
    flow = issuer.enableCodeFlow({
      clientId: CLIENT_ID,
      key,
      users: { jdoe: roles(['orchestrator-operate']), nobody: roles(['offline_access']) },
      allowedOrigins: origins,
      redirectUris,
      postLogoutRedirectUris,
      accessTokenSeconds: TOKEN_SECONDS,
    });
    [stack, browser] = await Promise.all([
      startTestStack({
        workflows: uiTestWorkflows,
        config: {
          auth: {
            disabled: false,
            adminApiKey: generateApiKey(),
            oidc: {
              issuer: issuer.issuer,
              audience: AUDIENCE,
              jwksUrl: null,
              rolesClaim: 'realm_access.roles',
              roleMap: { 'orchestrator-read': 'read', 'orchestrator-operate': 'operate' },
              clientId: CLIENT_ID,
              scope: 'openid profile',
            },
          },
        },
      }),
      launchBrowser(),
    ]);
    origins.push(new URL(stack.baseUrl).origin);
    redirectUris.push(`${stack.baseUrl}/ui/signed-in`);
    postLogoutRedirectUris.push(`${stack.baseUrl}/ui/`);
    await stack.startWorker();
  }, 120_000);
  // No page threw and nothing was refused by the Content-Security-Policy.
  afterEach(async () => expect(await closeTabs(tabs)).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await issuer?.close();
  });

  it('signs in with the code flow and PKCE, survives a reload, acts as the token user, and logs out at the provider', async () => {
    const shell = await fetch(`${stack.baseUrl}/ui/`);
    expect(shell.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ${new URL(issuer.issuer).origin}`,
    );
    const { page } = await tab();
    const leaving = page.waitForRequest((request) => request.url().startsWith(`${issuer.issuer}/protocol`));
    await signInWithOidc(page, 'jdoe');
    const authorize = new URL((await leaving).url());
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('scope')).toBe('openid profile');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    expect(await page.getByTestId('role').textContent()).toBe('operate');
    // The code is out of the address bar, the verifier out of storage; the session is kept in this tab only.
    expect(page.url()).toMatch(/\/ui\/?$/);
    const kept = await page.evaluate<string[]>('Object.keys(sessionStorage)');
    expect(kept).toContain('orchestrator.session');
    expect(kept).not.toContain('orchestrator.oidc-pending');
    expect(await page.evaluate('localStorage.length')).toBe(0);
    // One exchange of the code, none refused (a second completion of the callback would be).
    expect(flow.tokenRequests()).toMatchObject({ authorization_code: 1, refused: 0 });

    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Start' }).click();
    await page.getByLabel('Workflow').selectOption('ui_greet');
    await page.getByLabel(/name/).fill('Grace');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForURL(/\/ui\/processes\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() as string;
    expect((await processWhen(stack, id, 'completed')).createdBy).toBe('jdoe');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(flow.logouts()).toEqual({ total: 1, withIdTokenHint: 1 });
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('renews the access token with the refresh token before it expires', async () => {
    const { page } = await tab();
    await signInWithOidc(page, 'jdoe');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    const first = (await session(page))?.token;
    const refreshes = flow.tokenRequests().refresh_token;
    await waitFor(async () => flow.tokenRequests().refresh_token > refreshes, {
      what: 'the UI to renew its access token',
      timeoutMs: 20_000,
    });
    const renewed = await waitFor(
      async () => {
        const token = (await session(page))?.token;
        return token !== first && token;
      },
      { what: 'the new token in the session' },
    );
    // The renewed token is the one the pages send now, and the API accepts it.
    const sent = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/processes');
    await page.getByRole('link', { name: 'Processes' }).click();
    expect((await sent).headers().authorization).toBe(`Bearer ${renewed}`);
    await page.getByRole('table').waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
  });

  it('back in a tab whose token has expired, renews it before any page asks the API', async () => {
    const { page } = await tab();
    await signInWithOidc(page, 'jdoe');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    const stale = await page.evaluate<string>(`(() => {
      const kept = JSON.parse(sessionStorage.getItem('orchestrator.session'));
      kept.oidc.expiresAt = Date.now() - 1000;
      sessionStorage.setItem('orchestrator.session', JSON.stringify(kept));
      return kept.token;
    })()`);
    // What the reloaded page sends (not the old page's last calls): every call but the renewal's own /api/me
    // and the event stream (a ticket in its URL, no header).
    let reloaded = false;
    const sent: (string | undefined)[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) reloaded = true;
    });
    page.on('request', (request) => {
      if (reloaded && /^\/api\/(?!me$|events$)/.test(new URL(request.url()).pathname)) {
        sent.push(request.headers().authorization);
      }
    });
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await waitFor(() => sent.length > 0, { what: 'the reloaded page to call the API' });
    expect(sent).not.toContain(`Bearer ${stale}`);
    expect(sent[0]).toBe(`Bearer ${(await session(page))?.token}`);
  });

  it('refuses a sign-in this tab did not start, one that comes back with another state, and a user without a role', async () => {
    const { page } = await tab();
    const before = flow.tokenRequests();
    await page.goto('/ui/signed-in?code=forged&state=forged');
    await page.getByRole('alert').filter({ hasText: 'not started in this tab' }).waitFor();
    expect(page.url()).toMatch(/\/ui\/?$/);
    flow.swapNextState();
    await signInWithOidc(page, 'jdoe');
    await page.getByRole('alert').filter({ hasText: 'not started in this tab' }).waitFor();
    // The code was never traded, and it left the address bar.
    expect(flow.tokenRequests()).toEqual(before);
    expect(page.url()).not.toContain('code=');
    await signInWithOidc(page, 'nobody');
    await page.getByRole('alert').filter({ hasText: 'has no role' }).waitFor();
    expect(await page.evaluate("sessionStorage.getItem('orchestrator.session')")).toBeNull();
  });
});
