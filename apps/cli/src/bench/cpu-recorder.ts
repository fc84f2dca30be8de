import { childPids, machineBusyMs, processTree, readCmdline, readProcStat } from './proc-files';

export type CpuComponent = 'api' | 'workers' | 'forwarder' | 'dbos' | 'pg_backends' | 'pg_other' | 'redis';

export interface PostgresSource {
  postmasterPid: number;
  /** Its `cluster_name`, which PostgreSQL puts in front of every process title. */
  clusterName: string;
  /** Backends connected to these databases are counted; those of other databases (other sessions) are not. */
  databases: readonly string[];
  /** Backends of the bench's own connections (its completion polling), not part of what is measured. */
  excludePids: readonly number[];
}

export interface CpuSources {
  /** Root pids per component; their descendants count too. */
  trees: Partial<Record<CpuComponent, readonly number[]>>;
  postgres?: PostgresSource;
  redisPid?: number;
}

export type PostgresRole = 'backend' | 'other' | 'ignore' | { parallelWorkerOf: number };

const AUXILIARY =
  /^(checkpointer|background writer|walwriter|autovacuum launcher|logical replication launcher|archiver|stats collector|io worker)/;

/** What a postmaster child is, from its process title ("postgres: 15/main: root mydb 127.0.0.1(5) idle"). */
export function classifyPostgresTitle(title: string, clusterName: string, databases: readonly string[]): PostgresRole {
  if (!title.startsWith('postgres: ')) return 'ignore';
  let rest = title.slice('postgres: '.length).trim();
  if (clusterName && rest.startsWith(`${clusterName}: `)) rest = rest.slice(clusterName.length + 2);
  const parallel = /^parallel worker for PID (\d+)/.exec(rest);
  if (parallel) return { parallelWorkerOf: Number(parallel[1]) };
  const words = rest.split(' ');
  if (rest.startsWith('autovacuum worker')) return words.some((word) => databases.includes(word)) ? 'other' : 'ignore';
  if (AUXILIARY.test(rest)) return 'other';
  return databases.includes(words[1] ?? '') ? 'backend' : 'ignore';
}

interface Tracked {
  component: CpuComponent;
  baseline: number;
  last: number;
}

interface Sample {
  t: number;
  totals: Partial<Record<CpuComponent, number>>;
  machineMs: number;
  driverMs: number;
}

export interface CpuWindow {
  window_s: number;
  /** CPU ms per component and their `total`. */
  ms: Partial<Record<CpuComponent | 'total', number>>;
  /** This bench process (HTTP client, polling, sampling): not in `total`. */
  driver_ms: number;
  machine_busy_ms: number;
  /** Machine busy time that is neither `total` nor the driver: other sessions on a shared machine. */
  other_load_ms: number;
}

/**
 * Samples the CPU time (utime + stime from /proc) of every process involved in a run, per component, so
 * that the CPU spent on any time window can be read afterwards (linearly interpolated between samples).
 * Each process counts from the first sample (or from 0 if it appeared later); one that exits keeps its last
 * sampled value, so at most one sampling interval of an exiting process is missed.
 */
export class CpuRecorder {
  private readonly tracked = new Map<string, Tracked>();
  private readonly ourBackends = new Set<number>();
  private readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sources: CpuSources,
    private readonly intervalMs: number,
  ) {}

  /** Takes the first sample and keeps sampling every interval; returns the first sample's time. */
  start(): number {
    const t = this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return t;
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** Takes a sample now and returns its time (performance.now()). */
  sample(): number {
    const first = this.samples.length === 0;
    const visit = (pid: number, component: CpuComponent | ((pid: number) => CpuComponent | undefined)) => {
      const stat = readProcStat(pid);
      if (!stat) return;
      const key = `${pid}:${stat.startTime}`;
      let record = this.tracked.get(key);
      if (!record) {
        const resolved = typeof component === 'function' ? component(pid) : component;
        if (!resolved) return;
        record = { component: resolved, baseline: first ? stat.cpuMs : 0, last: stat.cpuMs };
        this.tracked.set(key, record);
      }
      record.last = stat.cpuMs;
    };
    for (const [component, roots] of Object.entries(this.sources.trees) as [CpuComponent, number[]][]) {
      for (const root of roots) for (const pid of processTree(root)) visit(pid, component);
    }
    const pg = this.sources.postgres;
    if (pg) {
      visit(pg.postmasterPid, 'pg_other');
      for (const pid of childPids(pg.postmasterPid)) visit(pid, (child) => this.postgresComponent(child, pg));
    }
    if (this.sources.redisPid) visit(this.sources.redisPid, 'redis');

    const totals: Partial<Record<CpuComponent, number>> = {};
    for (const record of this.tracked.values()) {
      totals[record.component] = (totals[record.component] ?? 0) + record.last - record.baseline;
    }
    const usage = process.cpuUsage();
    const t = performance.now();
    this.samples.push({ t, totals, machineMs: machineBusyMs(), driverMs: (usage.user + usage.system) / 1000 });
    return t;
  }

  /** CPU spent between two times (performance.now() values) within the recording. */
  window(from: number, to: number): CpuWindow {
    const at = (t: number, read: (sample: Sample) => number): number => {
      const after = this.samples.findIndex((sample) => sample.t >= t);
      if (after < 0) return read(this.samples[this.samples.length - 1] as Sample);
      const next = this.samples[after] as Sample;
      const previous = this.samples[after - 1];
      if (!previous) return read(next);
      const share = (t - previous.t) / (next.t - previous.t || 1);
      return read(previous) + share * (read(next) - read(previous));
    };
    const delta = (read: (sample: Sample) => number) => Math.round(at(to, read) - at(from, read));
    const ms: CpuWindow['ms'] = {};
    const components = new Set(this.samples.flatMap((sample) => Object.keys(sample.totals) as CpuComponent[]));
    let total = 0;
    for (const component of components) {
      ms[component] = delta((sample) => sample.totals[component] ?? 0);
      total += ms[component] ?? 0;
    }
    ms.total = total;
    const driver = delta((sample) => sample.driverMs);
    const machine = delta((sample) => sample.machineMs);
    return {
      window_s: Math.round(to - from) / 1000,
      ms,
      driver_ms: driver,
      machine_busy_ms: machine,
      other_load_ms: Math.max(0, machine - total - driver),
    };
  }

  private postgresComponent(pid: number, pg: PostgresSource): CpuComponent | undefined {
    if (pg.excludePids.includes(pid)) return undefined;
    const role = classifyPostgresTitle(readCmdline(pid), pg.clusterName, pg.databases);
    if (role === 'other') return 'pg_other';
    if (role === 'backend' || (typeof role === 'object' && this.ourBackends.has(role.parallelWorkerOf))) {
      this.ourBackends.add(pid);
      return 'pg_backends';
    }
    return undefined;
  }
}

/** CPU ms per step of a window, to 0.01 ms. */
export function msPerStep(window: CpuWindow, steps: number): number {
  return Math.round(((window.ms.total ?? 0) / steps) * 100) / 100;
}
