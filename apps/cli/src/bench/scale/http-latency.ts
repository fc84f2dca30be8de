import { BENCH_AUTHORIZATION } from '../bench-credentials';
import type { NamedQuery } from '../settings';
import { percentile } from '../stats';

export interface QueryFigure {
  name: string;
  path: string;
  status: number;
  p50_ms?: number;
  p95_ms?: number;
  max_ms?: number;
  response_bytes?: number;
  /** The error an unsupported query was answered with (a 400 for a parameter the API does not know yet). */
  error?: unknown;
}

/** Fills `{name}` placeholders and percent-encodes the query string (`q=a b` becomes `q=a+b`). */
export function resolvePath(path: string, placeholders: Record<string, string>): string {
  const filled = path.replace(/\{(\w+)\}/g, (match, name: string) => placeholders[name] ?? match);
  const [pathname, query] = filled.split('?', 2) as [string, string | undefined];
  if (!query) return pathname;
  const params = new URLSearchParams();
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=');
    params.append(at < 0 ? pair : pair.slice(0, at), at < 0 ? '' : pair.slice(at + 1));
  }
  return `${pathname}?${params.toString()}`;
}

/**
 * p50/p95/max of each query, `requests` times one after the other after two unmeasured ones. A query
 * answered with anything but 200 is reported with its status and error body, not timed, and does not stop
 * the bench: the search parameter `q` is refused with 400 until the API has it.
 */
export async function measureQueries(
  baseUrl: string,
  queries: readonly NamedQuery[],
  placeholders: Record<string, string>,
  requests: number,
): Promise<QueryFigure[]> {
  const figures: QueryFigure[] = [];
  for (const query of queries) {
    const path = resolvePath(query.path, placeholders);
    const first = await fetch(`${baseUrl}${path}`, { headers: BENCH_AUTHORIZATION });
    const body = await first.text();
    if (first.status !== 200) {
      figures.push({ name: query.name, path, status: first.status, error: errorOf(body) });
      continue;
    }
    await (await fetch(`${baseUrl}${path}`, { headers: BENCH_AUTHORIZATION })).arrayBuffer();
    const latencies: number[] = [];
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}${path}`, { headers: BENCH_AUTHORIZATION });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
    }
    figures.push({
      name: query.name,
      path,
      status: 200,
      p50_ms: percentile(latencies, 0.5),
      p95_ms: percentile(latencies, 0.95),
      max_ms: percentile(latencies, 1),
      response_bytes: Buffer.byteLength(body),
    });
  }
  return figures;
}

function errorOf(body: string): unknown {
  try {
    return (JSON.parse(body) as { error?: unknown }).error ?? body.slice(0, 300);
  } catch {
    return body.slice(0, 300);
  }
}
