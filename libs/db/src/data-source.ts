import { DataSource } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export interface DataSourceOptions {
  databaseUrl: string;
  poolSize: number;
  applicationName?: string;
}

/** A TypeORM DataSource for PostgreSQL; schema changes come only from migrations, never `synchronize`. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.databaseUrl,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Nothing in the schema needs an extension (gen_random_uuid is built in), and the role may not create one.
    installExtensions: false,
    logging: false,
    poolSize: options.poolSize,
    applicationName: options.applicationName ?? 'orchestrator',
    // Pipeline mode lets the step transaction send BEGIN with its first read, and its write with COMMIT,
    // in one socket write each (step-transaction.ts); awaited queries behave exactly as without it.
    extra: {
      connectionTimeoutMillis: 10000,
      pipeline: true,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10000,
      // A worker host that vanishes (no FIN, unlike a killed process) would otherwise keep its step's
      // transaction and execution lock for the kernel default of two hours; the server drops it in ~1 min.
      ...(new URL(options.databaseUrl).searchParams.has('options')
        ? {}
        : { options: '-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3' }),
    },
  });
}
