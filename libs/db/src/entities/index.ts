import { CallbackTokenEntity } from './callback-token.entity';
import { EngineSettingsEntity } from './engine-settings.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { InputStateEntity } from './input-state.entity';
import { ProcessStepEntity } from './process-step.entity';
import { ProcessEntity } from './process.entity';
import { WorkflowEntity } from './workflow.entity';
import { ProductEntity } from './product.entity';
import { ProductFixedInputEntity } from './product-fixed-input.entity';
import { ProductWorkflowEntity } from './product-workflow.entity';
import { SubscriptionEntity } from './subscription.entity';
import { SubscriptionRelationEntity } from './subscription-relation.entity';
import { ProcessSubscriptionEntity } from './process-subscription.entity';

export * from './callback-token.entity';
export * from './engine-settings.entity';
export * from './idempotency-key.entity';
export * from './input-state.entity';
export * from './process-step.entity';
export * from './process.entity';
export * from './workflow.entity';
export * from './product.entity';
export * from './product-fixed-input.entity';
export * from './product-workflow.entity';
export * from './subscription.entity';
export * from './subscription-relation.entity';
export * from './process-subscription.entity';

export const entities = [
  ProductEntity,
  ProductFixedInputEntity,
  ProductWorkflowEntity,
  SubscriptionEntity,
  SubscriptionRelationEntity,
  ProcessSubscriptionEntity,
  WorkflowEntity,
  ProcessEntity,
  ProcessStepEntity,
  InputStateEntity,
  IdempotencyKeyEntity,
  EngineSettingsEntity,
  CallbackTokenEntity,
];
