import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ok } from '../api-errors';
import { StatusBadge } from '../components/StatusBadge';
import { Pager } from '../components/Pager';
import { SearchBox, StatusChips } from '../components/SearchBox';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSigned } from '../context';

const STATUSES = ['initial', 'provisioning', 'active', 'disabled', 'terminated', 'migrating'];

export function SubscriptionsPage() {
  const { client } = useSigned();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const insync = params.get('insync') as 'true' | 'false' | null;
  const [cursors, setCursors] = useState<string[]>([]);
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (!value) next.delete(key);
      else next.set(key, value);
    }
    setCursors([]);
    setParams(next);
  };
  const query = {
    q: q || undefined,
    status: status || undefined,
    insync: insync ?? undefined,
    limit: 20,
    cursor: cursors.at(-1),
  };
  const list = useQuery({
    queryKey: ['subscriptions', query],
    queryFn: async () => ok(await client.GET('/api/subscriptions', { params: { query } })),
    placeholderData: (previous) => previous,
  });
  return (
    <section>
      <h1>Subscriptions</h1>
      <SearchBox
        id="subscription-q"
        query={q}
        placeholder="productName:node data.vlan>100"
        onSearch={(next) => update({ q: next })}
      />
      <div className="chips">
        <StatusChips
          statuses={STATUSES}
          chosen={status ? [status] : []}
          onToggle={(candidate) => update({ status: status === candidate ? null : candidate })}
        />
        <label>
          In sync{' '}
          <select value={insync ?? ''} onChange={(event) => update({ insync: event.target.value || null })}>
            <option value="">any</option>
            <option value="true">in sync</option>
            <option value="false">out of sync</option>
          </select>
        </label>
      </div>
      <ErrorAlert error={list.error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Description</th>
              <th>Product</th>
              <th>Status</th>
              <th>In sync</th>
              <th>Customer</th>
              <th>Start date</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((subscription) => (
              <tr key={subscription.id}>
                <td>
                  <Link to={`/subscriptions/${subscription.id}`}>{subscription.description}</Link>
                </td>
                <td>{subscription.productName}</td>
                <td>
                  <StatusBadge status={subscription.status} />
                </td>
                <td>{subscription.insync ? 'yes' : 'no'}</td>
                <td>{subscription.customerId}</td>
                <td>{subscription.startDate ? new Date(subscription.startDate).toLocaleDateString() : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={list.data} noun="subscriptions" cursors={cursors} onCursors={setCursors} />
    </section>
  );
}
