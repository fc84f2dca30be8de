import { parseStepJob } from './step-worker';

describe('parseStepJob', () => {
  const id = '0b7c8a4e-1111-2222-3333-444455556666';

  it('accepts a process id and a version, and keeps nothing else', () => {
    expect(parseStepJob({ processId: id, version: 3, extra: true })).toEqual({ processId: id, version: 3 });
  });

  it.each([
    ['no data', undefined],
    ['a process id that is not a UUID', { processId: 'p-1', version: 1 }],
    ['a negative version', { processId: id, version: -1 }],
    ['a fractional version', { processId: id, version: 1.5 }],
    ['a version given as text', { processId: id, version: '1' }],
  ])('rejects %s', (_what, data) => {
    expect(parseStepJob(data)).toBeUndefined();
  });
});
