import { OrchestratorError } from '@orchestrator/engine';

export const subscriptionNotFound = (id: string) =>
  new OrchestratorError('SUBSCRIPTION_NOT_FOUND', `subscription ${id} not found`);

export const subscriptionNotInSync = (id: string) =>
  new OrchestratorError('SUBSCRIPTION_NOT_IN_SYNC', `subscription ${id} is not in sync: another process holds it`);

export const productNotFound = (name: string) =>
  new OrchestratorError('PRODUCT_NOT_FOUND', `product "${name}" is not registered`);

export const productNotOrderable = (name: string, status: string) =>
  new OrchestratorError('PRODUCT_NOT_ORDERABLE', `product "${name}" is ${status}: no new subscriptions of it`);
