import type { Logger } from 'pino';
import type { AuthConfig } from '@orchestrator/config';
import type { ApiKeyStore } from '@orchestrator/db';

/** Where the bootstrap key goes: standard output, as plain text, never the log stream (ENGINE.md 10.3). */
export type KeyPrinter = (text: string) => void;

export const printOnStandardOutput: KeyPrinter = (text) => void process.stdout.write(text);

/**
 * At start-up: warns when authentication is disabled; and on a database without any API key, when neither
 * ADMIN_API_KEY nor OIDC_ISSUER gives another way in, creates the `bootstrap` admin key and prints it once.
 * Of several APIs starting at once exactly one creates it (one conditional statement), so it is printed once.
 */
export async function prepareAuthentication(
  auth: AuthConfig,
  apiKeys: Pick<ApiKeyStore, 'createBootstrapKey'>,
  logger: Logger,
  print: KeyPrinter,
  baseUrl: string,
): Promise<void> {
  if (auth.disabled) {
    logger.warn(
      'AUTHENTICATION IS DISABLED (AUTH_DISABLED=true): every request acts as admin, X-User names the user; development only',
    );
    return;
  }
  if (auth.adminApiKey !== null || auth.oidc !== null) return;
  const outcome = await apiKeys.createBootstrapKey();
  if (outcome.kind === 'exists') return;
  print(
    [
      '',
      '  The database had no API key: this is the admin key "bootstrap". It is shown now and never again.',
      `    ${outcome.key}`,
      `  curl -H "Authorization: Bearer ${outcome.key}" ${baseUrl}/api/processes`,
      '  Create named keys with POST /api/api-keys, then revoke this one (DELETE /api/api-keys/{id}).',
      '',
      '',
    ].join('\n'),
  );
  logger.warn('a bootstrap admin API key was created and printed on standard output (it is not in the log)');
}
