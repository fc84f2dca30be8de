import { generateApiKey } from './orchestrator-packages/auth';

/** The admin key the bench gives every API it spawns (ADMIN_API_KEY) and sends with every request. */
export const BENCH_ADMIN_API_KEY = generateApiKey();

export const BENCH_AUTHORIZATION = { authorization: `Bearer ${BENCH_ADMIN_API_KEY}` } as const;
