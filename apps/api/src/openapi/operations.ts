import * as apiKeys from '../routes/api-keys-operations';
import * as auditEvents from '../routes/audit-events-operations';
import * as documentation from '../routes/documentation-operations';
import * as health from '../routes/health-operations';
import * as me from '../routes/me-operations';
import * as processMigration from '../routes/process-migration-operations';
import * as processes from '../routes/processes-operations';
import * as productModel from '../routes/product-model-operations';
import * as products from '../routes/products-operations';
import * as schedules from '../routes/schedules-operations';
import * as settings from '../routes/settings-operations';
import * as subscriptions from '../routes/subscriptions-operations';
import * as telemetry from '../routes/telemetry-operations';
import * as workflows from '../routes/workflows-operations';
import type { Operation } from './operation';

/** A module's operations: every export made by defineOperation (its schemas are exported too). */
function operationsOf(module: Record<string, unknown>): Operation[] {
  return Object.values(module).filter(
    (value): value is Operation =>
      typeof value === 'object' && value !== null && 'operationId' in value && 'responses' in value,
  );
}

/**
 * Every operation of the API, for the OpenAPI document (document.ts). A new route: its operation in its
 * route file's `*-operations.ts` (found here by its module), its line in the route table, and the handler
 * using `queryOf` / `bodyOf` / `reply` with it. openapi-document.test.ts fails for a route the document lacks.
 */
export const OPERATIONS: readonly Operation[] = [
  health,
  documentation,
  processes,
  processMigration,
  workflows,
  subscriptions,
  products,
  productModel,
  schedules,
  settings,
  me,
  apiKeys,
  auditEvents,
  telemetry,
].flatMap(operationsOf);
