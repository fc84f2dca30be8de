// What the bench uses from @orchestrator/db (see engine.ts for why this file exists).
export { createDataSource, findRecoveryCandidates, quoteIdentifier } from '@orchestrator/db';
