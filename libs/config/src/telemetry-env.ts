import { z } from 'zod';

// Telemetry settings (ENGINE.md section 12): worker heartbeats and the standard OpenTelemetry variables that
// decide whether and where traces go. The OTLP exporter reads the other standard ones itself
// (OTEL_EXPORTER_OTLP_HEADERS, _TIMEOUT, _COMPRESSION, certificates), and OTEL_RESOURCE_ATTRIBUTES is read
// by the resource detector.

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

export const TRACE_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
export type TraceSamplerName = (typeof TRACE_SAMPLERS)[number];

/** Tracing with OpenTelemetry; `tracesUrl` null means off. */
export interface TracingConfig {
  /** Where spans are exported (OTLP over HTTP); null: tracing is off. */
  tracesUrl: string | null;
  protocol: OtlpProtocol;
  /** OTEL_SERVICE_NAME; null: each app names itself (orchestrator-api, orchestrator-worker). */
  serviceName: string | null;
  sampler: TraceSamplerName;
  /** The ratio of the *traceidratio samplers (OTEL_TRACES_SAMPLER_ARG), 0 to 1. */
  samplerRatio: number;
}

const otlpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must be a URL starting with http:// or https://');

const protocol = z
  .enum([...OTLP_PROTOCOLS, 'grpc'] as const, { message: 'must be http/protobuf or http/json' })
  .refine(
    (value) => value !== 'grpc',
    'grpc is not supported here: use http/protobuf or http/json (an OpenTelemetry Collector takes both on port 4318)',
  );

export function telemetryEnv() {
  return {
    // How often each worker records its heartbeat and flushes its metric counters to Redis.
    WORKER_HEARTBEAT_MS: z.coerce.number().int().min(100).default(5000),
    OTEL_SDK_DISABLED: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('false')
      .transform((value) => value === 'true'),
    OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none'], { message: 'must be otlp or none' }).default('otlp'),
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl.optional(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl.optional(),
    OTEL_EXPORTER_OTLP_PROTOCOL: protocol.default('http/protobuf'),
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: protocol.optional(),
    OTEL_SERVICE_NAME: z.string().trim().min(1).optional(),
    OTEL_TRACES_SAMPLER: z.enum(TRACE_SAMPLERS).default('parentbased_always_on'),
    OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  };
}

type TelemetryEnv = z.infer<z.ZodObject<ReturnType<typeof telemetryEnv>>>;

/** The traces URL: the signal's own endpoint as given, else the general one with `/v1/traces` appended. */
export function tracingConfig(env: TelemetryEnv): TracingConfig {
  const on = !env.OTEL_SDK_DISABLED && env.OTEL_TRACES_EXPORTER === 'otlp';
  const general = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesUrl =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (general === undefined ? null : `${general.replace(/\/+$/, '')}/v1/traces`);
  return {
    tracesUrl: on ? tracesUrl : null,
    protocol: (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL) as OtlpProtocol,
    serviceName: env.OTEL_SERVICE_NAME ?? null,
    sampler: env.OTEL_TRACES_SAMPLER,
    samplerRatio: env.OTEL_TRACES_SAMPLER_ARG,
  };
}
