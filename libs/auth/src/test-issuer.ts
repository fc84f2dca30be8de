import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import { CODE_FLOW_PATHS, codeFlowHandler, type CodeFlow, type CodeFlowOptions } from './test-issuer-code-flow';
import type { TestSigningKey } from './test-signing-key';

export * from './test-signing-key';
export type { CodeFlow, CodeFlowOptions } from './test-issuer-code-flow';

/** How the JWKS endpoint answers: normally, with HTTP 503, or by dropping the connection. */
export type TestIssuerMode = 'up' | 'http-503' | 'drop';

/**
 * Test support: a local OpenID Connect issuer over node:http on a free port, with a discovery document at
 * `<issuer>/.well-known/openid-configuration` and a JWKS at `<issuer>/certs` whose keys a test replaces.
 */
export interface TestIssuer {
  issuer: string;
  jwksUrl: string;
  /** Requests the JWKS endpoint has received (answered or not). */
  jwksRequests(): number;
  discoveryRequests(): number;
  /** The keys the JWKS serves from now on (public halves only). */
  publish(keys: TestSigningKey[]): void;
  setMode(mode: TestIssuerMode): void;
  /**
   * From now on also a provider a browser signs in at (authorization code flow with PKCE): the discovery
   * document then names its authorization, token and logout endpoints.
   */
  enableCodeFlow(options: CodeFlowOptions): CodeFlow;
  close(): Promise<void>;
}

export async function startTestIssuer(options: { realm?: string } = {}): Promise<TestIssuer> {
  const path = `/realms/${options.realm ?? 'test'}`;
  let jwks: { keys: JWK[] } = { keys: [] };
  let mode: TestIssuerMode = 'up';
  let jwksRequests = 0;
  let discoveryRequests = 0;
  let issuer = '';
  let codeFlow: ReturnType<typeof codeFlowHandler> | null = null;

  const answer = (response: ServerResponse, body: unknown) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.url === `${path}/certs`) {
      jwksRequests += 1;
      if (mode === 'drop') return void request.socket.destroy();
      if (mode === 'http-503') return void response.writeHead(503).end();
      return answer(response, jwks);
    }
    if (request.url === `${path}/.well-known/openid-configuration`) {
      discoveryRequests += 1;
      const signIn = codeFlow && {
        authorization_endpoint: `${issuer}${CODE_FLOW_PATHS.authorize}`,
        token_endpoint: `${issuer}${CODE_FLOW_PATHS.token}`,
        end_session_endpoint: `${issuer}${CODE_FLOW_PATHS.logout}`,
      };
      return answer(response, { issuer, jwks_uri: `${issuer}/certs`, ...signIn });
    }
    const own = (request.url ?? '').split('?')[0] ?? '';
    if (codeFlow && own.startsWith(path) && codeFlow.handle(own.slice(path.length), request, response)) return;
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;

  return {
    issuer,
    jwksUrl: `${issuer}/certs`,
    jwksRequests: () => jwksRequests,
    discoveryRequests: () => discoveryRequests,
    publish: (keys) => {
      jwks = { keys: keys.map((key) => key.publicJwk) };
    },
    setMode: (next) => {
      mode = next;
    },
    enableCodeFlow: (flowOptions) => {
      codeFlow = codeFlowHandler(() => issuer, flowOptions);
      return codeFlow.flow;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
