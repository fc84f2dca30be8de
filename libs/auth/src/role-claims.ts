import { highestRole, type Role } from './roles';

export interface RoleMapping {
  /** Dotted path of the claim carrying the roles, e.g. `roles` or `realm_access.roles` (Keycloak). */
  rolesClaim: string;
  /** Claim value -> role; values without an entry grant nothing. */
  roleMap: Readonly<Record<string, Role>>;
}

export const DEFAULT_ROLE_MAPPING: RoleMapping = {
  rolesClaim: 'roles',
  roleMap: { read: 'read', operate: 'operate', admin: 'admin' },
};

/**
 * The value at a dotted claim path. A top-level claim named exactly like the path wins, so that namespaced
 * claims such as `https://orchestrator.example.net/roles` (Auth0) work too. Own properties only.
 */
export function readClaimPath(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, part)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The values of the roles claim: a string is one value, an array its strings; anything else none. */
export function roleClaimValues(claims: Readonly<Record<string, unknown>>, path: string): string[] {
  const value = readClaimPath(claims, path);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** The highest role the token's claim values map to, or null when none maps (the API answers 403). */
export function roleFromClaims(claims: Readonly<Record<string, unknown>>, mapping: RoleMapping): Role | null {
  const mapped = roleClaimValues(claims, mapping.rolesClaim)
    .filter((value) => Object.hasOwn(mapping.roleMap, value))
    .map((value) => mapping.roleMap[value] as Role);
  return highestRole(mapped);
}
