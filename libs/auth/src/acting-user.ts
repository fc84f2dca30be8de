/** Longer names are cut: a name ends up in audit rows and log lines. */
const MAX_NAME_LENGTH = 200;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/**
 * The acting user a token names (ENGINE.md section 10.5): `preferred_username`, else `email`, else `sub`;
 * null when none is a non-empty string. Control characters are dropped, so a name cannot forge log lines.
 */
export function actingUserFromClaims(claims: Readonly<Record<string, unknown>>): string | null {
  for (const claim of ['preferred_username', 'email', 'sub']) {
    const value = Object.hasOwn(claims, claim) ? claims[claim] : undefined;
    if (typeof value !== 'string') continue;
    const name = value.replace(CONTROL_CHARACTERS, '').trim().slice(0, MAX_NAME_LENGTH);
    if (name !== '') return name;
  }
  return null;
}
