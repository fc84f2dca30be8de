import { useEffect, useState } from 'react';
import type { QueryClient } from '@tanstack/react-query';
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

    // Lists refetch at most every 300 ms however many events arrive.
    const refreshLists = () => {
      pendingLists ??= setTimeout(() => {
        pendingLists = undefined;
        void queries.invalidateQueries({ queryKey: ['processes'] });
        void queries.invalidateQueries({ queryKey: ['dashboard'] });
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
        void queries.invalidateQueries();
      };
      source.onerror = () => {
        source?.close();
        source = null;
        if (!stopped) reconnectLater();
      };
      source.addEventListener('process', (event: MessageEvent<string>) => {
        track(event);
        const process = JSON.parse(event.data) as ProcessEvent;
        void queries.invalidateQueries({ queryKey: ['process', process.id] });
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
        void queries.invalidateQueries({ queryKey: ['subscriptions'] });
        void queries.invalidateQueries({ queryKey: ['subscription'] });
        refreshLists();
      });
      source.addEventListener('reset', (event: MessageEvent<string>) => {
        track(event);
        void queries.invalidateQueries();
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
