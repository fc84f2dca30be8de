// `@orchestrator/engine/testing`: the in-memory step store, the step harness and the step-store contract suite.
export * from './src/testing';
