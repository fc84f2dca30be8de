import pino, { type Logger } from 'pino';

export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    redact: { paths: ['*.password', '*.token', '*.authorization', 'databaseUrl', 'redisUrl'], censor: '[redacted]' },
  });
}
