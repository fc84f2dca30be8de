import type { EngineSettings } from '@orchestrator/db';
import { ApiError } from './api-error';

/** Starting and resuming wait for the engine to run again (ENGINE.md 8.10); abort and callbacks do not. */
export async function refuseWhilePaused(engine: EngineSettings): Promise<void> {
  if (await engine.isPaused()) {
    throw new ApiError(
      'ENGINE_PAUSED',
      'the engine is paused: PUT /api/settings/status {"globalLock": false} to run again',
    );
  }
}
