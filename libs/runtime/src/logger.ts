import pino, { type DestinationStream, type Logger } from 'pino';
import { logContextMixin } from './log-context';

/** JSON lines, secrets redacted; every line carries the log context (request id, trace ids) it was written in. */
export function createLogger(level: string, name: string, destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    mixin: logContextMixin,
    redact: { paths: ['*.password', '*.token', '*.authorization', 'databaseUrl', 'redisUrl'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
