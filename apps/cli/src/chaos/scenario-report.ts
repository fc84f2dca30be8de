import type { ChaosStack } from './chaos-stack';
import type { ProcessFigures } from './process-figures';

export interface ChaosSettings {
  short: boolean;
  /** Processes of the SIGKILL scenario. */
  killProcesses: number;
  /** Processes of the other process scenarios. */
  processes: number;
  /** How long the long outages last (the short ones restart at once). */
  outageMs: number;
  fuzzRequests: number;
  readers: number;
  readerProcesses: number;
  slowClients: number;
  recoveryIntervalMs: number;
  stepLeaseMs: number;
  /** How long a scenario waits for its processes once the fault is over. */
  settleMs: number;
}

export interface ScenarioContext {
  stack: ChaosStack;
  settings: ChaosSettings;
}

/** One line of the table: figures in a fixed order, and what failed (nothing: the scenario passed). */
export interface ScenarioReport {
  name: string;
  processes?: ProcessFigures;
  /** Seconds from the end of the fault until every process had completed; null: they did not; absent: no fault. */
  recoverS?: number | null;
  /** Figures of scenarios that are not about processes (fuzz, readers, slow clients), and extras. */
  other: Record<string, string | number>;
  failures: string[];
}

export interface Scenario {
  name: string;
  /** What it does, for the run's header and the README. */
  title: string;
  run(context: ScenarioContext): Promise<ScenarioReport>;
}

/** The failures every process scenario shares: nothing lost, stuck or committed twice. */
export function processFailures(figures: ProcessFigures): string[] {
  const failures: string[] = [];
  if (figures.lost > 0) failures.push(`${figures.lost} acknowledged starts have no process`);
  if (figures.stuck > 0) failures.push(`${figures.stuck} processes did not complete (${statusList(figures)})`);
  if (figures.dupSteps > 0) failures.push(`${figures.dupSteps} step rows committed twice`);
  if (figures.dupTx > 0) failures.push(`${figures.dupTx} transactional effects committed twice`);
  return failures;
}

export const statusList = (figures: ProcessFigures) =>
  Object.entries(figures.unfinishedByStatus)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ') || 'none left';

export const seconds = (ms: number) => Math.round(ms / 100) / 10;

const COLUMNS = ['scenario', 'processes', 'lost', 'stuck', 'dup steps', 'dup tx', 'dup non-tx', 'recover s', 'result'];

function cells(report: ScenarioReport, verdict: string): string[] {
  const f = report.processes;
  const n = (value: number | undefined) => (value === undefined ? '-' : String(value));
  return [
    report.name,
    n(f?.processes),
    n(f?.lost),
    n(f?.stuck),
    n(f?.dupSteps),
    n(f?.dupTx),
    n(f?.dupNonTx),
    report.recoverS === undefined ? '-' : report.recoverS === null ? 'never' : String(report.recoverS),
    verdict,
  ];
}

const otherFigures = (report: ScenarioReport) =>
  Object.entries(report.other)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');

/** The line printed when a scenario ends. */
export function reportLine(report: ScenarioReport, verdict: string): string {
  const [name, ...values] = cells(report, verdict);
  const figures = report.processes
    ? COLUMNS.slice(1, -1)
        .map((column, i) => `${column.replace(/ /g, '_')}=${values[i]}`)
        .join(' ')
    : '';
  const failures = report.failures.length > 0 ? `\n    ${report.failures.join('\n    ')}` : '';
  return `${name?.padEnd(18)} ${[figures, otherFigures(report)].filter(Boolean).join(' ')}  ${verdict}${failures}`;
}

/** The whole run as a Markdown table, for the README. */
export function reportTable(rows: { report: ScenarioReport; verdict: string }[]): string {
  const lines = [`| ${COLUMNS.join(' | ')} | other figures |`, `|${COLUMNS.map(() => ' --- |').join('')} --- |`];
  for (const { report, verdict } of rows)
    lines.push(`| ${cells(report, verdict).join(' | ')} | ${otherFigures(report)} |`);
  return lines.join('\n');
}
