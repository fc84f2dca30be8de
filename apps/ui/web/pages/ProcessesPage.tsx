import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ok } from '../api-errors';
import { StatusBadge } from '../components/StatusBadge';
import { Pager } from '../components/Pager';
import { SearchBox, StatusChips } from '../components/SearchBox';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSigned } from '../context';
import { FINAL_STATUSES, OPEN_STATUSES } from '../statuses';

const TABS = {
  active: { label: 'Active', isTask: 'false', statuses: OPEN_STATUSES },
  completed: { label: 'Completed', isTask: 'false', statuses: FINAL_STATUSES },
  tasks: { label: 'Tasks', isTask: 'true', statuses: [...OPEN_STATUSES, ...FINAL_STATUSES] },
} as const;
type Tab = keyof typeof TABS;

const COLUMNS = [
  { field: 'workflowName', label: 'Workflow' },
  { field: 'status', label: 'Status' },
  { field: null, label: 'Last step' },
  { field: null, label: 'Started by' },
  { field: 'startedAt', label: 'Started' },
  { field: 'lastModifiedAt', label: 'Last modified' },
] as const;

const PAGE_SIZE = 20;

/** The process list: the API's search grammar (`q`), status chips, sortable columns, cursor paging, tabs. */
export function ProcessesPage() {
  const { client } = useSigned();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (params.get('tab') as Tab | null) ?? 'active';
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? 'startedAt,desc';
  const chosen = (params.get('status') ?? '').split(',').filter(Boolean);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setCursors([]);
    setParams(next);
  };
  const statuses = chosen.length > 0 ? chosen : TABS[tab].statuses;
  const query = {
    q: q || undefined,
    sort,
    status: statuses.join(','),
    isTask: TABS[tab].isTask,
    limit: PAGE_SIZE,
    cursor,
  };
  const list = useQuery({
    queryKey: ['processes', query],
    queryFn: async () => ok(await client.GET('/api/processes', { params: { query } })),
    placeholderData: (previous) => previous,
  });

  const toggle = (status: string) =>
    update({ status: (chosen.includes(status) ? chosen.filter((s) => s !== status) : [...chosen, status]).join(',') });
  const [sortField, sortDirection] = sort.split(',');

  return (
    <section>
      <h1>Processes</h1>
      <div role="tablist" aria-label="Which processes">
        {(Object.keys(TABS) as Tab[]).map((key) => (
          <button
            key={key}
            role="tab"
            type="button"
            aria-selected={tab === key}
            onClick={() => update({ tab: key, status: null })}
          >
            {TABS[key].label}
          </button>
        ))}
      </div>
      <SearchBox
        id="process-q"
        query={q}
        placeholder='workflowName:create_node status:(failed|waiting) -note:"test" startedAt>2024-01-01'
        onSearch={(next) => update({ q: next })}
      />
      <StatusChips statuses={TABS[tab].statuses} chosen={chosen} onToggle={toggle} />
      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th
                  key={column.label}
                  aria-sort={
                    column.field && sortField === column.field
                      ? sortDirection === 'asc'
                        ? 'ascending'
                        : 'descending'
                      : undefined
                  }
                >
                  {column.field ? (
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        update({
                          sort: `${column.field},${sortField === column.field && sortDirection === 'desc' ? 'asc' : 'desc'}`,
                        })
                      }
                    >
                      {column.label}
                      {sortField === column.field ? (sortDirection === 'asc' ? ' ▲' : ' ▼') : ''}
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((process) => (
              <tr key={process.id} data-process-id={process.id}>
                <td>
                  <Link to={`/processes/${process.id}`}>{process.workflowName}</Link>
                </td>
                <td>
                  <StatusBadge status={process.status} />
                </td>
                <td>{process.lastStep ?? '—'}</td>
                <td>{process.createdBy}</td>
                <td>{new Date(process.startedAt).toLocaleString()}</td>
                <td>{new Date(process.lastModifiedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={list.data} noun="processes" cursors={cursors} onCursors={setCursors} />
    </section>
  );
}
