import { z } from 'zod';
import { defineOperation } from '../openapi/operation';

export const openApiDocument = defineOperation({
  method: 'get',
  path: '/api/openapi.json',
  operationId: 'openApiDocument',
  summary: 'This document',
  tag: 'documentation',
  responses: {
    200: { description: 'The OpenAPI 3.1 document of every route', schema: z.record(z.string(), z.unknown()) },
  },
  errors: [],
});

export const apiDocs = defineOperation({
  method: 'get',
  path: '/api/docs',
  operationId: 'apiDocs',
  summary: 'Interactive documentation of this document (Swagger UI, served from the installed package)',
  tag: 'documentation',
  responses: { 200: { description: 'The page', content: { 'text/html': { schema: z.string() } } } },
  errors: [],
});
