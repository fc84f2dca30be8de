import { compareStreamIds, formatEventId, parseEventId } from './stream-ids';

describe('event ids', () => {
  it('order stream ids by time, then sequence, beyond what a double holds', () => {
    expect(compareStreamIds('1-0', '2-0')).toBeLessThan(0);
    expect(compareStreamIds('5-10', '5-9')).toBeGreaterThan(0);
    expect(compareStreamIds('18446744073709551615-1', '18446744073709551615-0')).toBeGreaterThan(0);
    expect(compareStreamIds('7-7', '7-7')).toBe(0);
  });

  it('read back what they write, and nothing that is not theirs', () => {
    expect(parseEventId(formatEventId('a1b2', '1700000000000-3'))).toEqual({
      epoch: 'a1b2',
      streamId: '1700000000000-3',
    });
    for (const foreign of ['', '42', ':1-0', 'a1b2:', 'a1b2:1', 'A1B2:1-0', 'a1b2:1-0-0', 'zz:1-0']) {
      expect(parseEventId(foreign)).toBeNull();
    }
  });
});
