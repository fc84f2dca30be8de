import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { errorText, ok } from '../api-errors';
import { ConfirmedAction } from '../components/ConfirmedAction';
import { JsonView } from '../components/JsonView';
import { StatusBadge } from '../components/StatusBadge';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSigned } from '../context';
import { hasRole } from '../session';

export function SubscriptionDetailPage() {
  const { id = '' } = useParams();
  const { client, session } = useSigned();
  const queries = useQueryClient();
  const path = { params: { path: { id } } };
  const subscription = useQuery({
    queryKey: ['subscription', id],
    queryFn: async () => ok(await client.GET('/api/subscriptions/{id}', path)),
  });
  const workflows = useQuery({
    queryKey: ['subscription', id, 'workflows'],
    queryFn: async () => ok(await client.GET('/api/subscriptions/{id}/workflows', path)),
  });
  const processes = useQuery({
    queryKey: ['processes', { subscriptionId: id }],
    queryFn: async () =>
      ok(await client.GET('/api/processes', { params: { query: { subscriptionId: id, limit: 50 } } })),
  });
  const setInSync = useMutation({
    mutationFn: async () => ok(await client.PUT('/api/subscriptions/{id}/set-in-sync', path)),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['subscription', id] }),
  });
  if (subscription.error) return <ErrorAlert error={subscription.error} />;
  const data = subscription.data;
  if (!data) return <p>Loading…</p>;
  return (
    <section>
      <h1>
        {data.description} <StatusBadge status={data.status} />
      </h1>
      <dl className="facts">
        <dt>Subscription</dt>
        <dd>
          <code>{data.id}</code>
        </dd>
        <dt>Product</dt>
        <dd>{data.productName}</dd>
        <dt>Customer</dt>
        <dd>{data.customerId}</dd>
        <dt>In sync</dt>
        <dd data-testid="insync">{data.insync ? 'yes' : 'no'}</dd>
        <dt>Version</dt>
        <dd>{data.version}</dd>
        <dt>Note</dt>
        <dd>{data.note ?? '—'}</dd>
      </dl>
      {!data.insync && hasRole(session, 'admin') && (
        <div className="actions">
          <ConfirmedAction
            label="Set in sync"
            question="Mark this subscription in sync without running a workflow?"
            confirmLabel="Confirm set in sync"
            busy={setInSync.isPending}
            onConfirm={() => setInSync.mutate()}
          />
          {setInSync.error && <p className="error">{errorText(setInSync.error)}</p>}
        </div>
      )}
      <h2>What can run on it now</h2>
      <ul className="workflows">
        {workflows.data?.map((workflow) => (
          <li key={workflow.name}>
            <strong>{workflow.name}</strong> <span className="muted">({workflow.target})</span>{' '}
            {workflow.canRun ? (
              hasRole(session, 'operate') && (
                <Link className="button" to={`/start?workflow=${workflow.name}&subscriptionId=${data.id}`}>
                  Start {workflow.name}
                </Link>
              )
            ) : (
              <span className="muted">cannot run: {workflow.reason?.message ?? workflow.reason?.code}</span>
            )}
          </li>
        ))}
      </ul>
      <h2>Processes on it</h2>
      <ul>
        {processes.data?.items.map((process) => (
          <li key={process.id}>
            <Link to={`/processes/${process.id}`}>{process.workflowName}</Link> <StatusBadge status={process.status} />{' '}
            {new Date(process.startedAt).toLocaleString()}
          </li>
        ))}
      </ul>
      <h2>Data</h2>
      <JsonView value={data.data} label="Subscription data" />
      <p className="muted">
        Depends on: {data.dependsOn.length ? data.dependsOn.join(', ') : 'nothing'}; in use by:{' '}
        {data.inUseBy.length ? data.inUseBy.join(', ') : 'nothing'}
      </p>
    </section>
  );
}
