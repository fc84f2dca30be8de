import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWTPayload } from 'jose';
import { signToken, type TestSigningKey } from './test-signing-key';

/**
 * Test support: the authorization code flow with PKCE (RFC 6749 + 7636) as a public client meets it at an
 * OpenID Connect provider: a login page that asks for a user name, a token endpoint that checks the code
 * verifier, the client and the redirect URI, refresh tokens, and RP-initiated logout. CORS is answered for
 * `allowedOrigins` only, as Keycloak's "Web origins" does.
 */
export interface CodeFlowOptions {
  clientId: string;
  /** The key access tokens are signed with (publish it in the JWKS too). */
  key: TestSigningKey;
  /** User name -> the claims of their access token (beyond iss, sub, iat, exp, preferred_username). */
  users: Record<string, JWTPayload>;
  allowedOrigins: string[];
  /** The registered redirect URIs (sign-in) and post-logout redirect URIs: any other is refused. */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Access token lifetime (default 600 s). */
  accessTokenSeconds?: number;
}

export interface CodeFlow {
  /** Token requests answered with tokens, by grant type, and those refused. */
  tokenRequests(): { authorization_code: number; refresh_token: number; refused: number };
  /** Logouts, and how many of them named the session's ID token (`id_token_hint`). */
  logouts(): { total: number; withIdTokenHint: number };
  /** The next sign-in comes back with another `state` than the client sent (a forged or swapped callback). */
  swapNextState(): void;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  user: string;
  expiresAt: number;
}

export const CODE_FLOW_PATHS = {
  authorize: '/protocol/openid-connect/auth',
  token: '/protocol/openid-connect/token',
  logout: '/protocol/openid-connect/logout',
} as const;

