import { workflow } from '@orchestrator/engine';

export const workflows = [
  workflow({ name: 'configure_twice', target: 'SYSTEM', description: 'a step name used twice' })
    .step('Push config', () => ({ pushed: 1 }))
    .step('Push config', () => ({ pushed: 2 }))
    .build(),
];
