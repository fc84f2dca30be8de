import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ProcessDetail } from '@orchestrator/client';
import { errorText, fieldErrors, nextFormPage, ok } from '../api-errors';
import { ConfirmedAction } from '../components/ConfirmedAction';
import { JsonView } from '../components/JsonView';
import { SchemaForm } from '../components/SchemaForm';
import { StatusBadge } from '../components/StatusBadge';
import { Timeline } from '../components/Timeline';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSigned } from '../context';
import { hasRole } from '../session';
import { FINAL_STATUSES, RETRYABLE_STATUSES } from '../statuses';

export function ProcessDetailPage() {
  const { id = '' } = useParams();
  const { client } = useSigned();
  const process = useQuery({
    queryKey: ['process', id],
    queryFn: async () => ok(await client.GET('/api/processes/{id}', { params: { path: { id } } })),
  });
  if (process.error) return <ErrorAlert error={process.error} />;
  if (!process.data) return <p>Loading…</p>;
  return <ProcessView process={process.data} />;
}

function ProcessView({ process }: { process: ProcessDetail }) {
  const { client, session } = useSigned();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const path = { params: { path: { id: process.id } } };
  const refresh = () => void queries.invalidateQueries({ queryKey: ['process', process.id] });

  const retry = useMutation({
    mutationFn: async () => ok(await client.PUT('/api/processes/{id}/resume', path)),
    onSuccess: refresh,
  });
  const abort = useMutation({
    mutationFn: async () => ok(await client.PUT('/api/processes/{id}/abort', path)),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: async () => ok(await client.DELETE('/api/processes/{id}', path)),
    onSuccess: () => navigate('/processes?tab=tasks'),
  });
  const failure = retry.error ?? abort.error ?? remove.error;

  const operate = hasRole(session, 'operate');
  const canRetry = operate && RETRYABLE_STATUSES.includes(process.status);
  const canAbort = operate && !FINAL_STATUSES.includes(process.status);
  const canDelete = hasRole(session, 'admin') && process.isTask && FINAL_STATUSES.includes(process.status);

  return (
    <section>
      <h1>
        {process.workflowName} <StatusBadge status={process.status} />
      </h1>
      <dl className="facts">
        <dt>Process</dt>
        <dd>
          <code>{process.id}</code>
        </dd>
        <dt>Target</dt>
        <dd>{process.workflowTarget}</dd>
        <dt>Assignee</dt>
        <dd>{process.assignee}</dd>
        <dt>Started by</dt>
        <dd>{process.createdBy}</dd>
        <dt>Started</dt>
        <dd>{new Date(process.startedAt).toLocaleString()}</dd>
        <dt>Last modified</dt>
        <dd>{new Date(process.lastModifiedAt).toLocaleString()}</dd>
        <dt>Last step</dt>
        <dd>{process.lastStep ?? '—'}</dd>
        <dt>Note</dt>
        <dd>
          <NoteEditor process={process} editable={operate} />
        </dd>
      </dl>
      {process.failedReason && (
        <div className="step-error" role="group" aria-label="Failure">
          <p className="error">{process.failedReason}</p>
          {process.traceback && <pre className="traceback">{process.traceback}</pre>}
        </div>
      )}
      <div className="actions">
        {canRetry && (
          <button type="button" onClick={() => retry.mutate()} disabled={retry.isPending}>
            Retry
          </button>
        )}
        {canAbort && (
          <ConfirmedAction
            label="Abort"
            question="Abort this process? It cannot be undone."
            confirmLabel="Abort process"
            danger
            busy={abort.isPending}
            onConfirm={() => abort.mutate()}
          />
        )}
        {canDelete && (
          <ConfirmedAction
            label="Delete"
            question="Delete this task and its steps?"
            confirmLabel="Delete task"
            danger
            busy={remove.isPending}
            onConfirm={() => remove.mutate()}
          />
        )}
      </div>
      <ErrorAlert error={failure} />
      {process.status === 'suspended' && process.form && operate && (
        <SuspendedForm process={process} onDone={refresh} />
      )}
      <h2>Steps</h2>
      <Timeline steps={process.steps} />
      {process.subscriptionDeltas.length > 0 && (
        <>
          <h2>Subscriptions changed</h2>
          {process.subscriptionDeltas.map((delta) => (
            <div key={delta.subscriptionId} className="before-after">
              <h3>
                <Link to={`/subscriptions/${delta.subscriptionId}`}>{delta.subscriptionId}</Link>
              </h3>
              <JsonView value={delta.before} label="Before" />
              <JsonView value={delta.after} label="After" />
            </div>
          ))}
        </>
      )}
      <h2>Current state</h2>
      <JsonView value={process.currentState} label="Current state" />
    </section>
  );
}

function NoteEditor({ process, editable }: { process: ProcessDetail; editable: boolean }) {
  const { client } = useSigned();
  const queries = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (note: string) =>
      ok(await client.PATCH('/api/processes/{id}', { params: { path: { id: process.id } }, body: { note } })),
    onSuccess: () => {
      setDraft(null);
      return queries.invalidateQueries({ queryKey: ['process', process.id] });
    },
  });
  if (draft === null) {
    return (
      <>
        <span data-testid="note">{process.note ?? '—'}</span>{' '}
        {editable && (
          <button type="button" className="link" onClick={() => setDraft(process.note ?? '')}>
            Edit note
          </button>
        )}
      </>
    );
  }
  return (
    <form
      className="inline"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(draft);
      }}
    >
      <label htmlFor="note" className="sr-only">
        Note
      </label>
      <input id="note" value={draft} onChange={(event) => setDraft(event.target.value)} autoFocus />
      <button type="submit" disabled={save.isPending}>
        Save note
      </button>
      <button type="button" onClick={() => setDraft(null)}>
        Cancel
      </button>
      {save.error && <span className="error">{errorText(save.error)}</span>}
    </form>
  );
}

/** A suspended process's form (multi-page when the API answers 510 with the next page). */
function SuspendedForm({ process, onDone }: { process: ProcessDetail; onDone(): void }) {
  const { client } = useSigned();
  const [pages, setPages] = useState<{ answers: Record<string, unknown>[]; form: Record<string, unknown> }>({
    answers: [],
    form: process.form ?? {},
  });
  const answer = useMutation({
    mutationFn: async (value: Record<string, unknown>) => {
      const answers = [...pages.answers, value];
      const body = answers.length === 1 ? value : answers;
      try {
        ok(await client.PUT('/api/processes/{id}/resume', { params: { path: { id: process.id } }, body }));
      } catch (error) {
        const next = nextFormPage(error);
        if (!next) throw error;
        setPages({ answers, form: next.form });
        return 'next-page';
      }
      return 'done';
    },
    onSuccess: (outcome) => {
      if (outcome === 'done') onDone();
    },
  });
  return (
    <section className="form-panel" aria-label="Answer the form">
      <h2>Waiting for an answer</h2>
      <SchemaForm
        key={pages.answers.length}
        schema={pages.form}
        errors={fieldErrors(answer.error, pages.answers.length > 0)}
        submitLabel="Submit"
        busy={answer.isPending}
        onSubmit={(value) => answer.mutate(value)}
      />
      {answer.error && !fieldErrors(answer.error, false) && (
        <p role="alert" className="error">
          {errorText(answer.error)}
        </p>
      )}
    </section>
  );
}
