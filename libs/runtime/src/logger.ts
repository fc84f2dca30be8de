import pino, { type DestinationStream, type Logger } from 'pino';
import { redactCredentials } from '@orchestrator/auth';
import { logContextMixin } from './log-context';

/** Fields that hold a credential, wherever a log call puts them: they are replaced by [redacted]. */
export const REDACTED_LOG_PATHS = [
  'authorization',
  'cookie',
  'password',
  'token',
  'apiKey',
  'key',
  '*.authorization',
  '*.cookie',
  '*["set-cookie"]',
  '*.password',
  '*.token',
  '*.apiKey',
  '*.key',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'databaseUrl',
  'redisUrl',
];

/**
 * Every line the logger writes goes through `redactCredentials` first: an API key, a JWT, an Authorization
 * value or a callback token that reached a message, an error or a field the paths above do not name is
 * masked too (ENGINE.md 10.11, 15.4).
 */
export function redactingDestination(destination: DestinationStream): DestinationStream {
  return { write: (line: string) => destination.write(redactCredentials(line)) };
}

export function createLogger(
  level: string,
  name: string,
  destination: DestinationStream = pino.destination(1),
): Logger {
  // Every line carries the log context it was written in (request id, trace ids).
  return pino(
    { name, level, mixin: logContextMixin, redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } },
    redactingDestination(destination),
  );
}
