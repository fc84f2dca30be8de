import { DEFAULT_ROLE_MAPPING, readClaimPath, roleFromClaims } from './role-claims';

describe('roles from token claims', () => {
  it('maps the default roles claim, a string or an array, with the default map', () => {
    expect(roleFromClaims({ roles: 'operate' }, DEFAULT_ROLE_MAPPING)).toBe('operate');
    expect(roleFromClaims({ roles: ['read', 'admin'] }, DEFAULT_ROLE_MAPPING)).toBe('admin');
  });

  it('reads a Keycloak realm role through a dotted path and a custom map, highest mapped role winning', () => {
    const claims = { realm_access: { roles: ['offline_access', 'noc-viewer', 'noc-engineer'] } };
    const mapping = {
      rolesClaim: 'realm_access.roles',
      roleMap: { 'noc-viewer': 'read', 'noc-engineer': 'operate' } as const,
    };
    expect(roleFromClaims(claims, mapping)).toBe('operate');
  });

  it('reads a Keycloak client role path', () => {
    const claims = { resource_access: { orchestrator: { roles: ['admin'] } } };
    expect(roleFromClaims(claims, { ...DEFAULT_ROLE_MAPPING, rolesClaim: 'resource_access.orchestrator.roles' })).toBe(
      'admin',
    );
  });

  it('takes a top-level claim named like the whole path, as namespaced claims are', () => {
    const claims = { 'https://orchestrator.example.net/roles': ['operate'] };
    expect(readClaimPath(claims, 'https://orchestrator.example.net/roles')).toEqual(['operate']);
  });

  it('gives no role when no claim value is mapped, the claim is missing or has another type', () => {
    expect(roleFromClaims({ roles: ['superuser'] }, DEFAULT_ROLE_MAPPING)).toBeNull();
    expect(roleFromClaims({}, DEFAULT_ROLE_MAPPING)).toBeNull();
    expect(roleFromClaims({ roles: { admin: true } }, DEFAULT_ROLE_MAPPING)).toBeNull();
    expect(roleFromClaims({ roles: 7 }, DEFAULT_ROLE_MAPPING)).toBeNull();
  });

  it('does not map claim values through the prototype of the role map', () => {
    expect(roleFromClaims({ roles: ['constructor', 'toString'] }, DEFAULT_ROLE_MAPPING)).toBeNull();
  });

  it('walks own properties only', () => {
    expect(readClaimPath({ a: { b: 1 } }, 'a.constructor')).toBeUndefined();
    expect(readClaimPath({ a: [{ b: 1 }] }, 'a.0.b')).toBeUndefined();
    expect(readClaimPath({ a: { b: { c: 'x' } } }, 'a.b.c')).toBe('x');
  });
});
