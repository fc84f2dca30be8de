import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Forward-only, in order. */
export const migrations = [InitialSchema1764000000000];
