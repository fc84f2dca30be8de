/** The roles, each including the ones before it (ENGINE.md section 10.6). */
export const ROLES = ['read', 'operate', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a principal holding `held` may do what needs `required`; no role grants nothing. */
export function roleIncludes(held: Role | null, required: Role): boolean {
  return held !== null && ROLES.indexOf(held) >= ROLES.indexOf(required);
}

/** The highest of the roles given, or null when there is none. */
export function highestRole(roles: Iterable<Role>): Role | null {
  let highest: Role | null = null;
  for (const role of roles) {
    if (highest === null || ROLES.indexOf(role) > ROLES.indexOf(highest)) highest = role;
  }
  return highest;
}

/** Every role `role` includes, lowest first: what per-workflow rules see as `user.roles`. */
export function grantedRoles(role: Role | null): Role[] {
  return role === null ? [] : ROLES.slice(0, ROLES.indexOf(role) + 1);
}
