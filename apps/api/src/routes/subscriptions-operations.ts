import { z } from 'zod';
import { PROCESS_STATUSES, SUBSCRIPTION_STATUSES, WORKFLOW_TARGETS } from '@orchestrator/engine';
import { jsonObject, listParameters, pageFields, queryBoolean, timestamp, uuid } from '../openapi/common-schemas';
import { defineOperation } from '../openapi/operation';
import { commaSeparated } from '../request-input';
import { productSchema } from './products-operations';
import { workflowSchema } from './workflows-operations';

/** Sortable fields of the list (ENGINE.md 11.2), and `createdAt`, its order before `sort`. */
const SUBSCRIPTION_SORT_FIELDS = [
  'startDate',
  'endDate',
  'description',
  'status',
  'productName',
  'customerId',
  'createdAt',
];

export const subscriptionSchema = z
  .object({
    id: uuid,
    productId: uuid,
    productName: z.string(),
    customerId: z.string(),
    description: z.string(),
    status: z.enum(SUBSCRIPTION_STATUSES),
    insync: z.boolean(),
    version: z.number().int(),
    startDate: timestamp.nullable(),
    endDate: timestamp.nullable(),
    note: z.string().nullable(),
    data: jsonObject,
    dependsOn: z.array(uuid),
    inUseBy: z.array(uuid),
  })
  .meta({ id: 'Subscription' });

const subscriptionIdParams = z.object({ id: uuid.meta({ description: 'The subscription id' }) });

export const listSubscriptions = defineOperation({
  method: 'get',
  path: '/api/subscriptions',
  operationId: 'listSubscriptions',
  summary: 'List subscriptions',
  description: 'Newest first unless `sort` says otherwise; `q` searches, `data.<path>` too (README: search syntax).',
  tag: 'subscriptions',
  query: z
    .object({
      status: commaSeparated(SUBSCRIPTION_STATUSES).optional(),
      productName: z.string().min(1).optional(),
      product: z.string().min(1).optional().meta({ description: 'A product name (as productName) or id' }),
      customerId: z.string().min(1).optional(),
      insync: queryBoolean.optional(),
      ...listParameters(SUBSCRIPTION_SORT_FIELDS, 'createdAt,desc'),
    })
    .strict()
    .refine((q) => q.product === undefined || q.productName === undefined, {
      message: 'product and productName are the same filter: give one',
      path: ['product'],
    }),
  responses: {
    200: {
      description: 'A page of subscriptions',
      schema: z.object({ items: z.array(subscriptionSchema), ...pageFields }).meta({ id: 'SubscriptionPage' }),
    },
  },
  errors: ['VALIDATION_FAILED', 'INVALID_QUERY', 'INVALID_CURSOR'],
});

export const getSubscription = defineOperation({
  method: 'get',
  path: '/api/subscriptions/:id',
  operationId: 'getSubscription',
  summary: 'A subscription with its product and linked processes',
  tag: 'subscriptions',
  params: subscriptionIdParams,
  responses: {
    200: {
      description: 'The subscription',
      schema: subscriptionSchema.extend({
        product: productSchema.nullable(),
        processes: z.array(
          z.object({
            id: uuid,
            workflowName: z.string(),
            workflowTarget: z.enum(WORKFLOW_TARGETS),
            status: z.enum(PROCESS_STATUSES),
            startedAt: timestamp,
            lastModifiedAt: timestamp,
          }),
        ),
      }),
    },
  },
  errors: ['SUBSCRIPTION_NOT_FOUND'],
});

export const subscriptionWorkflows = defineOperation({
  method: 'get',
  path: '/api/subscriptions/:id/workflows',
  operationId: 'subscriptionWorkflows',
  summary: 'The workflows its product allows, and whether the caller can run each now',
  tag: 'subscriptions',
  params: subscriptionIdParams,
  responses: {
    200: {
      description: 'Each allowed workflow',
      schema: z.array(
        workflowSchema.extend({
          canRun: z.boolean(),
          reason: z.object({ code: z.string(), message: z.string() }).nullable(),
        }),
      ),
    },
  },
  errors: ['SUBSCRIPTION_NOT_FOUND'],
});

export const setSubscriptionInSync = defineOperation({
  method: 'put',
  path: '/api/subscriptions/:id/set-in-sync',
  operationId: 'setSubscriptionInSync',
  summary: 'Put a subscription back in sync',
  tag: 'subscriptions',
  params: subscriptionIdParams,
  responses: { 200: { description: 'The subscription', schema: subscriptionSchema } },
  errors: ['SUBSCRIPTION_NOT_FOUND', 'SUBSCRIPTION_HAS_OPEN_PROCESSES'],
});
