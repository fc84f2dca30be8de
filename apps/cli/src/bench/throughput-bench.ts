import { BENCH_STEPS } from './bench-workflows';
import { DbosPeer } from './dbos-peer';
import { batchedStepFloor } from './batched-step-floor';
import { bullmqFloor, postgresStepFloor, type FloorResult } from './floors';
import { startHorizontalStack } from './horizontal-stack';
import { databaseName, withDatabase } from './local-services';
import { OrchestratorUnderTest, type StackSettings } from './orchestrator-run';
import { appOverrides, type BenchSettings } from './settings';
import { median, ratio } from './stats';

export type Print = (line: object) => void;

type Run = Awaited<ReturnType<OrchestratorUnderTest['run']>>;
interface StackFigures {
  throughput: Run;
  serial?: Run;
}
type PeerLine = Awaited<ReturnType<DbosPeer['run']>>;

/**
 * `npm run bench`: the floors, the DBOS peer (BENCH_DBOS=1) right before and after the orchestrator, the
 * orchestrator end to end for each BENCH_WORKERS count, the same with the workers on BENCH_HOSTS network
 * namespaces, and a summary line of the ratios. One JSON line per figure group.
 */
export async function throughputBench(s: BenchSettings, print: Print): Promise<void> {
  const queueFloor = s.BENCH_FLOORS
    ? await bullmqFloor(s.REDIS_URL, s.BENCH_WORKFLOWS, BENCH_STEPS, s.BENCH_CONCURRENCY)
    : undefined;
  if (queueFloor) print(queueFloor);
  const dbFloor = s.BENCH_FLOORS
    ? await postgresStepFloor(withDatabase(s.BENCH_DATABASE_URL, 'postgres'), 8, 5)
    : undefined;
  if (dbFloor) print(dbFloor);
  // The ceiling of a design the orchestrator does not have (several processes' steps in one transaction).
  if (s.BENCH_FLOORS) {
    for (const perTransaction of [1, 8]) {
      print(await batchedStepFloor(withDatabase(s.BENCH_DATABASE_URL, 'postgres'), 8, 5, perTransaction));
    }
  }

  const peer = s.BENCH_DBOS ? await preparedPeer(s, print) : undefined;
  const peerLines: PeerLine[] = [];
  const runPeer = async (position: 'before' | 'after') => {
    if (!peer) return;
    const line = await peer
      .run(position)
      .catch((error: unknown) => ({ config: 'peer-dbos', position, error: String(error) }));
    print(line);
    if ('steps_per_s' in line) peerLines.push(line);
  };

  try {
    await runPeer('before');
    const single = new Map<number, StackFigures>();
    for (const workers of s.BENCH_WORKERS) {
      const orchestrator = new OrchestratorUnderTest(stackSettings(s, workers));
      try {
        await orchestrator.start();
        single.set(
          workers,
          await measureStack(orchestrator, s, { config: 'orchestrator', workers }, queueFloor, dbFloor, print),
        );
      } finally {
        await orchestrator.stop();
      }
    }
    let horizontal: StackFigures | undefined;
    const workers = s.BENCH_WORKERS[0] as number;
    if (s.BENCH_HOSTS >= 2) {
      const stack = await startHorizontalStack(stackSettings(s, workers), s.BENCH_HOSTS);
      try {
        horizontal = await measureStack(
          stack.orchestrator,
          s,
          { config: 'orchestrator-horizontal', workers, hosts: stack.hosts.length },
          queueFloor,
          dbFloor,
          print,
        );
      } finally {
        await stack.stop();
      }
    }
    await runPeer('after');
    print(summary(s, single.get(workers), horizontal, peerLines, dbFloor));
  } finally {
    peer?.cleanUp();
  }
}

async function preparedPeer(s: BenchSettings, print: Print): Promise<DbosPeer | undefined> {
  const peer = new DbosPeer({
    peerDir: s.BENCH_DBOS_DIR,
    databaseUrl: s.BENCH_DATABASE_URL,
    database: `${databaseName(s.BENCH_DATABASE_URL)}_dbos`,
    workflows: s.BENCH_WORKFLOWS,
    concurrency: s.BENCH_CONCURRENCY,
    // The orchestrator's warm-up is one unmeasured run of the same size.
    warmUp: s.BENCH_WORKFLOWS,
    steps: BENCH_STEPS,
    cpuSampleMs: s.BENCH_CPU_SAMPLE_MS,
  });
  try {
    await peer.prepare();
    return peer;
  } catch (error) {
    peer.cleanUp();
    print({ config: 'peer-dbos', error: String(error) });
    return undefined;
  }
}

