import { CallbackTokenEntity } from './callback-token.entity';
import { EngineSettingsEntity } from './engine-settings.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { InputStateEntity } from './input-state.entity';
import { ProcessStepEntity } from './process-step.entity';
import { ProcessEntity } from './process.entity';
import { WorkflowEntity } from './workflow.entity';

export * from './callback-token.entity';
export * from './engine-settings.entity';
export * from './idempotency-key.entity';
export * from './input-state.entity';
export * from './process-step.entity';
export * from './process.entity';
export * from './workflow.entity';

export const entities = [
  WorkflowEntity,
  ProcessEntity,
  ProcessStepEntity,
  InputStateEntity,
  IdempotencyKeyEntity,
  EngineSettingsEntity,
  CallbackTokenEntity,
];
