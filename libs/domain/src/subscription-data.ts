import type { ProductDefinition } from '@orchestrator/engine';

export interface DataProblem {
  readonly path: string;
  readonly message: string;
}

export type DataCheck =
  | { readonly ok: true; readonly data: Record<string, unknown> }
  | { readonly ok: false; readonly problems: DataProblem[] };

/** Validates subscription data against the product's schema; what is stored is the parsed value. */
export function checkSubscriptionData(product: Pick<ProductDefinition, 'data'>, data: unknown): DataCheck {
  const parsed = product.data.safeParse(data);
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
