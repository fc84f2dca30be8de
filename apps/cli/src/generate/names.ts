/** `access_port` as `accessPort`. */
export const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
/** `access_port` as `AccessPort`. */
export const pascal = (snake: string) => camel(snake).replace(/^./, (c) => c.toUpperCase());
/** `access_port` as `access-port` (file names). */
export const kebab = (snake: string) => snake.replaceAll('_', '-');
/** A string as a TypeScript single-quoted literal. */
export const quoted = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
