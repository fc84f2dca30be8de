import { ConfigError, parseEnv } from './index';

describe('the telemetry variables', () => {
  it('turn tracing on with OTEL_EXPORTER_OTLP_ENDPOINT, exporting to its /v1/traces', () => {
    const { tracing } = parseEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'noc-orchestrator',
    });
    expect(tracing).toMatchObject({
      tracesUrl: 'http://collector:4318/v1/traces',
      protocol: 'http/json',
      serviceName: 'noc-orchestrator',
    });
  });

  it('take the traces endpoint and protocol as given over the general ones', () => {
    const { tracing } = parseEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.net/otlp',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
    });
    expect(tracing).toMatchObject({ tracesUrl: 'https://traces.example.net/otlp', protocol: 'http/json' });
  });

  it('leave tracing off when the SDK is disabled or the traces exporter is none', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(parseEnv({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).tracing.tracesUrl).toBeNull();
    expect(parseEnv({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).tracing.tracesUrl).toBeNull();
  });

  it('refuse grpc, which this build does not export with, naming the variable', () => {
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(ConfigError);
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL grpc/);
  });

  it('refuse an endpoint that is not an HTTP URL, a sampler ratio outside 0..1 and a heartbeat under 100 ms', () => {
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => parseEnv({ OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
    expect(() => parseEnv({ WORKER_HEARTBEAT_MS: '50' })).toThrow(/WORKER_HEARTBEAT_MS/);
  });

  it('read the sampler and the worker heartbeat', () => {
    const config = parseEnv({
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      WORKER_HEARTBEAT_MS: '2000',
    });
    expect(config.tracing).toMatchObject({ sampler: 'parentbased_traceidratio', samplerRatio: 0.25 });
    expect(config.workerHeartbeatMs).toBe(2000);
  });
});
