import { INSTANCE_ID_KEY, OWNER_ID_KEY, type ProductDefinition } from '@orchestrator/engine';

export interface DataProblem {
  readonly path: string;
  readonly message: string;
}

export type DataCheck =
  | { readonly ok: true; readonly data: Record<string, unknown> }
  | { readonly ok: false; readonly problems: DataProblem[] };

/** Validates subscription data against the product's schema; what is stored is the parsed value. */
export function checkSubscriptionData(product: Pick<ProductDefinition, 'data'>, data: unknown): DataCheck {
  if (!product.data)
    return { ok: false, problems: [{ path: '', message: 'the product has blocks, not a flat schema' }] };
  const parsed = product.data.safeParse(withoutIdentity(data));
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }
  const value: unknown = parsed.data;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [{ path: '', message: 'subscription data must be an object' }] };
  }
  return { ok: true, data: value as Record<string, unknown> };
}

/** One line for an error message: `hostname: Invalid string; role: Invalid option`. */
export function describeProblems(problems: readonly DataProblem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ');
}

/**
 * The data of a flat product without the identity of its root instance (which `load` shows): so that a
 * model loaded and saved back, or data copied from the API, passes a strict schema.
 */
export function withoutIdentity(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const { [INSTANCE_ID_KEY]: _id, [OWNER_ID_KEY]: _owner, ...rest } = data as Record<string, unknown>;
  return rest;
}
