import { credentialFromHeader } from './authorization-header';

const basic = (userAndPassword: string) => `Basic ${Buffer.from(userAndPassword).toString('base64')}`;
const KEY = `ork_${'x7'.repeat(20)}`;
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('credentialFromHeader', () => {
  it('finds no credential without a header', () => {
    expect(credentialFromHeader(undefined)).toEqual({ kind: 'none' });
    expect(credentialFromHeader('  ')).toEqual({ kind: 'none' });
  });

  it('reads a Bearer API key or JWT, whatever the case of the scheme', () => {
    expect(credentialFromHeader(`Bearer ${KEY}`)).toEqual({
      kind: 'token',
      scheme: 'bearer',
      token: KEY,
      basicUser: null,
    });
    expect(credentialFromHeader(`bearer  ${JWT}`)).toMatchObject({ kind: 'token', token: JWT });
  });

  it('reads the password of a Basic credential as the token, with any user name', () => {
    expect(credentialFromHeader(basic(`anyone:${KEY}`))).toEqual({
      kind: 'token',
      scheme: 'basic',
      token: KEY,
      basicUser: 'anyone',
    });
    expect(credentialFromHeader(basic(`:${JWT}`))).toMatchObject({ token: JWT, basicUser: '' });
  });

  it('refuses a Bearer header without a token or with characters no token has', () => {
    expect(credentialFromHeader('Bearer')).toEqual({ kind: 'malformed', scheme: 'bearer' });
    expect(credentialFromHeader('Bearer a b')).toEqual({ kind: 'malformed', scheme: null });
    expect(credentialFromHeader('Bearer ab"c')).toEqual({ kind: 'malformed', scheme: 'bearer' });
  });

  it('refuses a Basic credential without a password, without a colon, or not in base64', () => {
    expect(credentialFromHeader(basic('anyone:'))).toEqual({ kind: 'malformed', scheme: 'basic' });
    expect(credentialFromHeader(basic(KEY))).toEqual({ kind: 'malformed', scheme: 'basic' });
    expect(credentialFromHeader('Basic %%%')).toEqual({ kind: 'malformed', scheme: 'basic' });
  });

  it('refuses other schemes and oversized tokens', () => {
    expect(credentialFromHeader('Digest username="x"')).toMatchObject({ kind: 'malformed' });
    expect(credentialFromHeader(`Bearer ${'a'.repeat(9000)}`)).toEqual({ kind: 'malformed', scheme: 'bearer' });
  });
});
