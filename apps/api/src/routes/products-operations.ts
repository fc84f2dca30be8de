import { z } from 'zod';
import { PRODUCT_STATUSES } from '@orchestrator/engine';
import { timestamp, uuid } from '../openapi/common-schemas';
import { defineOperation } from '../openapi/operation';

export const productSchema = z
  .object({
    id: uuid,
    name: z.string(),
    description: z.string(),
    productType: z.string(),
    tag: z.string(),
    status: z.enum(PRODUCT_STATUSES),
    createdAt: timestamp,
    endDate: timestamp.nullable(),
    fixedInputs: z.record(z.string(), z.string()),
    workflows: z.array(z.string()),
  })
  .meta({ id: 'Product' });

const productKey = z.object({ id: z.string().meta({ description: 'A product id or name', example: 'node' }) });

export const listProducts = defineOperation({
  method: 'get',
  path: '/api/products',
  operationId: 'listProducts',
  summary: 'Products with their fixed inputs and allowed workflows',
  tag: 'products',
  responses: { 200: { description: 'Every product', schema: z.array(productSchema) } },
  errors: [],
});

export const getProduct = defineOperation({
  method: 'get',
  path: '/api/products/:id',
  operationId: 'getProduct',
  summary: 'A product',
  tag: 'products',
  params: productKey,
  responses: { 200: { description: 'The product', schema: productSchema } },
  errors: ['PRODUCT_NOT_FOUND'],
});

export const updateProduct = defineOperation({
  method: 'patch',
  path: '/api/products/:id',
  operationId: 'updateProduct',
  summary: "A product's description or lifecycle status",
  tag: 'products',
  params: productKey,
  body: z
    .object({
      description: z.string().trim().min(1).max(2000).optional(),
      status: z.enum(PRODUCT_STATUSES).optional(),
    })
    .strict()
    .meta({ example: { status: 'phase out' } }),
  responses: { 200: { description: 'The product', schema: productSchema } },
  errors: ['VALIDATION_FAILED', 'PRODUCT_NOT_FOUND', 'PRODUCT_IN_USE'],
});
