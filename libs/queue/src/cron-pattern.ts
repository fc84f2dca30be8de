import { CronExpressionParser } from 'cron-parser';

/** Fire times counted at most, so that a per-second pattern over a long outage stays cheap. */
const MAX_COUNTED_FIRES = 100_000;

export type CronCheck = { kind: 'valid' } | { kind: 'invalid'; message: string };

/**
 * Task schedules are cron patterns as BullMQ's job schedulers read them (cron-parser, the library BullMQ
 * uses, in the server's time zone): five fields, or six with seconds first.
 */
export function checkCron(pattern: string): CronCheck {
  if (pattern.trim() === '' || pattern.trim().split(/\s+/).length < 5) {
    return { kind: 'invalid', message: `"${pattern}" is not a cron pattern: expected 5 fields, or 6 with seconds` };
  }
  try {
    CronExpressionParser.parse(pattern).next();
    return { kind: 'valid' };
  } catch (error) {
    return { kind: 'invalid', message: `"${pattern}" is not a cron pattern: ${(error as Error).message}` };
  }
}

/** The first fire time after `after`; null when the pattern never fires again. */
export function nextFire(pattern: string, after: Date): Date | null {
  try {
    return CronExpressionParser.parse(pattern, { currentDate: after }).next().toDate();
  } catch {
    return null;
  }
}

/** How many fire times fall strictly between `after` and `before`. */
export function firesBetween(pattern: string, after: Date, before: Date): number {
  if (before.getTime() <= after.getTime()) return 0;
  const interval = CronExpressionParser.parse(pattern, { currentDate: after, endDate: before });
  let count = 0;
  while (count < MAX_COUNTED_FIRES && interval.hasNext()) {
    const fire = interval.next().getTime();
    if (fire >= before.getTime()) break;
    count += 1;
  }
  return count;
}
