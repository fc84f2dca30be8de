import { generateApiKey } from './api-key';
import { redactCredentials } from './credential-redaction';

describe('redactCredentials', () => {
  const key = generateApiKey();
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm5hIn0.c2lnbmF0dXJlLWJ5dGVz';

  it('masks API keys, JWTs, Authorization values and callback tokens, and keeps the words around them', () => {
    const line = JSON.stringify({
      msg: `request with ${key} failed`,
      headers: { authorization: `Basic ${Buffer.from(`x:${key}`).toString('base64')}`, other: `Bearer ${jwt}` },
      token: jwt,
      url: 'http://localhost:8080/api/processes/0b7c8a4e-1111-4222-8333-444455556666/callback/Qm9ndXNUb2tlbkZvclRlc3Rz/progress',
    });
    const redacted = redactCredentials(line);
    expect(redacted).not.toContain(key);
    expect(redacted).not.toContain(key.slice(4));
    expect(redacted).not.toContain(jwt);
    expect(redacted).not.toContain('eyJzdWIiOiJhbm5hIn0');
    expect(redacted).not.toContain('Qm9ndXNUb2tlbkZvclRlc3Rz');
    expect(JSON.parse(redacted)).toEqual({
      msg: 'request with ork_[redacted] failed',
      headers: { authorization: 'Basic [redacted]', other: 'Bearer [redacted]' },
      token: '[redacted]',
      url: 'http://localhost:8080/api/processes/0b7c8a4e-1111-4222-8333-444455556666/callback/[redacted]/progress',
    });
  });

  it('leaves text without credentials as it was', () => {
    const text = 'process 6f0c completed: step "Bearer of news" by ork, basic plan';
    expect(redactCredentials(text)).toBe(text);
  });
});
