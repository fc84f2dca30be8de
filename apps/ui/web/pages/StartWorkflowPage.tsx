import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorText, fieldErrors, nextFormPage, ok } from '../api-errors';
import { SchemaForm } from '../components/SchemaForm';
import { useSigned } from '../context';
import { hasRole } from '../session';

/** Pick a workflow, fill its form (page by page when the API answers 510), land on the new process. */
export function StartWorkflowPage() {
  const { client, session } = useSigned();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('workflow') ?? '';
  const subscriptionId = params.get('subscriptionId');
  const workflows = useQuery({
    queryKey: ['workflows'],
    queryFn: async () => ok(await client.GET('/api/workflows')),
  });
  const workflow = workflows.data?.find((candidate) => candidate.name === chosen);
  const [pages, setPages] = useState<{ answers: Record<string, unknown>[]; form: Record<string, unknown> | null }>({
    answers: [],
    form: null,
  });
  const form = pages.form ?? workflow?.inputSchema ?? { type: 'object', properties: {} };

  const start = useMutation({
    mutationFn: async (value: Record<string, unknown>) => {
      const answer = subscriptionId && pages.answers.length === 0 ? { ...value, subscriptionId } : value;
      const answers = [...pages.answers, answer];
      try {
        const created = ok(
          await client.POST('/api/processes/{workflowName}', {
            params: { path: { workflowName: chosen } },
            body: answers.length === 1 ? answer : answers,
          }),
        );
        return created.id;
      } catch (error) {
        const next = nextFormPage(error);
        if (!next) throw error;
        setPages({ answers, form: next.form });
        return null;
      }
    },
    onSuccess: (id) => {
      if (id) void navigate(`/processes/${id}`);
    },
  });

  if (!hasRole(session, 'operate')) return <p>Starting a workflow needs the operate role.</p>;
  return (
    <section>
      <h1>Start a workflow</h1>
      <label htmlFor="workflow">Workflow</label>
      <select
        id="workflow"
        value={chosen}
        onChange={(event) => {
          setPages({ answers: [], form: null });
          start.reset();
          const next = new URLSearchParams(params);
          next.set('workflow', event.target.value);
          setParams(next);
        }}
      >
        <option value="">Choose…</option>
        {workflows.data?.map((candidate) => (
          <option key={candidate.name} value={candidate.name}>
            {candidate.name}
            {candidate.isTask ? ' (task)' : ''}
          </option>
        ))}
      </select>
      {workflow && (
        <>
          <p className="muted">{workflow.description}</p>
          {subscriptionId && (
            <p>
              On subscription <code>{subscriptionId}</code>
            </p>
          )}
          {pages.answers.length > 0 && <p>Page {pages.answers.length + 1}</p>}
          <SchemaForm
            key={`${chosen}-${pages.answers.length}`}
            schema={form}
            errors={fieldErrors(start.error, pages.answers.length > 0)}
            submitLabel="Start"
            initial={subscriptionId && pages.answers.length === 0 ? { subscriptionId } : undefined}
            busy={start.isPending}
            onSubmit={(value) => start.mutate(value)}
          />
        </>
      )}
      {start.error && !fieldErrors(start.error, false) && (
        <p role="alert" className="error">
          {errorText(start.error)}
        </p>
      )}
    </section>
  );
}
