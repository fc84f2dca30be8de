import { failedTaskStatus, storableText, toStepError } from './failure';

// node:assert's AssertionError comes from another realm under Jest, where `instanceof Error` is false;
// this one has the same name, which is what the engine looks at.
class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

function withFields(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

describe('toStepError', () => {
  it('records the class, message and stack of an Error', () => {
    const error = new TypeError('bad type');
    expect(toStepError(error)).toEqual({ class: 'TypeError', message: 'bad type', stack: error.stack });
  });

  it('uses the name an error class gives itself', () => {
    class UpstreamError extends Error {
      override readonly name = 'UpstreamError';
    }
    expect(toStepError(new UpstreamError('down')).class).toBe('UpstreamError');
  });

  it('records a null stack when the error has none', () => {
    const error = new Error('no stack');
    delete error.stack;
    expect(toStepError(error)).toEqual({ class: 'Error', message: 'no stack', stack: null });
  });

  it('adds details with the HTTP status when the error carries one', () => {
    expect(toStepError(withFields('bad gateway', { status: 502 })).details).toEqual({ status: 502 });
    expect(toStepError(withFields('teapot', { statusCode: 418 })).details).toEqual({ status: 418 });
  });

  it('adds the response body to the details of an HTTP error', () => {
    const error = withFields('not found', { response: { status: 404, data: { error: 'no such device' } } });
    expect(toStepError(error).details).toEqual({ status: 404, body: { error: 'no such device' } });
  });

  it('keeps an unserialisable response body as a string', () => {
    const body: Record<string, unknown> = {};
    body.self = body;
    const details = toStepError(withFields('loop', { response: { status: 500, body } })).details as { body: unknown };
    expect(typeof details.body).toBe('string');
  });

  it('leaves details out for an error without an HTTP status', () => {
    expect(toStepError(new Error('plain'))).not.toHaveProperty('details');
  });

  it('describes a thrown non-error by its type and JSON', () => {
    expect(toStepError('just a string')).toEqual({ class: 'string', message: 'just a string', stack: null });
    expect(toStepError({ reason: 'x' })).toEqual({ class: 'object', message: '{"reason":"x"}', stack: null });
    expect(toStepError(undefined)).toEqual({ class: 'undefined', message: 'undefined', stack: null });
  });

  it('produces a value that survives JSON unchanged', () => {
    const stepError = toStepError(withFields('gateway', { response: { status: 504, data: ['a'] } }));
    expect(JSON.parse(JSON.stringify(stepError))).toEqual(stepError);
  });
});

describe('failedTaskStatus', () => {
  it('calls an assertion error inconsistent data', () => {
    expect(failedTaskStatus(new AssertionError('counts differ'))).toBe('inconsistent_data');
  });

  it('recognises an assertion error by its name', () => {
    expect(failedTaskStatus(withFields('x', { name: 'AssertionError' }))).toBe('inconsistent_data');
  });

  it.each<[string, Record<string, unknown>]>([
    ['status 503', { status: 503 }],
    ['statusCode 502', { statusCode: 502 }],
    ['response.status 504', { response: { status: 504 } }],
    ['code ECONNREFUSED', { code: 'ECONNREFUSED' }],
    ['code ECONNRESET', { code: 'ECONNRESET' }],
    ['code ETIMEDOUT', { code: 'ETIMEDOUT' }],
    ['code ENOTFOUND', { code: 'ENOTFOUND' }],
  ])('calls an error with %s api_unavailable', (_what, fields) => {
    expect(failedTaskStatus(withFields('upstream', fields))).toBe('api_unavailable');
  });

  it.each<[string, unknown]>([
    ['a plain error', new Error('boom')],
    ['status 500', withFields('server error', { status: 500 })],
    ['status 404', withFields('not found', { response: { status: 404 } })],
    ['an unknown error code', withFields('eperm', { code: 'EPERM' })],
    ['a thrown string', 'ECONNREFUSED'],
    ['null', null],
  ])('calls %s plain failed', (_what, thrown) => {
    expect(failedTaskStatus(thrown)).toBe('failed');
  });
});

describe('storableText', () => {
  it('replaces NUL characters and lone surrogates, which PostgreSQL cannot store', () => {
    expect(storableText('a\u0000b\ud800c')).toBe('a\uFFFDb\uFFFDc');
  });

  it('keeps well-formed text, emoji included, and bounds its length', () => {
    expect(storableText('ok 🚀')).toBe('ok 🚀');
    expect(storableText('x'.repeat(30), 10)).toBe(`${'x'.repeat(10)}... (20 more characters)`);
  });
});
