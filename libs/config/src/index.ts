export * from './env-schema';
export * from './parse-env';
export * from './redact-secrets';
export * from './telemetry-env';
