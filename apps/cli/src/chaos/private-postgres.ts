import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Pool } from 'pg';
import { asPostgresUser, isRoot, run, runSync } from './shell';

/** The newest PostgreSQL server binaries installed from Debian's packages, unless CHAOS_PG_BIN says. */
function postgresBinDir(): string {
  if (process.env.CHAOS_PG_BIN) return process.env.CHAOS_PG_BIN;
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((name) => existsSync(`/usr/lib/postgresql/${name}/bin/initdb`))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (set CHAOS_PG_BIN)');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

/**
 * A PostgreSQL cluster of the chaos run's own, in its temporary folder, on a free port, trusting only
 * loopback and the chaos network namespace: the machine's PostgreSQL is never touched.
 */
export class PrivatePostgres {
  private readonly bin = postgresBinDir();
  private readonly dataDir: string;
  private readonly logFile: string;

  constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly listenAddresses: string[],
    private readonly trustedNetworks: string[],
  ) {
    this.dataDir = path.join(dir, 'data');
    this.logFile = path.join(dir, 'postgres.log');
  }

  async init(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    if (isRoot()) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(this.dir, uid, gid);
    }
    await this.pg('initdb', ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    const hba = ['local all all trust', 'host all all 127.0.0.1/32 trust', 'host all all ::1/128 trust'];
    for (const network of this.trustedNetworks) hba.push(`host all all ${network} trust`);
    writeFileSync(path.join(this.dataDir, 'pg_hba.conf'), `${hba.join('\n')}\n`);
    appendFileSync(
      path.join(this.dataDir, 'postgresql.conf'),
      [
        `port = ${this.port}`,
        `listen_addresses = '${this.listenAddresses.join(',')}'`,
        `unix_socket_directories = '${this.dir}'`,
        'max_connections = 300',
        '',
      ].join('\n'),
    );
  }

  start(): Promise<string> {
    return this.pg('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-w', '-t', '120', 'start']);
  }

  isRunning(): Promise<boolean> {
    return this.pg('pg_ctl', ['-D', this.dataDir, 'status']).then(
      () => true,
      () => false,
    );
  }

  /** A crash as PostgreSQL sees one: every backend ends at once, recovery runs on the next start. */
  stopImmediately(): Promise<string> {
    return this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  /** For clean-up: synchronous, and quiet when the cluster is already down. */
  stopNow(): void {
    const [command, args] = asPostgresUser(path.join(this.bin, 'pg_ctl'), [
      '-D',
      this.dataDir,
      '-m',
      'immediate',
      'stop',
    ]);
    runSync(command, args);
  }

  url(database: string, host = '127.0.0.1'): string {
    return `postgres://postgres@${host}:${this.port}/${database}`;
  }

  /** A pool, so that the run's own queries reconnect after PostgreSQL restarts. */
  pool(database: string): Pool {
    const pool = new Pool({ connectionString: this.url(database), max: 4, connectionTimeoutMillis: 5000 });
    pool.on('error', () => undefined);
    return pool;
  }

  private pg(tool: string, args: string[]): Promise<string> {
    const [command, fullArgs] = asPostgresUser(path.join(this.bin, tool), args);
    return run(command, fullArgs);
  }
}
