import { z } from 'zod';
import { defineOperation } from '../openapi/operation';

const eventStream = z.string().meta({
  description:
    'Server-Sent Events: `process`, `processStatusCounts`, `engineStatus`, `subscription` and `reset` events, each with an id; a comment line every 15 s',
});

export const streamEvents = defineOperation({
  method: 'get',
  path: '/api/events',
  operationId: 'streamEvents',
  summary: 'Live events, each sent after its change committed (ENGINE.md 11.4)',
  description:
    'A reconnecting client sends `Last-Event-ID` and gets what it missed from the last hour, or `event: reset`. A browser EventSource, which cannot send headers, authenticates with `?ticket=` from POST /api/events/ticket.',
  tag: 'events',
  query: z.object({
    processId: z.uuid().optional().meta({ description: 'Only this process' }),
    ticket: z.string().optional().meta({ description: 'A single-use ticket instead of a credential' }),
    lastEventId: z.string().optional().meta({ description: 'As the Last-Event-ID header' }),
  }),
  responses: { 200: { description: 'The event stream', content: { 'text/event-stream': { schema: eventStream } } } },
  errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'],
});

export const issueEventTicket = defineOperation({
  method: 'post',
  path: '/api/events/ticket',
  operationId: 'issueEventTicket',
  summary: 'A single-use ticket (valid 60 s) for an EventSource',
  tag: 'events',
  responses: {
    201: {
      description: 'The ticket',
      schema: z.object({ ticket: z.string(), expiresAt: z.string() }).meta({ id: 'EventTicket' }),
    },
  },
  errors: [],
});

const metricsText = z.string().meta({ description: 'The Prometheus text exposition format' });

export const metrics = defineOperation({
  method: 'get',
  path: '/api/metrics',
  operationId: 'metrics',
  summary: "The whole cluster's metrics (ENGINE.md 12.1)",
  tag: 'telemetry',
  responses: { 200: { description: 'Metrics', content: { 'text/plain': { schema: metricsText } } } },
  errors: [],
});

export const rootMetrics = defineOperation({
  method: 'get',
  path: '/metrics',
  operationId: 'rootMetrics',
  summary: 'The same metrics, where Prometheus looks by default',
  tag: 'telemetry',
  responses: { 200: { description: 'Metrics', content: { 'text/plain': { schema: metricsText } } } },
  errors: [],
});

const worker = z
  .object({
    id: z.string(),
    host: z.string(),
    pid: z.number().int(),
    concurrency: z.number().int(),
    startedAt: z.string(),
    lastSeenAt: z.string(),
    stepsInHand: z.number().int(),
  })
  .meta({ id: 'Worker' });

export const listWorkers = defineOperation({
  method: 'get',
  path: '/api/settings/workers',
  operationId: 'listWorkers',
  summary: 'Every worker seen within its last three heartbeats (ENGINE.md 11.5)',
  tag: 'settings',
  responses: { 200: { description: 'The live workers', schema: z.object({ items: z.array(worker) }) } },
  errors: [],
});
