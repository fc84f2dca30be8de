import { ChaosStack, SCHEDULED_TASK } from './chaos-stack';
import { cleanUpOnSignals, runCleanup } from './cleanup';
import { knownFault, KNOWN_FAULTS } from './known-faults';
import { reportLine, reportTable, type ChaosSettings, type Scenario, type ScenarioReport } from './scenario-report';
import { fuzz } from './scenarios/fuzz';
import { killApi } from './scenarios/kill-api';
import { killWorkers } from './scenarios/kill-workers';
import { partition } from './scenarios/partition';
import { queuePause } from './scenarios/queue-pause';
import { readers } from './scenarios/readers';
import { postgresOutage, postgresRestart, redisOutage, redisRestart } from './scenarios/service-outage';
import { slowClients } from './scenarios/slow-clients';
import { stopPastLease } from './scenarios/stop-past-lease';

const SCENARIOS: Scenario[] = [
  killWorkers,
  stopPastLease,
  redisRestart,
  redisOutage,
  postgresRestart,
  postgresOutage,
  killApi,
  queuePause,
  partition,
  fuzz,
  readers,
  slowClients,
];

const FULL: ChaosSettings = {
  short: false,
  killProcesses: 1000,
  processes: 300,
  outageMs: 60000,
  fuzzRequests: 5000,
  readers: 50,
  readerProcesses: 300,
  slowClients: 500,
  recoveryIntervalMs: 2000,
  stepLeaseMs: 10000,
  settleMs: 120000,
};

const SHORT: ChaosSettings = {
  ...FULL,
  short: true,
  killProcesses: 200,
  processes: 100,
  outageMs: 10000,
  fuzzRequests: 1000,
  readerProcesses: 100,
  settleMs: 90000,
};

function settingsFromArgs(args: string[]): { settings: ChaosSettings; scenarios: Scenario[] } {
  const short = args.includes('--short') || ['1', 'true'].includes(process.env.CHAOS_SHORT ?? '');
  const only = (args.find((arg) => arg.startsWith('--only='))?.slice(7) ?? process.env.CHAOS_ONLY ?? '')
    .split(',')
    .filter(Boolean);
  const unknown = only.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  }
  const scenarios = only.length > 0 ? SCENARIOS.filter((scenario) => only.includes(scenario.name)) : SCENARIOS;
  return { settings: short ? SHORT : FULL, scenarios };
}

/** A scenario's verdict: PASS, FAIL (a failure nobody expects) or KNOWN (only failures of KNOWN_FAULTS). */
function verdictOf(report: ScenarioReport): { verdict: string; unexpected: string[] } {
  const unexpected = report.failures.filter((failure) => !knownFault(report.name, failure));
  if (report.failures.length === 0) {
    const listed = KNOWN_FAULTS.some((fault) => fault.scenario === report.name);
    return { verdict: listed ? 'PASS (listed in known-faults.ts: remove it)' : 'PASS', unexpected };
  }
  return { verdict: unexpected.length > 0 ? 'FAIL' : 'KNOWN', unexpected };
}

/**
 * `npm run chaos` (`-- --short` for CI): the reliability scenarios of ENGINE.md section 15 against a
 * stack of the run's own; one line of figures per scenario, a table at the end; exits 1 when a figure is
 * bad for a reason that known-faults.ts does not list.
 */
async function main(): Promise<number> {
  cleanUpOnSignals();
  const { settings, scenarios } = settingsFromArgs(process.argv.slice(2));
  const stack = new ChaosStack({
    recoveryIntervalMs: settings.recoveryIntervalMs,
    stepLeaseMs: settings.stepLeaseMs,
    taskSchedule: '*/5 * * * * *',
  });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(
    `chaos: ${settings.short ? 'short' : 'full'} run; RECOVERY_INTERVAL_MS=${settings.recoveryIntervalMs} ` +
      `STEP_LEASE_MS=${settings.stepLeaseMs}; ${SCHEDULED_TASK} every 5 s; folder ${stack.dir}`,
  );
  await stack.start();
  say(
    `chaos: PostgreSQL :${stack.pg.port}, Redis :${stack.queueRedis.port} (effects :${stack.effectsRedis.port}), ` +
      `API ${stack.baseUrl}, 3 workers (worker-3 ${
        stack.workerHost ? `on worker host ${stack.workerHost.namespace}` : `here: ${stack.workerHostMissing}`
      })`,
  );
  const rows: { report: ScenarioReport; verdict: string }[] = [];
  let unexpected = 0;
  for (const scenario of scenarios) {
    const began = Date.now();
    let report: ScenarioReport;
    try {
      report = await scenario.run({ stack, settings });
    } catch (error) {
      report = { name: scenario.name, other: {}, failures: [`error: ${(error as Error).message.split('\n')[0]}`] };
      await stack
        .ensureRunning()
        .catch((again: unknown) => say(`chaos: could not bring the stack back: ${String(again)}`));
    }
    report.other.took_s = Math.round((Date.now() - began) / 1000);
    const { verdict, unexpected: bad } = verdictOf(report);
    report.failures = report.failures.map((failure) => {
      const known = knownFault(report.name, failure);
      return known ? `${failure} [known: ${known.why}]` : failure;
    });
    unexpected += bad.length;
    rows.push({ report, verdict });
    say(reportLine(report, verdict));
  }
  say('');
  say(reportTable(rows));
  say('');
  say(unexpected > 0 ? `chaos: ${unexpected} unexpected failures` : 'chaos: no unexpected failures');
  return unexpected > 0 ? 1 : 0;
}

main()
  .then(async (code) => {
    await runCleanup();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    process.stderr.write(`chaos: ${(error as Error)?.stack ?? String(error)}\n`);
    await runCleanup();
    process.exit(2);
  });
