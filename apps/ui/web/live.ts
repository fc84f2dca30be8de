import { useEffect, useState } from 'react';
import type { InvalidateQueryFilters, QueryClient } from '@tanstack/react-query';
import type { OrchestratorClient } from '@orchestrator/client';

export type LiveState = 'connecting' | 'open' | 'lost';

interface ProcessEvent {
  id: string;
  status: string;
}

/**
 * Keeps the pages current from `GET /api/events` (ENGINE.md 11.4). An EventSource cannot send the
 * credential, so each connection starts with a single-use ticket; after a lost connection it reconnects with a
 * new ticket and `lastEventId`, so that the events missed meanwhile arrive (or `reset`, and every page refetches).
 */
export function useLiveEvents(client: OrchestratorClient, queries: QueryClient): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    let source: EventSource | null = null;
    let stopped = false;
    let lastEventId: string | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = 500;
    let pendingLists: ReturnType<typeof setTimeout> | undefined;

    // An invalidation does not cancel a query's first fetch in flight (TanStack Query hands back the answer
    // already on its way, which may predate the event, and that answer then stays): cancel it first, so that
    // what a page shows is read after the event.
    const refetch = (filters?: InvalidateQueryFilters) =>
      void queries.cancelQueries(filters).then(() => queries.invalidateQueries(filters));
    // Lists refetch at most every 300 ms however many events arrive.
    const refreshLists = () => {
      pendingLists ??= setTimeout(() => {
        pendingLists = undefined;
        refetch({ queryKey: ['processes'] });
        refetch({ queryKey: ['dashboard'] });
      }, 300);
    };
    const track = (event: MessageEvent) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
    };
    const reconnectLater = () => {
      setState('lost');
      retry = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, 10_000);
    };

    const connect = async () => {
      if (stopped) return;
      try {
        const { data, response } = await client.POST('/api/events/ticket');
        if (!response.ok || !data) throw new Error(`ticket: ${response.status}`);
        if (stopped) return;
        const query = new URLSearchParams({ ticket: data.ticket });
        if (lastEventId) query.set('lastEventId', lastEventId);
        source = new EventSource(`/api/events?${query.toString()}`);
      } catch {
        reconnectLater();
        return;
      }
      source.onopen = () => {
        delay = 500;
        setState('open');
        // What the pages fetched before the stream was open (at sign-in as after a lost connection) may have
        // changed since, with no event left to say so: fetch it again.
        refetch();
      };
      source.onerror = () => {
        source?.close();
        source = null;
        if (!stopped) reconnectLater();
      };
      source.addEventListener('process', (event: MessageEvent<string>) => {
        track(event);
        const process = JSON.parse(event.data) as ProcessEvent;
        refetch({ queryKey: ['process', process.id] });
        refreshLists();
      });
      source.addEventListener('processStatusCounts', (event: MessageEvent<string>) => {
        track(event);
        queries.setQueryData(['status-counts'], JSON.parse(event.data));
      });
      source.addEventListener('engineStatus', (event: MessageEvent<string>) => {
        track(event);
        queries.setQueryData(['engine-status'], JSON.parse(event.data));
      });
      source.addEventListener('subscription', (event: MessageEvent<string>) => {
        track(event);
        refetch({ queryKey: ['subscriptions'] });
        refetch({ queryKey: ['subscription'] });
        refreshLists();
      });
      source.addEventListener('reset', (event: MessageEvent<string>) => {
        track(event);
        refetch();
      });
    };

    void connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(pendingLists);
      source?.close();
    };
  }, [client, queries]);
  return state;
}
