import { createOrchestratorClient, type OrchestratorClient } from '@orchestrator/client';

/** Where the operator commands reach the API: ORCHESTRATOR_URL (default localhost:8080) and ORCHESTRATOR_API_KEY. */
export interface ApiConnection {
  baseUrl: string;
  apiKey: string | undefined;
  client: OrchestratorClient;
}

export function apiConnection(env: NodeJS.ProcessEnv = process.env): ApiConnection {
  const baseUrl = (env.ORCHESTRATOR_URL ?? 'http://localhost:8080').replace(/\/$/, '');
  const apiKey = env.ORCHESTRATOR_API_KEY || undefined;
  return { baseUrl, apiKey, client: createOrchestratorClient({ baseUrl, apiKey }) };
}

/** The headers of a request the typed client does not make (the live events). */
export function authorizationOf(connection: ApiConnection): Record<string, string> {
  return connection.apiKey ? { authorization: `Bearer ${connection.apiKey}` } : {};
}
