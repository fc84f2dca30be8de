import type { components } from './api-types';

// Short names for the schemas of the document.
type Schemas = components['schemas'];

export type ProcessDetail = Schemas['ProcessDetail'];
export type ProcessListItem = Schemas['ProcessListItem'];
export type ProcessPage = Schemas['ProcessPage'];
export type ProcessStatus = Schemas['ProcessStatus'];
export type ExecutedStep = Schemas['ExecutedStep'];
export type StateDelta = Schemas['StateDelta'];
export type BulkOutcome = Schemas['BulkOutcome'];
export type Subscription = Schemas['Subscription'];
export type SubscriptionPage = Schemas['SubscriptionPage'];
/** A workflow as GET /api/workflows lists it, with its current version. */
export type Workflow = Schemas['RegisteredWorkflow'];
export type ProcessMigration = Schemas['ProcessMigration'];
export type Product = Schemas['Product'];
export type ApiKey = Schemas['ApiKey'];
export type AuditEvent = Schemas['AuditEvent'];
export type EngineStatus = Schemas['EngineStatus'];
