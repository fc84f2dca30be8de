import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { CallbackTokens1764200000000 } from './1764200000000-callback-tokens';

/** Forward-only, in order. */
export const migrations = [InitialSchema1764000000000, CallbackTokens1764200000000];
