import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { quoteIdentifier } from './orchestrator-packages/db';
import { CpuRecorder, msPerStep } from './cpu-recorder';
import { onExit } from './exit-cleanup';
import { findLocalServices, withDatabase } from './local-services';

export interface DbosPeerSettings {
  /** The peer folder (shared/bench): dbos-bench.js and its package.json. */
  peerDir: string;
  /** Any database URL of the PostgreSQL to run on; the peer gets its own database `database` there. */
  databaseUrl: string;
  database: string;
  workflows: number;
  concurrency: number;
  warmUp: number;
  steps: number;
  cpuSampleMs: number;
}

/** The line dbos-bench.js prints. */
interface PeerLine {
  peer: string;
  sec: number;
  steps_per_s: number;
  wf_p50_ms: number;
  wf_p99_ms: number;
}

const PEER_TIMEOUT_MS = 600_000;

/**
 * DBOS Transact as a peer on the same PostgreSQL: the peer folder copied to a temporary directory and
 * installed there with npm (so that the project never depends on @dbos-inc/dbos-sdk), then dbos-bench.js
 * run with the bench's N, C and WARM. Its CPU is read over the peer's measured window: the `sec` it
 * reports, ending when its result line arrives.
 */
export class DbosPeer {
  private dir: string | undefined;
  private removeDir: () => void = () => undefined;

  constructor(private readonly settings: DbosPeerSettings) {}

  async prepare(): Promise<void> {
    const dir = mkdtempSync(path.join(tmpdir(), 'orchestrator-bench-dbos-'));
    this.dir = dir;
    this.removeDir = onExit(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(this.settings.peerDir, dir, { recursive: true, filter: (source) => !source.includes('node_modules') });
    makeWritable(dir); // the shared folder is read-only, and so is a copy of it
    const install = await runToExit('npm', ['install', '--no-audit', '--no-fund'], dir, {}, PEER_TIMEOUT_MS);
    if (install.code !== 0) throw new Error(`npm install of the DBOS peer failed: ${install.output.slice(-2000)}`);
  }

  async run(position: 'before' | 'after') {
    const dir = this.dir;
    if (!dir) throw new Error('DbosPeer.prepare() first');
    const s = this.settings;
    const admin = new Client({ connectionString: withDatabase(s.databaseUrl, 'postgres') });
    await admin.connect();
    try {
      // A fresh database each time, as the orchestrator's runs start from one.
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(s.database)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${quoteIdentifier(s.database)}`);
      const services = await findLocalServices(admin, s.databaseUrl);
      const env = {
        N: String(s.workflows),
        C: String(s.concurrency),
        WARM: String(s.warmUp),
        S: String(s.steps),
        PG: withDatabase(s.databaseUrl, s.database),
      };
      let recorder: CpuRecorder | undefined;
      let result: { line: PeerLine; at: number } | undefined;
      const outcome = await runToExit(process.execPath, ['dbos-bench.js'], dir, env, PEER_TIMEOUT_MS, {
        onStart: (pid) => {
          recorder = new CpuRecorder(
            {
              trees: { dbos: [pid] },
              postgres: services.postmasterPid
                ? {
                    postmasterPid: services.postmasterPid,
                    clusterName: services.clusterName,
                    databases: [s.database],
                    excludePids: [],
                  }
                : undefined,
            },
            s.cpuSampleMs,
          );
          recorder.start();
        },
        onLine: (text) => {
          const line = parseLine(text);
          if (line?.peer === 'dbos' && recorder) result = { line, at: recorder.sample() };
        },
      });
      recorder?.stop();
      if (outcome.code !== 0 || !result || !recorder) {
        throw new Error(`the DBOS peer exited with ${outcome.code}: ${outcome.output.slice(-2000)}`);
      }
      const { line, at } = result;
      const cpu = recorder.window(at - line.sec * 1000, at);
      return {
        config: 'peer-dbos',
        position,
        steps: s.steps,
        concurrency: s.concurrency,
        workflows: s.workflows,
        warm_up_workflows: s.warmUp,
        steps_per_s: line.steps_per_s,
        wall_s: line.sec,
        process_p50_ms: line.wf_p50_ms,
        process_p99_ms: line.wf_p99_ms,
        cpu_ms_per_step: msPerStep(cpu, s.workflows * s.steps),
        cpu,
      };
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(s.database)} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
  }

  cleanUp(): void {
    this.removeDir();
  }
}

function parseLine(text: string): PeerLine | undefined {
  try {
    return JSON.parse(text) as PeerLine;
  } catch {
    return undefined;
  }
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) makeWritable(file);
    else chmodSync(file, 0o644);
  }
}

interface RunHooks {
  onStart?: (pid: number) => void;
  onLine?: (line: string) => void;
}

/** Runs a command to its end; kills it after `timeoutMs`. */
function runToExit(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number,
  hooks: RunHooks = {},
): Promise<{ code: number | string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) hooks.onLine?.(line);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const killOnExit = onExit(() => child.kill('SIGKILL'));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('spawn', () => child.pid && hooks.onStart?.(child.pid));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      killOnExit();
      resolve({ code: code ?? signal ?? 'unknown', output });
    });
  });
}
