import type { Request, Response } from 'express';
import type { z } from 'zod';
import { ApiError, type ApiErrorCode } from '../api-error';
import { bodyObject, zodDetails } from '../request-input';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface OperationResponse {
  description: string;
  /** The JSON body; none for 204 (or a body of another content type, given by `content`). */
  schema?: z.ZodType;
  /** Another content type than JSON (the docs page's HTML), with its schema. */
  content?: Record<string, { schema: z.ZodType }>;
}

/**
 * One route of the API as the handler validates and answers it, and as the OpenAPI document shows it: the
 * same zod schemas for both (ENGINE.md 11.1). Its role comes from the route table (security/route-table.ts).
 */
export interface Operation {
  method: HttpMethod;
  /** As Express writes it: `/api/processes/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  /** The JSON request body. */
  body?: z.ZodType;
  responses: Record<number, OperationResponse>;
  /** The error codes the handler answers with (401/403/429/503 of the security and outages are added). */
  errors: readonly ApiErrorCode[];
}

/** Keeps an operation's literal types, so that `reply` checks a handler's answer against its schema. */
export function defineOperation<const T extends Operation>(operation: T): T {
  return operation;
}

type Schema<T, K extends keyof T> = T[K] extends z.ZodType ? T[K] : never;

/** The query parameters, parsed by the operation's schema: 400 VALIDATION_FAILED naming each bad one. */
export function queryOf<T extends Operation & { query: z.ZodObject }>(
  operation: T,
  req: Request,
): z.output<Schema<T, 'query'>> {
  const parsed = operation.query.safeParse(req.query);
  if (!parsed.success) throw new ApiError('VALIDATION_FAILED', 'invalid query parameters', zodDetails(parsed.error));
  return parsed.data as z.output<Schema<T, 'query'>>;
}

/** The JSON body (no body is `{}`), parsed by the operation's schema: 400 VALIDATION_FAILED naming each path. */
export function bodyOf<T extends Operation & { body: z.ZodType }>(
  operation: T,
  req: Request,
  message = 'invalid request body',
): z.output<Schema<T, 'body'>> {
  const parsed = operation.body.safeParse(bodyObject(req));
  if (!parsed.success) throw new ApiError('VALIDATION_FAILED', message, zodDetails(parsed.error));
  return parsed.data as z.output<Schema<T, 'body'>>;
}

type ResponseBody<T extends Operation, S extends keyof T['responses']> = T['responses'][S] extends {
  schema: z.ZodType;
}
  ? z.input<T['responses'][S]['schema']>
  : never;

/**
 * Answers with the operation's status and a body of its response schema: a handler that answers anything
 * else does not compile. Where the app checks responses (the test stack), the body is parsed by that schema
 * too, so that every integration test holds the document to what the API really sends.
 */
export function reply<T extends Operation, S extends keyof T['responses'] & number>(
  res: Response,
  operation: T,
  status: S,
  body: ResponseBody<T, S>,
): void {
  const schema = operation.responses[status]?.schema;
  if (res.locals.checkResponses === true && schema) {
    const checked = schema.safeParse(body);
    if (!checked.success) {
      throw new Error(
        `the answer of ${operation.operationId} (${status}) does not match its OpenAPI schema: ${JSON.stringify(zodDetails(checked.error))}`,
      );
    }
  }
  res.status(status).json(body);
}

/** 204 without a body. */
export function replyEmpty<T extends Operation>(
  res: Response,
  _operation: T,
  status: 204 & keyof T['responses'],
): void {
  res.status(status).end();
}
