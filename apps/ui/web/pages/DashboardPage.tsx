import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ok } from '../api-errors';
import { RateChart } from '../components/RateChart';
import { StatusBadge } from '../components/StatusBadge';
import { useSigned } from '../context';
import { perMinute, recordSample, sumSamples, type RatePoint } from '../metrics';

export function DashboardPage() {
  const { client } = useSigned();
  const counts = useQuery({
    queryKey: ['status-counts'],
    queryFn: async () => ok(await client.GET('/api/processes/status-counts')),
  });
  const engine = useQuery({
    queryKey: ['engine-status'],
    queryFn: async () => ok(await client.GET('/api/settings/status')),
  });
  const failedTasks = useQuery({
    queryKey: ['dashboard', 'failed-tasks'],
    queryFn: async () =>
      ok(await client.GET('/api/processes', { params: { query: { isTask: 'true', status: 'failed', limit: 10 } } })),
  });
  const outOfSync = useQuery({
    queryKey: ['dashboard', 'out-of-sync'],
    queryFn: async () =>
      ok(await client.GET('/api/subscriptions', { params: { query: { q: 'insync:false', limit: 10 } } })),
  });
  const workers = useQuery({
    queryKey: ['workers'],
    queryFn: async () => ok(await client.GET('/api/settings/workers')).items,
    refetchInterval: 10_000,
  });
  const [points, setPoints] = useState<RatePoint[]>([]);
  const metrics = useQuery({
    queryKey: ['metrics'],
    queryFn: async () => {
      const { data, response } = await client.GET('/api/metrics', { parseAs: 'text' });
      if (!response.ok) throw new Error(`metrics: ${response.status}`);
      return String(data);
    },
    refetchInterval: 10_000,
  });
  useEffect(() => {
    if (!metrics.data) return;
    const steps = sumSamples(metrics.data, 'orchestrator_steps_total', 'status');
    const total = [...steps.values()].reduce((a, b) => a + b, 0);
    setPoints(perMinute(recordSample({ at: Date.now(), steps: total, failures: steps.get('failed') ?? 0 })));
  }, [metrics.data]);
  const queue = metrics.data ? sumSamples(metrics.data, 'orchestrator_queue_jobs', 'state') : null;

  return (
    <section className="dashboard">
      <h1>Dashboard</h1>
      <div className="cards">
        <article className="card" aria-label="Processes by status">
          <h2>Processes</h2>
          <Counts counts={counts.data?.processCounts} isTask={false} />
        </article>
        <article className="card" aria-label="Tasks by status">
          <h2>Tasks</h2>
          <Counts counts={counts.data?.taskCounts} isTask />
        </article>
        <article className="card" aria-label="Engine">
          <h2>Engine</h2>
          <p>
            <strong data-testid="engine-status">{engine.data?.globalStatus ?? '…'}</strong>,{' '}
            {engine.data?.runningProcesses ?? 0} running
          </p>
          <p>
            Workers: <strong>{workers.data?.length ?? '…'}</strong> (
            {workers.data?.reduce((sum, worker) => sum + worker.stepsInHand, 0) ?? 0} steps in hand)
          </p>
          <p>
            Queue:{' '}
            {queue ? [...queue.entries()].map(([state, value]) => `${state} ${value}`).join(', ') || 'empty' : '…'}
          </p>
        </article>
      </div>
      <article className="card wide" aria-label="Steps per minute">
        <h2>Steps and failures per minute</h2>
        <RateChart points={points} />
      </article>
      <div className="cards">
        <article className="card" aria-label="Failed tasks">
          <h2>Failed tasks ({failedTasks.data?.total ?? '…'})</h2>
          <ul>
            {failedTasks.data?.items.map((task) => (
              <li key={task.id}>
                <Link to={`/processes/${task.id}`}>{task.workflowName}</Link> <StatusBadge status={task.status} />{' '}
                {task.failedReason}
              </li>
            ))}
          </ul>
        </article>
        <article className="card" aria-label="Out-of-sync subscriptions">
          <h2>Out of sync ({outOfSync.data?.total ?? '…'})</h2>
          <ul>
            {outOfSync.data?.items.map((subscription) => (
              <li key={subscription.id}>
                <Link to={`/subscriptions/${subscription.id}`}>{subscription.description}</Link> ({subscription.status})
              </li>
            ))}
          </ul>
        </article>
      </div>
    </section>
  );
}

function Counts({ counts, isTask }: { counts: Record<string, number> | undefined; isTask: boolean }) {
  if (!counts) return <p>…</p>;
  const entries = Object.entries(counts).filter(([, count]) => count > 0);
  if (entries.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="counts">
      {entries.map(([status, count]) => (
        <li key={status}>
          <Link
            to={`/processes?tab=${isTask ? 'tasks' : status === 'completed' || status === 'aborted' ? 'completed' : 'active'}&status=${status}`}
          >
            <StatusBadge status={status} />{' '}
            <span data-testid={`count-${isTask ? 'task' : 'process'}-${status}`}>{count}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
