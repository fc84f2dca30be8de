const REDACTED = '***';

/** A variable whose name says it holds a secret: its value is never shown, whatever it looks like. */
const SECRET_NAME = /KEY|SECRET|TOKEN|PASSWORD/i;

// `scheme://user:password@`, also in text that is not a valid URL (the case a configuration message shows):
// the user part stops at the first ":", the password runs to the last "@" (an unencoded "@" or "/" in a
// password must not leave part of it behind). A URL without a password has no ":" before its "@".
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/?#]*:)\S*@/gi;

// A password given as a query parameter (`redis+sentinel://...?sentinelPassword=pw`).
const QUERY_PASSWORD = /([?&][^=&\s]*password=)[^&#\s"]*/gi;

/** `postgres://root:pw@db/x` -> `postgres://root:***@db/x`, for every URL in the text; `?...password=` too. */
export function redactUrlPasswords(text: string): string {
  return text.replace(URL_PASSWORD, `$1${REDACTED}@`).replace(QUERY_PASSWORD, `$1${REDACTED}`);
}

/** A configuration value as a message may show it: nothing of a secret variable, no URL password. */
export function redactConfigValue(name: string, value: string): string {
  return SECRET_NAME.test(name) ? REDACTED : redactUrlPasswords(value);
}
