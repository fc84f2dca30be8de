import { parseEnv, type OrchestratorConfig } from '@orchestrator/config';
import { startTracing } from './tracing';

/**
 * The first thing a service's entry point does: the configuration, parsed once (a mistake ends the process
 * with one line naming the variable), and tracing, started when OTEL_EXPORTER_OTLP_ENDPOINT is set. The entry
 * point requires the service's modules only after this, so that the PostgreSQL and Redis clients they load
 * are instrumented.
 */
export function startTracedService(serviceName: string): {
  config: OrchestratorConfig;
  stopTracing: (() => Promise<void>) | undefined;
} {
  let config: OrchestratorConfig;
  try {
    config = parseEnv(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const tracing = startTracing(config.tracing, serviceName);
  return { config, stopTracing: tracing ? () => tracing.shutdown() : undefined };
}
