import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './api-types';

/** The typed client: `client.GET('/api/processes/{id}', { params: { path: { id } } })` (openapi-fetch). */
export type OrchestratorClient = Client<paths>;

export interface OrchestratorClientOptions {
  /** Where the API listens: `http://localhost:8080` (ORCHESTRATOR_URL for the CLI). */
  baseUrl: string;
  /** An API key or an OIDC access token, sent as `Authorization: Bearer` (ORCHESTRATOR_API_KEY for the CLI). */
  apiKey?: string;
  /** More headers for every request. */
  headers?: Record<string, string>;
  fetch?: ClientOptions['fetch'];
}

/** A client of the API typed from its OpenAPI document: paths, parameters, bodies and answers. */
export function createOrchestratorClient(options: OrchestratorClientOptions): OrchestratorClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    headers: { ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}), ...options.headers },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** The standard error body of every refusal. */
export type ApiErrorBody = components['schemas']['Error'];

/** A refusal of the API, thrown by `expectOk`: its HTTP status and the standard error body. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.error ? `${status} ${body.error.code}: ${body.error.message}` : `HTTP ${status}`);
    this.name = 'ApiRequestError';
  }

  get code(): string | undefined {
    return this.body?.error?.code;
  }
}

/** The data of a successful answer, or an ApiRequestError with the refusal. */
export function expectOk<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new ApiRequestError(result.response.status, result.error as ApiErrorBody | undefined);
}
