import { run, runSync } from './shell';

/**
 * A second "host" for one worker: a network namespace joined to this machine by a veth pair, a /30 of
 * link-local addresses of its own (nothing outside this machine is ever addressed). The worker there
 * reaches the private PostgreSQL and Redis at `hostAddress`; cutting the link partitions it.
 */
export class WorkerHost {
  readonly namespace: string;
  readonly hostAddress: string;
  readonly workerAddress: string;
  readonly network: string;
  private readonly hostSide: string;
  private readonly hostSideOfNamespace: string;

  constructor(tag: number) {
    const octet = 1 + (tag % 250);
    this.namespace = `orch-chaos-${tag}`;
    this.hostSide = `chv${tag % 100000}h`;
    this.hostSideOfNamespace = `chv${tag % 100000}n`;
    this.hostAddress = `169.254.${octet}.1`;
    this.workerAddress = `169.254.${octet}.2`;
    this.network = `169.254.${octet}.0/30`;
  }

  async create(): Promise<void> {
    const ns = ['netns', 'exec', this.namespace, 'ip'];
    await run('ip', ['netns', 'add', this.namespace]);
    await run('ip', ['link', 'add', this.hostSide, 'type', 'veth', 'peer', 'name', this.hostSideOfNamespace]);
    await run('ip', ['link', 'set', this.hostSideOfNamespace, 'netns', this.namespace]);
    await run('ip', ['addr', 'add', `${this.hostAddress}/30`, 'dev', this.hostSide]);
    await run('ip', ['link', 'set', this.hostSide, 'up']);
    await run('ip', [...ns, 'addr', 'add', `${this.workerAddress}/30`, 'dev', this.hostSideOfNamespace]);
    await run('ip', [...ns, 'link', 'set', this.hostSideOfNamespace, 'up']);
    await run('ip', [...ns, 'link', 'set', 'lo', 'up']);
  }

  /** The command prefix that runs a program inside the namespace. */
  exec(command: string, args: string[]): [string, string[]] {
    return ['ip', ['netns', 'exec', this.namespace, command, ...args]];
  }

  /** Packets stop in both directions; open TCP connections stay open on both ends, as in a real partition. */
  cut(): Promise<string> {
    return run('ip', ['link', 'set', this.hostSide, 'down']);
  }

  restore(): Promise<string> {
    return run('ip', ['link', 'set', this.hostSide, 'up']);
  }

  /** Deleting the namespace deletes its end of the veth pair, and so the pair. */
  removeNow(): void {
    runSync('ip', ['netns', 'delete', this.namespace]);
    runSync('ip', ['link', 'delete', this.hostSide]);
  }
}
