import { z } from 'zod';
import { REQUIRED_FROM } from '@orchestrator/engine';
import { timestamp, uuid } from '../openapi/common-schemas';
import { defineOperation } from '../openapi/operation';

const requiredFrom = z.enum(REQUIRED_FROM).nullable();

const productBlock = z
  .object({
    id: uuid,
    name: z.string(),
    description: z.string(),
    tag: z.string(),
    createdAt: timestamp,
    resources: z.array(z.object({ name: z.string(), description: z.string().nullable(), requiredFrom })),
    blocks: z.array(
      z.object({
        attribute: z.string(),
        block: z.string(),
        kind: z.enum(['one', 'optional', 'list']),
        min: z.number().int(),
        max: z.number().int().nullable(),
        requiredFrom,
      }),
    ),
    products: z.array(z.string()),
  })
  .meta({ id: 'ProductBlock' });

export const listProductBlocks = defineOperation({
  method: 'get',
  path: '/api/product-blocks',
  operationId: 'listProductBlocks',
  summary: 'The product blocks: resources, child blocks, products using them',
  tag: 'products',
  responses: { 200: { description: 'Every product block', schema: z.array(productBlock) } },
  errors: [],
});

export const listResourceTypes = defineOperation({
  method: 'get',
  path: '/api/resource-types',
  operationId: 'listResourceTypes',
  summary: 'The resource types and the blocks using them',
  tag: 'products',
  responses: {
    200: {
      description: 'Every resource type',
      schema: z.array(
        z.object({ id: uuid, name: z.string(), description: z.string().nullable(), blocks: z.array(z.string()) }),
      ),
    },
  },
  errors: [],
});
