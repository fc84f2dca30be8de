import net from 'node:net';

export interface ForwardRoute {
  listenHost: string;
  listenPort: number;
  targetHost: string;
  targetPort: number;
}

/** `10.213.0.1:5432>127.0.0.1:5432,10.213.0.1:6379>127.0.0.1:6379` */
export function parseRoutes(spec: string): ForwardRoute[] {
  return spec
    .split(',')
    .filter(Boolean)
    .map((route) => {
      const match = /^([^:>]+):(\d+)>([^:>]+):(\d+)$/.exec(route.trim());
      if (!match) throw new Error(`bad route "${route}": expected listenHost:port>targetHost:port`);
      const [, listenHost, listenPort, targetHost, targetPort] = match;
      return {
        listenHost: listenHost as string,
        listenPort: Number(listenPort),
        targetHost: targetHost as string,
        targetPort: Number(targetPort),
      };
    });
}

export function formatRoutes(routes: readonly ForwardRoute[]): string {
  return routes.map((r) => `${r.listenHost}:${r.listenPort}>${r.targetHost}:${r.targetPort}`).join(',');
}

/** Relays every connection to the route's target, byte for byte, with Nagle off on both sides. */
export function forward(route: ForwardRoute): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: route.targetHost, port: route.targetPort });
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(route.listenPort, route.listenHost, () => resolve(server));
  });
}

// Run as its own process by the horizontal bench (FORWARD=routes), so that its CPU is counted apart.
if (require.main === module) {
  const routes = parseRoutes(process.env.FORWARD ?? '');
  Promise.all(routes.map(forward)).then(
    () => process.stdout.write(`forwarding ${formatRoutes(routes)}\n`),
    (error: unknown) => {
      process.stderr.write(`forwarder: ${String(error)}\n`);
      process.exit(1);
    },
  );
  process.on('SIGTERM', () => process.exit(0));
}
