import { connect } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { defineProduct, defineWorkflow, inputStep, step } from '@orchestrator/engine';
import { EventPublisher, eventKeys } from '@orchestrator/events';
import { createRedisConnection } from '@orchestrator/queue';
import {
  openEventStream,
  processWhen,
  startedProcess,
  startTestStack,
  waitFor,
  type ApiReplica,
  type EventStreamReader,
  type ReceivedEvent,
  type TestStack,
} from '@orchestrator/test-stack';

// ENGINE.md 11.4 against the real services: two API replicas, two workers.

const part = defineProduct({
  name: 'part',
  productType: 'Part',
  tag: 'PRT',
  description: 'a part',
  data: z.object({ label: z.string() }),
  workflows: [],
});

const workflows = [
  defineWorkflow({
    name: 'events_three_steps',
    target: 'SYSTEM',
    description: 'three steps',
    steps: [step('One', () => ({ one: 1 })), step('Two', () => ({ two: 2 })), step('Three', () => ({ three: 3 }))],
  }),
  defineWorkflow({
    name: 'events_asks',
    target: 'SYSTEM',
    description: 'waits for an answer',
    steps: [inputStep('Confirm', { form: z.object({ ok: z.boolean() }) }), step('After', () => ({}))],
  }),
  defineWorkflow({
    name: 'events_makes_part',
    target: 'SYSTEM',
    description: 'creates a subscription',
    steps: [
      step('Make', async (_state, ctx) => {
        const made = await ctx.subscriptions.create({
          productName: 'part',
          customerId: 'acme',
          description: 'a part',
          data: { label: 'p' },
        });
        return { subscriptionId: made.id };
      }),
    ],
  }),
  defineWorkflow({
    name: 'events_task',
    target: 'SYSTEM',
    description: 'a task',
    isTask: true,
    steps: [step('Tidy', () => ({}))],
  }),
];

const processEvents = (reader: EventStreamReader, id: string) =>
  reader.events.filter((e) => e.event === 'process' && (JSON.parse(e.data) as { id: string }).id === id);
const dataOf = (event: ReceivedEvent) => JSON.parse(event.data) as Record<string, unknown>;

