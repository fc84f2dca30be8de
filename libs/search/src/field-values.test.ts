import {
  escapeLike,
  readBoolean,
  readEnumValues,
  readNumber,
  readPeriod,
  readUuid,
  readUuidPrefix,
} from './field-values';

describe('readPeriod', () => {
  it.each([
    ['2024', '2024-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z'],
    ['2024-02', '2024-02-01T00:00:00.000000Z', '2024-03-01T00:00:00.000000Z'],
    ['2024-12', '2024-12-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000000Z', '2024-03-01T00:00:00.000000Z'],
    ['2024-05-01T10:00', '2024-05-01T10:00:00.000000Z', '2024-05-01T10:01:00.000000Z'],
    ['2024-05-01 10:00:30', '2024-05-01T10:00:30.000000Z', '2024-05-01T10:00:31.000000Z'],
    ['2024-05-01T10:00:30.5Z', '2024-05-01T10:00:30.500000Z', '2024-05-01T10:00:30.600000Z'],
    ['2024-05-01T10:00:30.123456Z', '2024-05-01T10:00:30.123456Z', '2024-05-01T10:00:30.123457Z'],
    ['2024-05-01T10:00:59.999999Z', '2024-05-01T10:00:59.999999Z', '2024-05-01T10:01:00.000000Z'],
    ['2024-05-01T10:00+02:00', '2024-05-01T08:00:00.000000Z', '2024-05-01T08:01:00.000000Z'],
    ['2024-05-01T01:00-0130', '2024-05-01T02:30:00.000000Z', '2024-05-01T02:31:00.000000Z'],
    ['9999', '9999-01-01T00:00:00.000000Z', 'infinity'],
  ])('reads %s as the span it names', (text, start, end) => {
    expect(readPeriod(text)).toEqual({ start, end });
  });

  it.each([
    'yesterday',
    '24-05-01',
    '2024-13',
    '2024-02-30',
    '2023-02-29',
    '2024-05-01T24:00',
    '2024-05-01T10:60',
    '0999',
    '2024-05-01T10:00+15:00',
    '2024-05-01Z',
  ])('refuses %s', (text) => {
    expect(readPeriod(text)).toBeUndefined();
  });
});

describe('the other value readers', () => {
  it('reads a UUID in any case as lowercase, and nothing else', () => {
    expect(readUuid('6F0C1A2B-0000-4000-8000-00000000000A')).toBe('6f0c1a2b-0000-4000-8000-00000000000a');
    expect(readUuid('6f0c1a2b00004000800000000000000a')).toBeUndefined();
    expect(readUuid('not-a-uuid')).toBeUndefined();
  });

  it('turns the start of a UUID into the lowest and highest UUID with that start', () => {
    expect(readUuidPrefix('6f0c')).toEqual({
      low: '6f0c0000-0000-0000-0000-000000000000',
      high: '6f0cffff-ffff-ffff-ffff-ffffffffffff',
    });
    expect(readUuidPrefix('6F0C1A2B-00')).toEqual({
      low: '6f0c1a2b-0000-0000-0000-000000000000',
      high: '6f0c1a2b-00ff-ffff-ffff-ffffffffffff',
    });
    expect(readUuidPrefix('6g')).toBeUndefined();
    expect(readUuidPrefix('0'.repeat(33))).toBeUndefined();
  });

  it('reads true and false in any case only', () => {
    expect([readBoolean('TRUE'), readBoolean('false'), readBoolean('yes')]).toEqual([true, false, undefined]);
  });

  it('reads decimal numbers as text, without rounding', () => {
    expect(['10', '-2.5', '.5', '1e3', '12345678901234567890.5'].map(readNumber)).toEqual([
      '10',
      '-2.5',
      '.5',
      '1e3',
      '12345678901234567890.5',
    ]);
    expect(['ten', '1.2.3', '', '0x10'].map(readNumber)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('finds enum values equal to a word in any case, or starting with it', () => {
    const values = ['failed', 'waiting', 'awaiting_callback'];
    expect(readEnumValues(values, 'FAILED', false)).toEqual(['failed']);
    expect(readEnumValues(values, 'wait', false)).toEqual([]);
    expect(readEnumValues(values, 'wa', true)).toEqual(['waiting']);
    expect(readEnumValues(values, '', true)).toEqual(values);
  });

  it('escapes the LIKE wildcards and the escape character itself', () => {
    expect(escapeLike('100%_done\\x')).toBe('100\\%\\_done\\\\x');
  });
});
