import { startTestStack, type TestStack } from '@orchestrator/test-stack';
import { expectError, freeformWorkflow } from './api-test-support';
import { basic } from './security-test-support';

// A page of another site can make the browser send a POST with a form content type (or none), and the
// browser adds Basic credentials on its own. Such a request must not change anything (security/cross-site.ts).

describe('cross-site requests', () => {
  let stack: TestStack;
  let browserKey: string;
  beforeAll(async () => {
    stack = await startTestStack({ workflows: [freeformWorkflow('csrf_target')] });
    browserKey = String((await stack.as('browser', 'operate')).authorization).slice('Bearer '.length);
  });
  afterAll(() => stack.stop());
  afterEach(async () => {
    expect(await stack.sql(`SELECT count(*)::int AS n FROM processes`)).toEqual([{ n: 0 }]);
  });

  const post = (headers: Record<string, string>, body?: string) =>
    stack.rawRequest('POST', '/api/processes/csrf_target', { body, headers });

  it.each([
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
  ])('refuses %s on a change with 415 even when the body is empty, whatever the credential', async (type) => {
    for (const credential of [stack.adminHeaders, basic(browserKey)]) {
      expectError(await post({ ...credential, 'content-type': type }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await post({ ...credential, 'content-type': type }, 'name=x'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('refuses a change authenticated with Basic that carries neither JSON nor X-Requested-With', async () => {
    const res = await post(basic(browserKey));
    expectError(res, 403, 'FORBIDDEN');
    expect(res.body.error.message).toContain('cross-site');
    expectError(
      await stack.rawRequest('PUT', '/api/settings/status', { headers: basic(stack.config.auth.adminApiKey!) }),
      403,
      'FORBIDDEN',
    );
  });

  it('refuses a body of any type but JSON', async () => {
    expectError(await post({ ...stack.adminHeaders, 'content-type': 'application/xml' }, '<a/>'), 415);
    expectError(await post({ ...stack.adminHeaders }, '{"a":1}'), 415);
  });

  it('takes a change from a page of ours: Basic with JSON, or with X-Requested-With and no body; Bearer as it is', async () => {
    const json = await post({ ...basic(browserKey), 'content-type': 'application/json' });
    const header = await post({ ...basic(browserKey), 'x-requested-with': 'XMLHttpRequest' });
    const bearer = await post(stack.adminHeaders);
    expect([json.status, header.status, bearer.status]).toEqual([201, 201, 201]);
    await stack.sql(`DELETE FROM processes`);
  });
});