describe('live events', () => {
  let stack: TestStack;
  let replica: ApiReplica;
  const readers: EventStreamReader[] = [];
  const open = async (base: string, query = '', headers: Record<string, string> = {}) => {
    const reader = await openEventStream(`${base}/api/events${query}`, { ...stack.adminHeaders, ...headers });
    readers.push(reader);
    return reader;
  };

  beforeAll(async () => {
    stack = await startTestStack({ workflows, products: [part], api: { liveEvents: { keepAliveMs: 200 } } });
    replica = await stack.startApi({ liveEvents: { keepAliveMs: 200, maxBufferedBytes: 1024 * 1024 } });
    await stack.startWorker();
    await stack.startWorker();
  });
  afterEach(() => {
    for (const reader of readers.splice(0)) reader.close();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reach a client of one replica for a process started on the other, each after its change committed, in order', async () => {
    const reader = await open(replica.baseUrl);
    expect(reader.status).toBe(200);
    expect(reader.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const id = await startedProcess(stack, 'events_three_steps');
    const completed = await reader.next(
      (e) => e.event === 'process' && dataOf(e).id === id && dataOf(e).status === 'completed',
      'the completed event',
    );
    // Sent after the commit: the process reads as completed at once.
    const detail = await stack.request('GET', `/api/processes/${id}`);
    expect(detail.body.status).toBe('completed');
    expect(dataOf(completed)).toEqual({
      id,
      workflowName: 'events_three_steps',
      status: 'completed',
      lastStep: 'Done',
      lastModifiedAt: detail.body.lastModifiedAt,
    });
    // One event per commit, in the order of the steps (a last step and Done may commit together).
    const seen = processEvents(reader, id).map((e) => [dataOf(e).status, dataOf(e).lastStep]);
    expect(seen[0]).toEqual(['created', null]);
    expect(seen[1]).toEqual(['running', 'Start']);
    expect(seen[seen.length - 1]).toEqual(['completed', 'Done']);
    expect(
      inStepOrder(
        seen.map(([, lastStep]) => lastStep as string | null),
        [null, 'Start', 'One', 'Two', 'Three', 'Done'],
      ),
    ).toBe(true);
    const ids = processEvents(reader, id).map((e) => e.id ?? '');
    expect(ids.every((value) => /^[0-9a-f]+:\d+-\d+$/.test(value))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tell of resumes, answers, aborts and deletions made on either replica', async () => {
    const reader = await open(stack.baseUrl);
    const asking = await startedProcess(stack, 'events_asks');
    await processWhen(stack, asking, 'suspended');
    expect((await replica.request('PUT', `/api/processes/${asking}/resume`, { ok: true })).status).toBe(204);
    await reader.next(
      (e) => e.event === 'process' && dataOf(e).id === asking && dataOf(e).status === 'completed',
      'done',
    );
    const statuses = processEvents(reader, asking).map((e) => dataOf(e).status);
    expect(statuses.slice(0, 4)).toEqual(['created', 'running', 'suspended', 'resumed']);
    expect(statuses[statuses.length - 1]).toBe('completed');

    const aborted = await startedProcess(stack, 'events_asks');
    await processWhen(stack, aborted, 'suspended');
    expect((await replica.request('PUT', `/api/processes/${aborted}/abort`)).status).toBe(204);
    const abortEvent = await reader.next(
      (e) => e.event === 'process' && dataOf(e).id === aborted && dataOf(e).status === 'aborted',
      'the abort',
    );
    expect(dataOf(abortEvent).lastStep).toBe('User Aborted');

    const task = await startedProcess(stack, 'events_task');
    await processWhen(stack, task, 'completed');
    expect((await replica.request('DELETE', `/api/processes/${task}`)).status).toBe(204);
    const deleted = await reader.next((e) => e.event === 'process' && dataOf(e).deleted === true, 'the deletion');
    expect(dataOf(deleted)).toMatchObject({
      id: task,
      workflowName: 'events_task',
      status: 'completed',
      deleted: true,
    });
  });

  it('send subscription changes, status counts and the engine status', async () => {
    const reader = await open(replica.baseUrl);
    const id = await startedProcess(stack, 'events_makes_part');
    const done = await processWhen(stack, id, 'completed');
    const subscriptionId = (done.currentState as { subscriptionId: string }).subscriptionId;
    const made = await reader.next(
      (e) => e.event === 'subscription' && dataOf(e).id === subscriptionId,
      'the subscription event',
    );
    expect(dataOf(made)).toEqual({ id: subscriptionId, status: 'initial', insync: false, version: 1 });

    // Nothing else runs now, so the counts the API answers are final; an event must come to say the same
    // (an earlier one may still show this test's process running).
    const expected = (await stack.request('GET', '/api/processes/status-counts')).body as Record<string, unknown>;
    expect(expected.processCounts).toMatchObject({ completed: expect.any(Number) });
    const counts = await reader.next(
      (e) => e.event === 'processStatusCounts' && isDeepStrictEqual(dataOf(e), expected),
      "status counts equal to the API's",
    );
    expect(dataOf(counts)).toEqual(expected);

    expect((await stack.request('PUT', '/api/settings/status', { globalLock: true })).status).toBe(200);
    const paused = await reader.next((e) => e.event === 'engineStatus' && dataOf(e).globalLock === true, 'pause');
    expect(dataOf(paused)).toMatchObject({ globalLock: true });
    await stack.request('PUT', '/api/settings/status', { globalLock: false });
    await reader.next((e) => e.event === 'engineStatus' && dataOf(e).globalStatus === 'RUNNING', 'unpause');
  });

  it('narrow to one process with ?processId=', async () => {
    const first = await startedProcess(stack, 'events_asks');
    const reader = await open(replica.baseUrl, `?processId=${first}`);
    const other = await startedProcess(stack, 'events_three_steps');
    await processWhen(stack, other, 'completed');
    await stack.request('PUT', `/api/processes/${first}/abort`);
    await reader.next((e) => dataOf(e).status === 'aborted', 'the abort of the watched process');
    expect(reader.events.every((e) => e.event === 'process' && dataOf(e).id === first)).toBe(true);
  });

  it('replay what a reconnecting client missed after its Last-Event-ID, and nothing before it', async () => {
    const first = await open(stack.baseUrl);
    const before = await startedProcess(stack, 'events_three_steps');
    const last = await first.next(
      (e) => e.event === 'process' && dataOf(e).id === before && dataOf(e).status === 'completed',
      'the first process to complete',
    );
    first.close();
    const missed = await startedProcess(stack, 'events_three_steps');
    await processWhen(stack, missed, 'completed');

    const again = await open(replica.baseUrl, '', { 'last-event-id': last.id ?? '' });
    await again.next(
      (e) => e.event === 'process' && dataOf(e).id === missed && dataOf(e).status === 'completed',
      'missed',
    );
    const replayed = processEvents(again, missed).map((e) => dataOf(e));
    expect(replayed[0]).toMatchObject({ status: 'created' });
    expect(replayed[replayed.length - 1]).toMatchObject({ status: 'completed' });
    expect(
      inStepOrder(
        replayed.map((e) => e.lastStep as string | null),
        [null, 'Start', 'One', 'Two', 'Three', 'Done'],
      ),
    ).toBe(true);
    expect(processEvents(again, before)).toEqual([]);
  });

  it('answer event: reset when what the client missed is gone, or its id is not of this stream', async () => {
    const stale = await open(stack.baseUrl, '', { 'last-event-id': 'ffff:1-0' });
    const reset = await stale.next((e) => e.event === 'reset', 'a reset');
    expect(reset.id).toMatch(/^[0-9a-f]+:\d+-\d+$/);

    // Trim the history past an id a client still holds.
    const reader = await open(stack.baseUrl);
    const id = await startedProcess(stack, 'events_three_steps');
    const held = await reader.next((e) => e.event === 'process' && dataOf(e).id === id, 'an event');
    await processWhen(stack, id, 'completed');
    const redis = createRedisConnection(stack.config.redisUrl, 'test-trim');
    try {
      await redis.call('XTRIM', eventKeys(stack.config.queuePrefix).stream, 'MAXLEN', '0');
    } finally {
      redis.disconnect();
    }
    const late = await open(replica.baseUrl, '', { 'last-event-id': held.id ?? '' });
    await late.next((e) => e.event === 'reset', 'a reset after the trim');
  });

  // A browser refetches what its pages show when its stream opens (apps/ui live.ts): an event appended right
  // after the answer's headers must reach it, also when that client is the one that starts the replica's feed.
  it('deliver every event appended after the stream opened, to the first client of a replica too', async () => {
    const redis = createRedisConnection(stack.config.redisUrl, 'test-opened');
    const publisher = new EventPublisher(redis, stack.config.queuePrefix, stack.booted.logger);
    try {
      for (let round = 0; round < 5; round += 1) {
        const fresh = await stack.startApi({ liveEvents: { keepAliveMs: 200 } });
        const reader = await open(fresh.baseUrl);
        const marker = `opened-${round}`;
        publisher.publish({
          type: 'process',
          data: {
            id: '00000000-0000-4000-8000-000000000001',
            workflowName: 'events_three_steps',
            status: 'running',
            lastStep: marker,
            lastModifiedAt: new Date().toISOString(),
          },
        });
        await reader.next((e) => e.event === 'process' && dataOf(e).lastStep === marker, `the event ${marker}`);
        reader.close();
      }
    } finally {
      redis.disconnect();
    }
  });

  it('keep the connection open with a comment line', async () => {
    const reader = await open(replica.baseUrl);
    await waitFor(() => reader.comments() >= 2, { what: 'two keep-alive comments' });
  });

  it('give EventSource a single-use ticket', async () => {
    const issued = await stack.request('POST', '/api/events/ticket', undefined, { 'x-user': 'noc-screen' });
    expect(issued.status).toBe(201);
    expect(issued.body.ticket).toMatch(/^evt_/);
    expect(Date.parse(issued.body.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    const reader = await open(replica.baseUrl, `?ticket=${issued.body.ticket}`);
    expect(reader.status).toBe(200);

    const reused = await replica.request('GET', `/api/events?ticket=${issued.body.ticket}`);
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('UNAUTHENTICATED');
    expect((await replica.request('GET', '/api/events?ticket=evt_forged')).status).toBe(401);
    const badId = await replica.request('GET', '/api/events?processId=nope');
    expect(badId.status).toBe(400);
    expect(badId.body.error.details).toEqual([{ path: 'processId', message: 'must be a process id (a UUID)' }]);
    expect((await replica.request('GET', '/api/events?since=yesterday')).status).toBe(400);
  });

  it('cut off a client that does not read, and keep serving the others', async () => {
    const reading = await open(replica.baseUrl);
    // A client that sends its request and never reads a byte of the answer.
    const silent = connect(replica.server.port, '127.0.0.1');
    silent.on('error', () => undefined);
    silent.write(
      `GET /api/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${stack.adminHeaders.authorization}\r\nAccept: text/event-stream\r\n\r\n`,
    );
    silent.pause();
    await waitFor(() => replica.server.liveEventClients === 2, { what: 'both clients connected' });
    const redis = createRedisConnection(stack.config.redisUrl, 'test-flood');
    const publisher = new EventPublisher(redis, stack.config.queuePrefix, stack.booted.logger);
    const padding = 'x'.repeat(300);
    let published = 0;
    // Batches of about 350 kB, each read to its end by the reading client before the next one goes out: a
    // client that reads is never far behind (it shares this process with the replica, so on a busy machine
    // one flood at once could put it more than the 1 MB behind that cuts a client off), the silent one falls
    // further behind with every batch until its socket's buffers are full and it is cut off.
    const publishBatch = async () => {
      for (let i = 0; i < 1000; i += 1) {
        publisher.publish({
          type: 'process',
          data: {
            id: '00000000-0000-4000-8000-000000000000',
            workflowName: padding,
            status: 'running',
            lastStep: String(published),
            lastModifiedAt: new Date().toISOString(),
          },
        });
        published += 1;
      }
      await redis.ping();
      const last = String(published - 1);
      await waitFor(() => reading.events.slice(-5).some((e) => e.event === 'process' && dataOf(e).lastStep === last), {
        what: `the reading client to have event ${last}`,
        intervalMs: 20,
      });
    };
    try {
      while (replica.server.liveEventClients === 2 && published < 100_000) await publishBatch();
      expect(replica.server.liveEventClients).toBe(1);
      await publishBatch();
      expect(reading.events.filter((e) => dataOf(e).workflowName === padding)).toHaveLength(published);
    } finally {
      redis.disconnect();
      silent.destroy();
    }
  });
});

/** Whether `seen` lists steps of `order` without going back (repeats allowed, steps may be left out). */
function inStepOrder(seen: (string | null)[], order: (string | null)[]): boolean {
  let at = 0;
  for (const step of seen) {
    const found = order.indexOf(step, at);
    if (found < 0) return false;
    at = found;
  }
  return true;
}
