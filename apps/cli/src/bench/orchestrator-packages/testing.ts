// What the bench uses from @orchestrator/testing (see engine.ts for why this file exists).
export { deleteRedisKeys, REPO_ROOT, spawnApp, waitFor, type SpawnedApp } from '@orchestrator/testing';
