import { wwwAuthenticate } from './challenge';

describe('wwwAuthenticate', () => {
  const noCredential = {
    kind: 'unauthenticated',
    reason: 'no-credential',
    tokenSent: false,
    claimedUser: null,
  } as const;

  it('challenges for a Bearer token, saying invalid_token when one was sent', () => {
    expect(wwwAuthenticate(noCredential, { offerBasic: false })).toEqual(['Bearer realm="orchestrator"']);
    expect(wwwAuthenticate({ ...noCredential, reason: 'expired', tokenSent: true }, { offerBasic: false })).toEqual([
      'Bearer realm="orchestrator", error="invalid_token"',
    ]);
  });

  it('adds the Basic challenge where a browser should ask for a password', () => {
    expect(wwwAuthenticate(noCredential, { offerBasic: true })).toEqual([
      'Bearer realm="orchestrator"',
      'Basic realm="orchestrator"',
    ]);
  });
});
