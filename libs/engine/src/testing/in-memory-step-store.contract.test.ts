import { InMemoryStepStore } from './in-memory-step-store';
import { describeStepStoreContract } from './step-store-contract';

describeStepStoreContract('InMemoryStepStore', async () => {
  const store = new InMemoryStepStore();
  return {
    store,
    seed: async (process) => void store.seedProcess({ workflowName: 'contract', ...process }),
    read: async (processId) => {
      try {
        return store.process(processId);
      } catch {
        return undefined;
      }
    },
    rows: async (processId) =>
      store
        .rowsOf(processId)
        .map(({ name, status, state, error, retries }) => ({ name, status, state, error, retries })),
    bumpVersion: async (processId) => void store.bumpVersion(processId),
    setEnginePaused: async (paused) => {
      store.enginePaused = paused;
    },
    stageEffect: async (opened, effect) => store.stageEffect(opened.process.processId, effect),
    committedEffects: async () => [...store.committedEffects],
    close: async () => undefined,
  };
});