export function codeFlowHandler(
  issuer: () => string,
  options: CodeFlowOptions,
): { handle(path: string, request: IncomingMessage, response: ServerResponse): boolean; flow: CodeFlow } {
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Map<string, string>();
  const counts = { authorization_code: 0, refresh_token: 0, refused: 0 };
  const logouts = { total: 0, withIdTokenHint: 0 };
  const idTokens = new Set<string>();
  let swapState = false;

  const issueTokens = async (user: string) => {
    const now = Math.floor(Date.now() / 1000);
    const lifetime = options.accessTokenSeconds ?? 600;
    const accessToken = await signToken(options.key, {
      iss: issuer(),
      sub: `user-${user}`,
      preferred_username: user,
      // Every token its own, even two issued within one second.
      jti: randomToken(),
      iat: now,
      exp: now + lifetime,
      ...options.users[user],
    });
    const refreshToken = randomToken();
    refreshTokens.set(refreshToken, user);
    const idToken = await signToken(options.key, {
      iss: issuer(),
      aud: options.clientId,
      sub: `user-${user}`,
      iat: now,
      exp: now + lifetime,
    });
    idTokens.add(idToken);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: lifetime,
      refresh_token: refreshToken,
      id_token: idToken,
    };
  };

  const authorize = async (request: IncomingMessage, response: ServerResponse) => {
    const query = new URL(request.url ?? '', 'http://x').searchParams;
    const params = request.method === 'POST' ? new URLSearchParams(await readBody(request)) : query;
    const problem = authorizeProblem(params, options);
    if (problem) return void response.writeHead(400, { 'content-type': 'text/plain' }).end(problem);
    if (request.method !== 'POST') return void loginPage(response, params);
    const user = params.get('username') ?? '';
    if (!(user in options.users)) return void loginPage(response, params, `No user ${user}.`);
    const code = randomToken();
    codes.set(code, {
      clientId: options.clientId,
      redirectUri: params.get('redirect_uri') ?? '',
      challenge: params.get('code_challenge') ?? '',
      user,
      expiresAt: Date.now() + 60_000,
    });
    const back = new URL(params.get('redirect_uri') ?? '');
    back.searchParams.set('code', code);
    back.searchParams.set('state', swapState ? 'swapped-state' : (params.get('state') ?? ''));
    swapState = false;
    response.writeHead(302, { location: back.href }).end();
  };

  const token = async (request: IncomingMessage, response: ServerResponse) => {
    const cors = corsHeaders(request, options.allowedOrigins);
    if (request.method === 'OPTIONS') return void response.writeHead(204, cors).end();
    const form = new URLSearchParams(await readBody(request));
    const refuse = (error: string) => {
      counts.refused += 1;
      response.writeHead(400, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ error }));
    };
    if (form.get('client_id') !== options.clientId) return void refuse('invalid_client');
    let user: string | undefined;
    if (form.get('grant_type') === 'authorization_code') {
      const pending = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const ok =
        pending !== undefined &&
        pending.expiresAt > Date.now() &&
        pending.redirectUri === form.get('redirect_uri') &&
        createHash('sha256').update(verifier).digest('base64url') === pending.challenge;
      if (!ok) return void refuse('invalid_grant');
      user = pending.user;
      counts.authorization_code += 1;
    } else if (form.get('grant_type') === 'refresh_token') {
      user = refreshTokens.get(form.get('refresh_token') ?? '');
      refreshTokens.delete(form.get('refresh_token') ?? '');
      if (user === undefined) return void refuse('invalid_grant');
      counts.refresh_token += 1;
    } else {
      return void refuse('unsupported_grant_type');
    }
    const body = JSON.stringify(await issueTokens(user));
    response.writeHead(200, { ...cors, 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
  };

  const logout = (request: IncomingMessage, response: ServerResponse) => {
    const query = new URL(request.url ?? '', 'http://x').searchParams;
    const back = query.get('post_logout_redirect_uri');
    if (back && !options.postLogoutRedirectUris.includes(back)) {
      return void response
        .writeHead(400, { 'content-type': 'text/plain' })
        .end('unregistered post_logout_redirect_uri');
    }
    logouts.total += 1;
    if (idTokens.has(query.get('id_token_hint') ?? '')) logouts.withIdTokenHint += 1;
    if (back) response.writeHead(302, { location: back }).end();
    else response.writeHead(200, { 'content-type': 'text/plain' }).end('Signed out.');
  };

  return {
    handle(path, request, response) {
      const run = (work: Promise<void> | void) => void Promise.resolve(work).catch(() => response.writeHead(500).end());
      if (path === CODE_FLOW_PATHS.authorize) run(authorize(request, response));
      else if (path === CODE_FLOW_PATHS.token) run(token(request, response));
      else if (path === CODE_FLOW_PATHS.logout) logout(request, response);
      else return false;
      return true;
    },
    flow: {
      tokenRequests: () => ({ ...counts }),
      logouts: () => ({ ...logouts }),
      swapNextState: () => {
        swapState = true;
      },
    },
  };
}

function authorizeProblem(params: URLSearchParams, options: CodeFlowOptions): string | null {
  if (params.get('client_id') !== options.clientId) return 'unknown client_id';
  if (!options.redirectUris.includes(params.get('redirect_uri') ?? '')) return 'unregistered redirect_uri';
  if (params.get('response_type') !== 'code') return 'response_type must be code';
  if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) return 'PKCE (S256) required';
  if (!params.get('state')) return 'state required';
  return null;
}

function loginPage(response: ServerResponse, params: URLSearchParams, error?: string): void {
  const hidden = [...params.entries()]
    .filter(([name]) => name !== 'username')
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('');
  response
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end(
      `<!doctype html><title>Test identity provider</title><h1>Test identity provider</h1>` +
        (error ? `<p role="alert">${escape(error)}</p>` : '') +
        `<form method="post">${hidden}<label>Username <input name="username"></label>` +
        `<button type="submit">Log in</button></form>`,
    );
}

function corsHeaders(request: IncomingMessage, allowed: string[]): Record<string, string> {
  const origin = request.headers.origin;
  if (!origin || !allowed.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type',
    vary: 'Origin',
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const randomToken = () => randomBytes(24).toString('base64url');

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
