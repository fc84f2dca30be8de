import net from 'node:net';
import { percentile } from '../latency';
import { seconds, type Scenario, type ScenarioReport } from '../scenario-report';
import { sleep } from '../shell';

/** A connection that sends half a request and then nothing (ENGINE.md 15.3). */
function stuckConnection(port: number, halfHeaders: boolean) {
  const payload = halfHeaders
    ? 'GET /api/workflows HTTP/1.1\r\nHost: orchestrator\r\nX-Slow: '
    : 'POST /api/processes/chaos_steps HTTP/1.1\r\nHost: orchestrator\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"scenario":';
  let closedAt: number | undefined;
  let connected = false;
  const socket = net.connect(port, '127.0.0.1', () => {
    connected = true;
    socket.write(payload);
  });
  socket.on('data', () => undefined);
  socket.on('error', () => undefined);
  socket.on('close', () => (closedAt = Date.now()));
  return { socket, connected: () => connected, closedAt: () => closedAt };
}

/** Half-sent requests held open against the API while other clients are served. */
export const slowClients: Scenario = {
  name: 'slow-clients',
  title: 'half-sent requests held open; other clients served meanwhile; the held ones closed within 60 s',
  async run({ stack, settings }): Promise<ScenarioReport> {
    const port = Number(new URL(stack.baseUrl).port);
    const openedAt = Date.now();
    const held = Array.from({ length: settings.slowClients }, (_, i) => stuckConnection(port, i % 2 === 0));
    while (Date.now() - openedAt < 10000 && held.some((c) => !c.connected() && c.closedAt() === undefined))
      await sleep(20);
    const latencies: number[] = [];
    let failed = 0;
    for (let i = 0; i < 50; i++) {
      const sent = performance.now();
      const res = await fetch(`${stack.baseUrl}/api/processes?limit=5`, {
        headers: stack.authorization,
        signal: AbortSignal.timeout(10000),
      }).catch(() => undefined);
      await res?.text();
      if (res?.status === 200) latencies.push(performance.now() - sent);
      else failed += 1;
    }
    const stillHeld = held.filter((c) => c.closedAt() === undefined).length;
    const deadline = openedAt + 65000;
    while (Date.now() < deadline && held.some((c) => c.closedAt() === undefined)) await sleep(100);
    const open = held.filter((c) => c.closedAt() === undefined).length;
    for (const c of held) c.socket.destroy();
    const closedWithin = Math.max(...held.map((c) => (c.closedAt() ?? Date.now()) - openedAt));
    const failures: string[] = [];
    const slowest = Math.max(0, ...latencies);
    if (failed > 0 || slowest > 1000) {
      failures.push(
        `while they were held, ${failed} of 50 requests failed and the slowest took ${Math.round(slowest)} ms (ENGINE.md 15.3: within a second)`,
      );
    }
    if (open > 0)
      failures.push(`${open} half-sent requests still open after 65 s (ENGINE.md 15.3: closed within 60 s)`);
    return {
      name: 'slow-clients',
      other: {
        held: settings.slowClients,
        held_while_served: stillHeld,
        served_p50_ms: percentile(latencies, 0.5),
        served_max_ms: Math.round(slowest),
        closed_within_s: open > 0 ? 'never' : seconds(closedWithin),
      },
      failures,
    };
  },
};
