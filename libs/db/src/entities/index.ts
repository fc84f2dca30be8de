import { ApiKeyEntity } from './api-key.entity';
import { AuditEventEntity } from './audit-event.entity';
import { CallbackTokenEntity } from './callback-token.entity';
import { EngineSettingsEntity } from './engine-settings.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { InputStateEntity } from './input-state.entity';
import { NodeLoopbackAddressEntity } from './node-loopback-address.entity';
import { NodeSiteEntity } from './node-site.entity';
import { ProcessStatusCountChangeEntity, ProcessStatusCountEntity } from './process-status-count.entity';
import { ProcessStepEntity } from './process-step.entity';
import { ProcessSubscriptionEntity } from './process-subscription.entity';
import { ProcessTraceEntity } from './process-trace.entity';
import { ProcessEntity } from './process.entity';
import { ProductFixedInputEntity } from './product-fixed-input.entity';
import { ProductWorkflowEntity } from './product-workflow.entity';
import { ProductEntity } from './product.entity';
import { SubscriptionRelationEntity } from './subscription-relation.entity';
import { SubscriptionEntity } from './subscription.entity';
import { TaskScheduleEntity } from './task-schedule.entity';
import { WorkflowEntity } from './workflow.entity';
import { WorkflowVersionEntity } from './workflow-version.entity';
import { ProductBlockEntity } from './product-block.entity';
import { ProductBlockChildEntity } from './product-block-child.entity';
import { ProductBlockResourceTypeEntity } from './product-block-resource-type.entity';
import { ResourceTypeEntity } from './resource-type.entity';
import { SubscriptionInstanceEntity } from './subscription-instance.entity';
import { SubscriptionInstanceRelationEntity } from './subscription-instance-relation.entity';
import { SubscriptionInstanceValueEntity } from './subscription-instance-value.entity';

export * from './api-key.entity';
export * from './audit-event.entity';
export * from './callback-token.entity';
export * from './engine-settings.entity';
export * from './idempotency-key.entity';
export * from './input-state.entity';
export * from './node-loopback-address.entity';
export * from './node-site.entity';
export * from './process-status-count.entity';
export * from './process-step.entity';
export * from './process-subscription.entity';
export * from './process-trace.entity';
export * from './process.entity';
export * from './product-fixed-input.entity';
export * from './product-workflow.entity';
export * from './product.entity';
export * from './subscription-relation.entity';
export * from './subscription.entity';
export * from './task-schedule.entity';
export * from './workflow.entity';
export * from './workflow-version.entity';
export * from './product-block.entity';
export * from './product-block-child.entity';
export * from './product-block-resource-type.entity';
export * from './resource-type.entity';
export * from './subscription-instance.entity';
export * from './subscription-instance-relation.entity';
export * from './subscription-instance-value.entity';

/** One per table; the drift test (schema-drift.int.test.ts) keeps them equal to the migrations. */
export const entities = [
  WorkflowEntity,
  WorkflowVersionEntity,
  ProcessEntity,
  ProcessStepEntity,
  InputStateEntity,
  IdempotencyKeyEntity,
  EngineSettingsEntity,
  CallbackTokenEntity,
  ProductEntity,
  ProductFixedInputEntity,
  ProductWorkflowEntity,
  SubscriptionEntity,
  SubscriptionRelationEntity,
  ProcessSubscriptionEntity,
  ProcessTraceEntity,
  NodeLoopbackAddressEntity,
  NodeSiteEntity,
  TaskScheduleEntity,
  ApiKeyEntity,
  AuditEventEntity,
  ResourceTypeEntity,
  ProductBlockEntity,
  ProductBlockResourceTypeEntity,
  ProductBlockChildEntity,
  SubscriptionInstanceEntity,
  SubscriptionInstanceValueEntity,
  SubscriptionInstanceRelationEntity,
  ProcessStatusCountEntity,
  ProcessStatusCountChangeEntity,
];
