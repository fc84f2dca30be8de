import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
  type JWSHeaderParameters,
} from 'jose';

export type SigningAlgorithm = 'RS256' | 'PS256' | 'ES256' | 'EdDSA';

export interface TestSigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

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
  close(): Promise<void>;
}

export async function createSigningKey(kid: string, alg: SigningAlgorithm = 'RS256'): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** Signs claims with the key; `header` overrides the protected header (its `kid` and `alg` included). */
export function signToken(
  key: TestSigningKey,
  claims: JWTPayload,
  header: Partial<JWSHeaderParameters> = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}

export async function startTestIssuer(options: { realm?: string } = {}): Promise<TestIssuer> {
  const path = `/realms/${options.realm ?? 'test'}`;
  let jwks: { keys: JWK[] } = { keys: [] };
  let mode: TestIssuerMode = 'up';
  let jwksRequests = 0;
  let discoveryRequests = 0;
  let issuer = '';

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
      return answer(response, { issuer, jwks_uri: `${issuer}/certs` });
    }
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
