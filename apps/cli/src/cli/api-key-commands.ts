import type { Command } from 'commander';
import { ROLES, type Role } from '@orchestrator/auth';
import { parseEnv } from '@orchestrator/config';
import type { ApiKeyStore } from '@orchestrator/db';
import type * as Db from '@orchestrator/db';
import { out, shortTime, table } from './output';

/**
 * `api-keys create|list|revoke`: straight on the database of DATABASE_URL (the way in before any key exists,
 * or when every admin key is lost), with an audit row under the actor `cli`.
 */
export function registerApiKeyCommands(program: Command): void {
  const apiKeys = program.command('api-keys').description('API keys, on the database of DATABASE_URL');
  const withStore = async (work: (store: ApiKeyStore) => Promise<void>) => {
    const config = parseEnv(process.env);
    // Loaded on use: `orchestrator start` must not load the PostgreSQL client before tracing starts.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ApiKeyStore, createDataSource } = require('@orchestrator/db') as typeof Db;
    const dataSource = await createDataSource({ databaseUrl: config.databaseUrl, poolSize: 1 }).initialize();
    try {
      await work(new ApiKeyStore(dataSource));
    } finally {
      await dataSource.destroy();
    }
  };
  const audit = (action: string) => ({ actor: 'cli', action, details: { credential: 'database' } });

  apiKeys
    .command('create <name>')
    .description('create a key and print it (the only time it is shown)')
    .option('-r, --role <role>', `one of ${ROLES.join(', ')}`, 'read')
    .action(async (name: string, options: { role: string }) => {
      if (!ROLES.includes(options.role as Role)) throw new Error(`--role is one of ${ROLES.join(', ')}`);
      if (name.toLowerCase() === 'admin') throw new Error('"admin" is reserved for ADMIN_API_KEY');
      await withStore(async (store) => {
        const created = await store.create(
          { name, role: options.role as Role, createdBy: 'cli' },
          audit('api-key.create'),
        );
        if (created.kind === 'name_taken') throw new Error(`an API key named "${name}" exists (or existed)`);
        out(created.key);
      });
    });

  apiKeys
    .command('list')
    .description('every key, without secrets')
    .action(() =>
      withStore(async (store) => {
        const keys = await store.list();
        out(
          table([
            ['ID', 'NAME', 'ROLE', 'CREATED', 'LAST USED', 'REVOKED'],
            ...keys.map((key) => [
              key.id,
              key.name,
              key.role,
              shortTime(key.createdAt.toISOString()),
              shortTime(key.lastUsedAt?.toISOString()),
              shortTime(key.revokedAt?.toISOString()),
            ]),
          ]),
        );
      }),
    );

  apiKeys
    .command('revoke <id>')
    .description('revoke a key (its requests are refused from then on)')
    .action((id: string) =>
      withStore(async (store) => {
        const outcome = await store.revoke(id, audit('api-key.revoke'));
        if (outcome.kind === 'not_found') throw new Error(`no API key ${id}`);
        out(
          outcome.kind === 'revoked' ? `revoked ${outcome.record.name}` : `${outcome.record.name} was revoked already`,
        );
      }),
    );
}
