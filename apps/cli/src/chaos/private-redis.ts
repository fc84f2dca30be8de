import { spawn, type ChildProcess } from 'node:child_process';
import IORedis from 'ioredis';
import { sleep } from './shell';

/**
 * A redis-server of the chaos run's own on a free port, keeping nothing on disk (as the machine's does),
 * so that a restart loses every key. Started and stopped as a child process; the machine's Redis is
 * never touched.
 */
export class PrivateRedis {
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly bind: string[],
    private readonly dir: string,
  ) {}

  url(host = '127.0.0.1'): string {
    return `redis://${host}:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', ...this.bind, '--save', '', '--appendonly', 'no'];
    args.push('--protected-mode', 'no', '--dir', this.dir, '--loglevel', 'warning', '--maxclients', '2000');
    const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server on port ${this.port} exited at start-up`);
      if (await this.answers()) return;
      await sleep(50);
    }
    throw new Error(`redis-server on port ${this.port} did not answer`);
  }

  /** `SHUTDOWN NOSAVE`: the server exits at once and every key is gone. */
  async shutdownNoSave(): Promise<void> {
    const child = this.child;
    const exited = child && child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined;
    const redis = new IORedis(this.url(), { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    redis.on('error', () => undefined);
    await redis.connect();
    await redis.call('SHUTDOWN', 'NOSAVE').catch(() => undefined); // the connection closes under it
    redis.disconnect();
    await exited;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  stopNow(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  private async answers(): Promise<boolean> {
    const redis = new IORedis(this.url(), { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return (await redis.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      redis.disconnect();
    }
  }
}
