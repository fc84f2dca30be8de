import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@orchestrator/testing';
import { sleep } from './shell';

export type AppKind = 'api' | 'worker';

/**
 * One API or worker process, started with the README's own script (`npm run start:api`,
 * `npm run start:worker`) in a process group of its own, so that a signal reaches npm, the shell and
 * node alike, as it would reach a container or a systemd unit.
 */
export class OrchestratorApp {
  private child: ChildProcess | undefined;
  private exitedAt: number | undefined;
  /** Exits nobody asked for (a crash, or an exit on a lost dependency). */
  unexpectedExits = 0;
  private expectingExit = false;
  private readonly logFile: string;
  private logOffset = 0;

  constructor(
    readonly name: string,
    readonly kind: AppKind,
    private readonly env: NodeJS.ProcessEnv,
    logDir: string,
    /** Runs the npm command through this prefix (the worker in the network namespace). */
    private readonly wrap?: (command: string, args: string[]) => [string, string[]],
  ) {
    this.logFile = path.join(logDir, `${name}.log`);
  }

  start(): void {
    const script = this.kind === 'api' ? 'start:api' : 'start:worker';
    const [command, args] = this.wrap
      ? this.wrap('npm', ['run', '--silent', script])
      : ['npm', ['run', '--silent', script]];
    this.logOffset = existsSync(this.logFile) ? statSync(this.logFile).size : 0;
    const log = openSync(this.logFile, 'a');
    const child = spawn(command, args, { cwd: REPO_ROOT, env: this.env, detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    this.child = child;
    this.exitedAt = undefined;
    this.expectingExit = false;
    child.once('exit', () => {
      this.exitedAt = Date.now();
      if (!this.expectingExit) this.unexpectedExits += 1;
    });
  }

  get running(): boolean {
    return this.child !== undefined && this.exitedAt === undefined;
  }

  /**
   * Whether anything of its process group still lives (zombies aside): npm may exit on SIGTERM before the
   * node process it started has finished its graceful shutdown, which may still write.
   */
  private get groupAlive(): boolean {
    const pgid = this.child?.pid;
    if (!pgid) return false;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after ")".
        const [state, , pgrp] = readFileSync(`/proc/${entry}/stat`, 'utf8').split(')').pop()?.trim().split(' ') ?? [];
        if (Number(pgrp) === pgid && state !== 'Z') return true;
      } catch {
        // gone meanwhile
      }
    }
    return false;
  }

  /** Sends a signal to the whole process group. */
  signal(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (!pid || !(this.running || this.groupAlive)) return;
    if (signal === 'SIGKILL' || signal === 'SIGTERM') this.expectingExit = true;
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }

  /** Whether the node process `pid` (as a step reports it) belongs to this app. */
  owns(pid: number): boolean {
    if (!this.child?.pid) return false;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so split after ")".
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop()?.trim().split(' ') ?? [];
      return Number(fields[2]) === this.child.pid;
    } catch {
      return false;
    }
  }

  async kill(): Promise<void> {
    this.signal('SIGKILL');
    await this.exited();
  }

  async stop(): Promise<void> {
    this.signal('SIGTERM');
    const deadline = Date.now() + 40000;
    while ((this.running || this.groupAlive) && Date.now() < deadline) await sleep(100);
    if (this.running || this.groupAlive) await this.kill();
  }

  async exited(): Promise<void> {
    while (this.running || this.groupAlive) await sleep(20);
  }

  /** SIGKILL to the group, synchronously: for clean-up, where nothing may be left behind. */
  killNow(): void {
    this.signal('SIGCONT');
    this.signal('SIGKILL');
  }

  /** What this app wrote since its latest start. */
  logSinceStart(): string {
    try {
      return readFileSync(this.logFile).subarray(this.logOffset).toString();
    } catch {
      return '';
    }
  }

  logTail(lines = 15): string {
    try {
      return readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
