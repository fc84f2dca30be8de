import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorText, ok } from '../api-errors';
import { useSigned } from '../context';
import { hasRole, type Role } from '../session';

export function SettingsPage() {
  const { client, session } = useSigned();
  const queries = useQueryClient();
  const admin = hasRole(session, 'admin');
  const engine = useQuery({
    queryKey: ['engine-status'],
    queryFn: async () => ok(await client.GET('/api/settings/status')),
  });
  const workers = useQuery({
    queryKey: ['workers'],
    queryFn: async () => ok(await client.GET('/api/settings/workers')).items,
  });
  const schedules = useQuery({ queryKey: ['schedules'], queryFn: async () => ok(await client.GET('/api/schedules')) });
  const lock = useMutation({
    mutationFn: async (globalLock: boolean) => ok(await client.PUT('/api/settings/status', { body: { globalLock } })),
    onSuccess: (status) => queries.setQueryData(['engine-status'], status),
  });
  const status = engine.data?.globalStatus;
  return (
    <section>
      <h1>Settings</h1>
      <h2>Engine</h2>
      <p>
        Status: <strong data-testid="engine-status">{status ?? '…'}</strong> ({engine.data?.runningProcesses ?? 0}{' '}
        processes running)
      </p>
      {admin && status && (
        <div className="actions">
          {status === 'RUNNING' ? (
            <button type="button" onClick={() => lock.mutate(true)} disabled={lock.isPending}>
              Pause engine
            </button>
          ) : (
            <button type="button" onClick={() => lock.mutate(false)} disabled={lock.isPending}>
              Resume engine
            </button>
          )}
        </div>
      )}
      {lock.error && <p className="error">{errorText(lock.error)}</p>}
      <h2>Workers</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Worker</th>
              <th>Host</th>
              <th>PID</th>
              <th>Concurrency</th>
              <th>Steps in hand</th>
              <th>Last seen</th>
            </tr>
          </thead>
          <tbody>
            {workers.data?.map((worker) => (
              <tr key={worker.id}>
                <td>{worker.id}</td>
                <td>{worker.host}</td>
                <td>{worker.pid}</td>
                <td>{worker.concurrency}</td>
                <td>{worker.stepsInHand}</td>
                <td>{new Date(worker.lastSeenAt).toLocaleTimeString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Schedules</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Task</th>
              <th>Cron</th>
              <th>Enabled</th>
              <th>Next run</th>
              <th>Last run</th>
            </tr>
          </thead>
          <tbody>
            {schedules.data?.map((schedule) => (
              <tr key={schedule.name}>
                <td>{schedule.name}</td>
                <td>
                  <code>{schedule.cron}</code>
                </td>
                <td>{schedule.enabled ? 'yes' : 'no'}</td>
                <td>{schedule.nextRunAt ? new Date(schedule.nextRunAt).toLocaleString() : '—'}</td>
                <td>{schedule.lastRunAt ? new Date(schedule.lastRunAt).toLocaleString() : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin && <ApiKeys />}
    </section>
  );
}

function ApiKeys() {
  const { client } = useSigned();
  const queries = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: async () => ok(await client.GET('/api/api-keys')) });
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('read');
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async () => ok(await client.POST('/api/api-keys', { body: { name, role } })),
    onSuccess: (key) => {
      setCreated(key.key);
      setName('');
      return queries.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: async (id: string) => ok(await client.DELETE('/api/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate();
  };
  return (
    <>
      <h2>API keys</h2>
      <form className="inline" onSubmit={submit}>
        <label htmlFor="key-name">Name</label>
        <input id="key-name" value={name} onChange={(event) => setName(event.target.value)} required />
        <label htmlFor="key-role">Role</label>
        <select id="key-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
          <option value="read">read</option>
          <option value="operate">operate</option>
          <option value="admin">admin</option>
        </select>
        <button type="submit" disabled={create.isPending}>
          Create API key
        </button>
      </form>
      {created && (
        <p role="status">
          The new key (shown once): <code>{created}</code>
        </p>
      )}
      {(create.error ?? revoke.error) && <p className="error">{errorText(create.error ?? revoke.error)}</p>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Created by</th>
              <th>Last used</th>
              <th>Revoked</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.data?.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>{key.role}</td>
                <td>{key.createdBy}</td>
                <td>{key.lastUsedAt ? new Date(key.lastUsedAt).toLocaleString() : '—'}</td>
                <td>{key.revokedAt ? new Date(key.revokedAt).toLocaleString() : '—'}</td>
                <td>
                  {!key.revokedAt && (
                    <button type="button" className="danger" onClick={() => revoke.mutate(key.id)}>
                      Revoke {key.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
