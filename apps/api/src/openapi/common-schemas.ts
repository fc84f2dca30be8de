import { z } from 'zod';
import 'zod-openapi';

// Schemas every route file shares: timestamps, ids, the error body, pages of a list.

/** An instant: a Date the JSON serializer writes as ISO-8601 UTC, or that string already. */
export const timestamp = z.union([z.date(), z.iso.datetime({ offset: true })]).meta({
  override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
    delete jsonSchema.anyOf;
    jsonSchema.type = 'string';
    jsonSchema.format = 'date-time';
  },
  example: '2026-05-01T10:00:00.000Z',
});

export const uuid = z.string().meta({ format: 'uuid', example: '6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d' });

/** Any JSON value a workflow keeps (states, form answers, subscription data). */
export const jsonObject = z.record(z.string(), z.unknown()).meta({ id: 'JsonObject', example: { name: 'world' } });

export const errorDetail = z.object({ path: z.string(), message: z.string() }).loose();

/** The standard error body (ENGINE.md 6). */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'A stable SNAKE_CASE code', example: 'VALIDATION_FAILED' }),
      message: z.string(),
      details: z.array(errorDetail),
    }),
  })
  .loose()
  .meta({
    id: 'Error',
    description: 'Every error the API answers with',
    example: {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'invalid query parameters',
        details: [{ path: 'limit', message: 'Too big: expected number to be <=500' }],
      },
    },
  });

/** The paging of a list (ENGINE.md 11.2). */
export const pageFields = {
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
  total: z.number().int().meta({ description: 'Items matching, exact up to 10,000; then 10,000 and totalIsEstimate' }),
  totalIsEstimate: z.boolean(),
};

/** `limit`, `cursor`, `q` and `sort` of a searchable list; `sortFields` are its sortable fields. */
export function listParameters(sortFields: readonly string[], defaultSort: string) {
  return {
    limit: z.coerce.number().int().min(1).max(500).default(50).meta({ description: 'Items per page (1-500)' }),
    cursor: z.string().min(1).optional().meta({ description: 'The nextCursor of the previous page, same sort' }),
    q: z.string().max(2000).optional().meta({
      description: 'A search query (README: search syntax)',
      example: 'workflowName:create_node status:failed',
    }),
    sort: z
      .string()
      .optional()
      .meta({ description: `field,asc or field,desc; fields: ${sortFields.join(', ')}; default ${defaultSort}` }),
  };
}

/** `true` or `false` in a query string. */
export const queryBoolean = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .meta({ override: { type: 'string', enum: ['true', 'false'] } });
