import type { Command } from 'commander';
import { expectOk, type ExecutedStep, type ProcessListItem } from '@orchestrator/client';
import { apiConnection } from './api-connection';
import { followProcess } from './follow-process';
import { note, out, progress, shortTime, table } from './output';

interface FilterOptions {
  q?: string;
  status?: string;
  workflow?: string;
}

const stepLine = (step: ExecutedStep) =>
  `${shortTime(step.completedAt ?? step.startedAt)}  ${step.status.padEnd(17)} ${step.name}${step.error ? `: ${String(step.error.message ?? '')}` : ''}`;

function filterQuery(options: FilterOptions) {
  return {
    ...(options.q ? { q: options.q } : {}),
    ...(options.status ? { status: options.status } : {}),
    ...(options.workflow ? { workflowName: options.workflow } : {}),
  };
}

/** `processes list|show|resume|abort|wait`, over the typed client (ORCHESTRATOR_URL, ORCHESTRATOR_API_KEY). */
export function registerProcessCommands(program: Command): void {
  const processes = program.command('processes').description('find, inspect, resume, abort and follow processes');

  processes
    .command('list')
    .description('list processes (newest first): --q in the search syntax, --sort field,asc|desc')
    .option('-q, --q <query>', 'a search query, e.g. "workflowName:create_node status:failed"')
    .option('-s, --status <statuses>', 'statuses, comma-separated')
    .option('-w, --workflow <name>', 'a workflow name')
    .option('--sort <sort>', 'startedAt, lastModifiedAt, workflowName or status, then ,asc or ,desc')
    .option('-n, --limit <n>', 'items per page (1-500)', '20')
    .option('--cursor <cursor>', 'the cursor the previous page printed')
    .option('--json', 'the page as JSON')
    .action(async (options: FilterOptions & { sort?: string; limit: string; cursor?: string; json?: boolean }) => {
      const { client } = apiConnection();
      const page = expectOk(
        await client.GET('/api/processes', {
          params: {
            query: {
              ...filterQuery(options),
              limit: Number(options.limit),
              ...(options.sort ? { sort: options.sort } : {}),
              ...(options.cursor ? { cursor: options.cursor } : {}),
            },
          },
        }),
      );
      if (options.json) return out(JSON.stringify(page, null, 2));
      const rows = page.items.map((item: ProcessListItem) => [
        item.id,
        item.workflowName,
        item.status,
        item.lastStep ?? '-',
        item.createdBy,
        shortTime(String(item.startedAt)),
      ]);
      out(table([['ID', 'WORKFLOW', 'STATUS', 'LAST STEP', 'BY', 'STARTED'], ...rows]));
      note(`${page.items.length} of ${page.totalIsEstimate ? 'more than ' : ''}${page.total}`);
      if (page.nextCursor) note(`next page: --cursor ${page.nextCursor}`);
    });

  processes
    .command('show <id>')
    .description('a process with its steps and what each changed')
    .option('--json', 'the detail as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const { client } = apiConnection();
      const detail = expectOk(await client.GET('/api/processes/{id}', { params: { path: { id } } }));
      if (options.json) return out(JSON.stringify(detail, null, 2));
      out(
        `${detail.id}  ${detail.workflowName}  ${detail.status}${detail.failedReason ? `: ${detail.failedReason}` : ''}`,
      );
      out(
        `started ${shortTime(String(detail.startedAt))} by ${detail.createdBy}${detail.note ? `; note: ${detail.note}` : ''}`,
      );
      for (const step of detail.steps) {
        if (step.status === 'pending') out(`                     pending           ${step.name}`);
        else {
          out(stepLine(step));
          const { added, changed, removed } = step.stateDelta;
          const keys = [
            ...Object.keys(added).map((key) => `+${key}`),
            ...Object.keys(changed).map((key) => `~${key}`),
            ...Object.keys(removed).map((key) => `-${key}`),
          ];
          if (keys.length > 0) out(`                                       ${keys.join(' ')}`);
        }
      }
    });

  processes
    .command('wait <id>')
    .description('follow a process until it settles, showing each step as it completes (exit 0 when completed)')
    .action(async (id: string) => {
      const detail = await followProcess(apiConnection(), id, {
        onStep: (step) => out(stepLine(step)),
        onMode: (mode) => note(mode === 'live' ? 'following the live events' : 'polling (no live events here)'),
      });
      note(`process ${id} is ${detail.status}`);
      process.exitCode = detail.status === 'completed' ? 0 : 2;
    });

  for (const action of ['resume', 'abort'] as const) {
    processes
      .command(`${action} [id]`)
      .description(`${action} a process, or (without an id) every process a filter lists: --q and/or --status`)
      .option('-q, --q <query>', 'a search query (bulk)')
      .option('-s, --status <statuses>', 'statuses, comma-separated (bulk)')
      .option('-w, --workflow <name>', 'a workflow name (bulk)')
      .action(async (id: string | undefined, options: FilterOptions) => {
        const { client } = apiConnection();
        if (id) {
          const call =
            action === 'resume'
              ? client.PUT('/api/processes/{id}/resume', { params: { path: { id } } })
              : client.PUT('/api/processes/{id}/abort', { params: { path: { id } } });
          expectOk(await call);
          return out(`process ${id}: ${action === 'resume' ? 'resumed' : 'aborted'}`);
        }
        const filter = filterQuery(options);
        const matching = expectOk(await client.GET('/api/processes', { params: { query: { ...filter, limit: 1 } } }));
        note(`${matching.totalIsEstimate ? 'more than ' : ''}${matching.total} processes match; ${action} each...`);
        const working = progress(`${action}:`);
        try {
          const status = options.status?.split(',').map((part) => part.trim()) as
            ProcessListItem['status'][] | undefined;
          const outcome = expectOk(
            await client.POST('/api/processes/bulk', {
              body: {
                action,
                ...(options.q ? { q: options.q } : {}),
                ...(status ? { status } : {}),
                ...(options.workflow ? { workflowName: options.workflow } : {}),
              },
            }),
          );
          working.stop();
          out(`${action}: ${outcome.done} of ${outcome.matched} done, ${outcome.refused.length} refused`);
          for (const refused of outcome.refused) out(`  ${refused.id}  ${refused.code}  ${refused.message}`);
          if (outcome.refused.length > 0) process.exitCode = 2;
        } finally {
          working.stop();
        }
      });
  }
}
