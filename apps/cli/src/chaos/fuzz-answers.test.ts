import { isRefusal, isServerFailure, isStandardError } from './fuzz-answers';

const body = (code: string) => JSON.stringify({ error: { code, message: 'm', details: [] } });

describe('fuzz answers', () => {
  it('counts a 4xx and a form that is not complete as refusals, not as server failures', () => {
    expect(isRefusal(400, body('VALIDATION_FAILED'))).toBe(true);
    expect(isRefusal(510, JSON.stringify({ error: { code: 'FORM_NOT_COMPLETE' }, form: {}, page: 1 }))).toBe(true);
    expect(isServerFailure(510, body('FORM_NOT_COMPLETE'))).toBe(false);
  });

  it('counts every other 5xx, a 510 without that code included, as a server failure', () => {
    expect(isServerFailure(500, body('INTERNAL_ERROR'))).toBe(true);
    expect(isServerFailure(503, body('SERVICE_UNAVAILABLE'))).toBe(true);
    expect(isServerFailure(510, body('INTERNAL_ERROR'))).toBe(true);
    expect(isServerFailure(510, 'not json')).toBe(true);
    expect(isRefusal(200, '{}')).toBe(false);
    expect(isServerFailure(201, '{}')).toBe(false);
  });

  it('accepts only the standard error body without a stack trace', () => {
    expect(isStandardError(body('NOT_FOUND'))).toBe(true);
    expect(isStandardError('null')).toBe(false);
    expect(isStandardError('{"error":{"code":"X","message":"m"}}')).toBe(false);
    expect(
      isStandardError(JSON.stringify({ error: { code: 'X', message: 'at x\n    at f (a.ts:3)', details: [] } })),
    ).toBe(false);
  });
});
