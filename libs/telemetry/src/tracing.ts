import { context, propagation, trace, ROOT_CONTEXT, type Context, type Span } from '@opentelemetry/api';
import type * as ContextAsyncHooks from '@opentelemetry/context-async-hooks';
import type * as Core from '@opentelemetry/core';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Instrumentation from '@opentelemetry/instrumentation';
import type * as IORedisInstrumentationModule from '@opentelemetry/instrumentation-ioredis';
import type * as PgInstrumentationModule from '@opentelemetry/instrumentation-pg';
import type * as Resources from '@opentelemetry/resources';
import type * as Sdk from '@opentelemetry/sdk-trace';
import type { TracingConfig } from '@orchestrator/config';

/** The tracer every span of ours comes from. */
export const TRACER_NAME = 'orchestrator';

export interface Tracing {
  /** Exports what is still buffered; call on shutdown. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry when `config.tracesUrl` is set (ENGINE.md 12.2), else does nothing and loads none of
 * the SDK: off, tracing costs nothing. Call it before anything loads `pg` or `ioredis`, whose calls are then
 * traced as children of the active span (and only then: calls outside a span make none). The SDK reads the
 * other standard OTEL_* variables (headers, timeout, compression, resource attributes) itself.
 */
export function startTracing(config: TracingConfig, defaultServiceName: string): Tracing | null {
  if (config.tracesUrl === null) return null;
  /* eslint-disable @typescript-eslint/no-require-imports -- the SDK loads only when tracing is on */
  const sdk = require('@opentelemetry/sdk-trace') as typeof Sdk;
  const core = require('@opentelemetry/core') as typeof Core;
  const resources = require('@opentelemetry/resources') as typeof Resources;
  const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks') as typeof ContextAsyncHooks;
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof Instrumentation;
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof PgInstrumentationModule;
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof IORedisInstrumentationModule;
  const { OTLPTraceExporter } = (
    config.protocol === 'http/json'
      ? require('@opentelemetry/exporter-trace-otlp-http')
      : require('@opentelemetry/exporter-trace-otlp-proto')
  ) as typeof OtlpHttp;
  /* eslint-enable @typescript-eslint/no-require-imports */

  const detected = resources.detectResources({ detectors: [resources.envDetector, resources.processDetector] });
  const resource = resources
    .resourceFromAttributes({ 'service.name': config.serviceName ?? defaultServiceName })
    .merge(detected);
  const provider = new sdk.TracerProvider({
    resource,
    sampler: samplerOf(sdk, config),
    spanProcessors: [new sdk.BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: config.tracesUrl }) })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new core.CompositePropagator({
      propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()],
    }),
  );
  trace.setGlobalTracerProvider(provider);
  const disable = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  return {
    async shutdown() {
      disable();
      await provider.shutdown();
    },
  };
}

function samplerOf(sdk: typeof Sdk, config: TracingConfig) {
  const ratio = new sdk.TraceIdRatioBasedSampler(config.samplerRatio);
  switch (config.sampler) {
    case 'always_on':
      return new sdk.AlwaysOnSampler();
    case 'always_off':
      return new sdk.AlwaysOffSampler();
    case 'traceidratio':
      return ratio;
    case 'parentbased_always_on':
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new sdk.ParentBasedSampler({ root: ratio });
  }
}

/** The W3C `traceparent` of the active span (to store with a process), or null outside a sampled span. */
export function activeTraceparent(active: Context = context.active()): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return carrier.traceparent ?? null;
}

/** The context a stored `traceparent` names, as a parent for new spans; the root context when there is none. */
export function contextOf(traceparent: string | null): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/** `trace_id` and `span_id` of the active span, for log lines; empty outside a span. */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const span: Span | undefined = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Runs `fn` outside any span: for work a request starts but that outlives it (a shared reader loop). */
export function outsideTrace<T>(fn: () => T): T {
  return context.with(ROOT_CONTEXT, fn);
}
