import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Subscriptions1764100000000 } from './1764100000000-subscriptions';
import { NodeAddressPool1764100000001 } from './1764100000001-node-address-pool';
import { CallbackTokens1764200000000 } from './1764200000000-callback-tokens';
import { FailedAttempts1764300000000 } from './1764300000000-failed-attempts';
import { TaskSchedules1764400000000 } from './1764400000000-task-schedules';
import { ApiKeysAndAudit1764500000000 } from './1764500000000-api-keys-and-audit';
import { ProductModel1764600000000 } from './1764600000000-product-model';
import { ProcessTraces1764700000000 } from './1764700000000-process-traces';
import { OperatorLists1764750000000 } from './1764750000000-operator-lists';
import { WorkflowVersions1764810000000 } from './1764810000000-workflow-versions';
import { ProcessParents1764820000000 } from './1764820000000-process-parents';
import { DueRetriesIndex1764830000000 } from './1764830000000-due-retries-index';

/** Forward-only, in order. */
export const migrations = [
  InitialSchema1764000000000,
  Subscriptions1764100000000,
  NodeAddressPool1764100000001,
  CallbackTokens1764200000000,
  FailedAttempts1764300000000,
  TaskSchedules1764400000000,
  ApiKeysAndAudit1764500000000,
  ProductModel1764600000000,
  ProcessTraces1764700000000,
  OperatorLists1764750000000,
  WorkflowVersions1764810000000,
  ProcessParents1764820000000,
  DueRetriesIndex1764830000000,
];
