export * from './env-schema';
export * from './parse-env';
export * from './redact-secrets';
export * from './redis-url';
export * from './telemetry-env';