function stackSettings(s: BenchSettings, workers: number): StackSettings {
  return {
    databaseUrl: s.BENCH_DATABASE_URL,
    redisUrl: s.REDIS_URL,
    port: s.BENCH_PORT,
    workers,
    warmUp: { workflows: s.BENCH_WORKFLOWS, concurrency: s.BENCH_CONCURRENCY },
    profileDir: s.BENCH_PROFILE_DIR,
    env: appOverrides(process.env),
    cpuSampleMs: s.BENCH_CPU_SAMPLE_MS,
  };
}

/** The saturation line (median of BENCH_REPEAT runs) and the serial line of one running stack. */
async function measureStack(
  orchestrator: OrchestratorUnderTest,
  s: BenchSettings,
  shape: { config: string; workers: number; hosts?: number },
  queueFloor: FloorResult | undefined,
  dbFloor: FloorResult | undefined,
  print: Print,
): Promise<StackFigures> {
  const head = {
    api_processes: 1,
    worker_processes: shape.workers,
    ...(shape.hosts ? { worker_hosts: shape.hosts } : {}),
    steps: BENCH_STEPS,
  };
  const runs: Run[] = [];
  for (let i = 0; i < s.BENCH_REPEAT; i++) {
    runs.push(await orchestrator.run({ workflows: s.BENCH_WORKFLOWS, concurrency: s.BENCH_CONCURRENCY }));
  }
  const throughput = median(runs, (run) => run.steps_per_s);
  print({
    config: shape.config,
    ...head,
    concurrency: s.BENCH_CONCURRENCY,
    ...throughput,
    runs_steps_per_s: runs.map((run) => run.steps_per_s),
    runs_cpu_ms_per_step: runs.map((run) => run.cpu_ms_per_step),
    peak_worker_mb: orchestrator.peakWorkerMemoryMb(),
    ratio_to_bullmq_floor: queueFloor ? ratio(throughput.steps_per_s, queueFloor.steps_per_s) : null,
    ratio_to_pg_floor: dbFloor ? ratio(throughput.steps_per_s, dbFloor.steps_per_s) : null,
  });
  if (s.BENCH_SERIAL_WORKFLOWS === 0) return { throughput };
  const serial = await orchestrator.run({ workflows: s.BENCH_SERIAL_WORKFLOWS, concurrency: 1, serial: true });
  print({
    config: `${shape.config}-serial`,
    ...head,
    concurrency: 1,
    ...serial,
    peak_worker_mb: orchestrator.peakWorkerMemoryMb(),
    ratio_step_p50_to_pg_floor_p50: dbFloor ? ratio(serial.step_p50_ms, Number(dbFloor.tx_p50_ms)) : null,
  });
  return { throughput, serial };
}

/** The figures the performance targets are stated in, for the first BENCH_WORKERS count. */
function summary(
  s: BenchSettings,
  single: StackFigures | undefined,
  horizontal: StackFigures | undefined,
  peers: PeerLine[],
  dbFloor: FloorResult | undefined,
) {
  const ours = single?.throughput;
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);
  const dbosThroughput = mean(peers.map((line) => line.steps_per_s));
  const dbosCpu = mean(peers.map((line) => line.cpu_ms_per_step));
  const known = (value: number) => (Number.isFinite(value) ? value : null);
  return {
    config: 'summary',
    worker_processes: s.BENCH_WORKERS[0],
    steps_per_s: ours?.steps_per_s ?? null,
    dbos_steps_per_s: peers.map((line) => line.steps_per_s),
    ratio_to_dbos: ours && peers.length ? ratio(ours.steps_per_s, dbosThroughput) : null,
    ratio_to_pg_floor: ours && dbFloor ? ratio(ours.steps_per_s, dbFloor.steps_per_s) : null,
    serial_step_p50_ms: single?.serial?.step_p50_ms ?? null,
    serial_start_p50_ms: single?.serial?.start_p50_ms ?? null,
    cpu_ms_per_step: ours?.cpu_ms_per_step ?? null,
    dbos_cpu_ms_per_step: known(Math.round(dbosCpu * 100) / 100),
    cpu_ratio_to_dbos: ours && peers.length ? ratio(ours.cpu_ms_per_step, dbosCpu) : null,
    horizontal_steps_per_s: horizontal?.throughput.steps_per_s ?? null,
    ratio_horizontal_to_single_host:
      horizontal && ours ? ratio(horizontal.throughput.steps_per_s, ours.steps_per_s) : null,
  };
}
