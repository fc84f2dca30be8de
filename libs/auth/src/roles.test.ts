import { grantedRoles, highestRole, isRole, roleIncludes } from './roles';

describe('roles', () => {
  it('lets each role include the ones before it and nothing above', () => {
    expect(roleIncludes('admin', 'read')).toBe(true);
    expect(roleIncludes('admin', 'operate')).toBe(true);
    expect(roleIncludes('operate', 'read')).toBe(true);
    expect(roleIncludes('operate', 'operate')).toBe(true);
    expect(roleIncludes('operate', 'admin')).toBe(false);
    expect(roleIncludes('read', 'operate')).toBe(false);
  });

  it('grants nothing to a principal without a role', () => {
    expect(roleIncludes(null, 'read')).toBe(false);
    expect(grantedRoles(null)).toEqual([]);
  });

  it('picks the highest role whatever the order', () => {
    expect(highestRole(['operate', 'admin', 'read'])).toBe('admin');
    expect(highestRole(['read', 'operate'])).toBe('operate');
    expect(highestRole([])).toBeNull();
  });

  it('lists the roles a role includes, lowest first', () => {
    expect(grantedRoles('operate')).toEqual(['read', 'operate']);
    expect(grantedRoles('admin')).toEqual(['read', 'operate', 'admin']);
  });

  it('recognises only the three role names', () => {
    expect(isRole('operate')).toBe(true);
    expect(isRole('Admin')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
