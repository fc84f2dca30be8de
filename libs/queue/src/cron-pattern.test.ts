import { checkCron, firesBetween, nextFire } from './cron-pattern';

describe('cron patterns of task schedules', () => {
  it('accepts five fields, or six with seconds first', () => {
    expect(checkCron('*/10 * * * *')).toEqual({ kind: 'valid' });
    expect(checkCron('*/5 * * * * *')).toEqual({ kind: 'valid' });
  });

  it('refuses a pattern with a value out of range, too few or too many fields, or words', () => {
    for (const pattern of ['61 * * * *', '* * *', '', '* * * * * * *', 'every minute', 'off']) {
      const check = checkCron(pattern);
      expect(check.kind).toBe('invalid');
      if (check.kind === 'invalid') expect(check.message).toContain(`"${pattern}"`);
    }
  });

  it('gives the next fire time after a moment', () => {
    expect(nextFire('0 3 * * *', new Date(2026, 0, 1, 12, 0, 0))).toEqual(new Date(2026, 0, 2, 3, 0, 0));
  });

  it('counts the fire times strictly between two moments', () => {
    const from = new Date(2026, 0, 1, 12, 0, 0);
    expect(firesBetween('* * * * *', from, new Date(2026, 0, 1, 12, 10, 0))).toBe(9);
    expect(firesBetween('*/5 * * * * *', from, new Date(2026, 0, 1, 12, 0, 16))).toBe(3);
    expect(firesBetween('0 3 * * *', from, new Date(2026, 0, 1, 13, 0, 0))).toBe(0);
    expect(firesBetween('* * * * *', from, from)).toBe(0);
  });
});
