import { actingUserFromClaims } from './acting-user';

describe('the acting user of a token', () => {
  it('is preferred_username, else email, else sub', () => {
    expect(actingUserFromClaims({ preferred_username: 'jdoe', email: 'j@x.net', sub: 's-1' })).toBe('jdoe');
    expect(actingUserFromClaims({ email: 'j@x.net', sub: 's-1' })).toBe('j@x.net');
    expect(actingUserFromClaims({ sub: 's-1' })).toBe('s-1');
  });

  it('skips empty and non-string values', () => {
    expect(actingUserFromClaims({ preferred_username: ' ', email: 42, sub: 's-1' })).toBe('s-1');
  });

  it('is null when the token names nobody', () => {
    expect(actingUserFromClaims({ iss: 'x' })).toBeNull();
  });

  it('drops control characters so that a name cannot forge a log line', () => {
    expect(actingUserFromClaims({ preferred_username: 'eve\nlevel=admin' })).toBe('evelevel=admin');
  });
});
