import type { ChaosStack } from '../chaos-stack';
import { sleep } from '../shell';

/** What the API answered while a dependency was down (ENGINE.md 15.2). */
export interface OutageAnswers {
  /** 503 SERVICE_UNAVAILABLE with Retry-After and a message naming the service. */
  good: number;
  /** Any other 5xx, or a 503 without code, Retry-After or the service's name. */
  bad: Record<string, number>;
  /** /health/ready answered 503 naming the service. */
  readyNamesService: boolean;
  /** Starts accepted during the outage (fine: PostgreSQL holds them), with their process ids. */
  acknowledged: string[];
}

/** Asks the API a read, a start and /health/ready every 250 ms until `over()` says the outage is over. */
export async function probeDuringOutage(
  stack: ChaosStack,
  scenario: string,
  service: 'postgresql' | 'redis',
  over: () => boolean,
): Promise<OutageAnswers> {
  const answers: OutageAnswers = { good: 0, bad: {}, readyNamesService: false, acknowledged: [] };
  const bad = (what: string) => (answers.bad[what] = (answers.bad[what] ?? 0) + 1);
  const named = new RegExp(service === 'postgresql' ? 'postgres' : 'redis', 'i');
  let seq = 0;
  while (!over()) {
    const requests: [string, RequestInit][] = [
      [`/api/processes?limit=5`, { headers: stack.authorization }],
      [
        `/api/processes/chaos_steps`,
        {
          method: 'POST',
          headers: {
            ...stack.authorization,
            'content-type': 'application/json',
            'idempotency-key': `${scenario}-probe-${seq}`,
          },
          body: JSON.stringify({ scenario, seq: 100000 + seq }),
        },
      ],
    ];
    seq += 1;
    for (const [path, init] of requests) {
      try {
        const res = await fetch(`${stack.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(10000) });
        const text = await res.text();
        if (res.status < 500) {
          if (res.status === 201 || res.status === 200) {
            const id = (JSON.parse(text) as { id?: string }).id;
            if (id) answers.acknowledged.push(id);
          }
          continue;
        }
        const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
        if (
          res.status === 503 &&
          code === 'SERVICE_UNAVAILABLE' &&
          res.headers.get('retry-after') &&
          named.test(text)
        ) {
          answers.good += 1;
        } else bad(`${res.status}${code ? ` ${code}` : ''}`);
      } catch (error) {
        bad((error as Error).name === 'TimeoutError' ? 'no answer in 10 s' : 'connection failed');
      }
    }
    try {
      const ready = await fetch(`${stack.baseUrl}/health/ready`, { signal: AbortSignal.timeout(10000) });
      if (ready.status === 503 && saysDown(await ready.text(), service)) answers.readyNamesService = true;
    } catch {
      // counted through the other requests
    }
    await sleep(250);
  }
  return answers;
}

/** `{"checks": {"database": false}}`, or a text naming the service. */
function saysDown(text: string, service: 'postgresql' | 'redis'): boolean {
  try {
    const checks = (JSON.parse(text) as { checks?: Record<string, unknown> }).checks ?? {};
    const keys = service === 'postgresql' ? ['database', 'postgres', 'postgresql'] : ['redis'];
    if (keys.some((key) => checks[key] === false)) return true;
  } catch {
    // not JSON
  }
  return new RegExp(service === 'postgresql' ? 'postgres' : 'redis', 'i').test(text);
}

/** `requireReadiness`: the outage lasted long enough for /health/ready to be asked while it went on. */
export function outageFailures(answers: OutageAnswers, service: string, requireReadiness: boolean): string[] {
  const failures: string[] = [];
  const bad = Object.entries(answers.bad);
  if (bad.length > 0) {
    const list = bad.map(([what, n]) => `${n}× ${what}`).join(', ');
    failures.push(
      `while ${service} was down the API answered ${list}, not 503 SERVICE_UNAVAILABLE with Retry-After (ENGINE.md 15.2)`,
    );
  }
  if (requireReadiness && !answers.readyNamesService)
    failures.push(`/health/ready did not say that ${service} was down`);
  return failures;
}
