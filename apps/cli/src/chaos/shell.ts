import { execFile, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs a command to completion; fails with its output when it exits non-zero. */
export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { env: options.env ?? process.env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`${command} ${args.join(' ')} failed: ${stderr || stdout || error.message}`.trim()));
        else resolve(stdout);
      },
    );
  });
}

/** The same, synchronously, for clean-up paths that must not be interrupted. */
export function runSync(command: string, args: string[]): void {
  spawnSync(command, args, { stdio: 'ignore' });
}

export const isRoot = () => process.getuid?.() === 0;

/**
 * As root, PostgreSQL's tools refuse to run: they run as the unprivileged `postgres` user instead.
 * `runuser` keeps the environment, so PATH and the like stay as they are.
 */
export function asPostgresUser(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** A TCP port that nothing listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
