export * from './metric-catalog';
export * from './metric-deltas';
export * from './cluster-metrics';
export * from './worker-registry';
export * from './tracing';
export * from './step-tracer';
export * from './telemetry-loop';
export * from './traced-service';
