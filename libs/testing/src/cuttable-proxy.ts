import net from 'node:net';

/**
 * A TCP proxy on a free loopback port in front of a real service, whose link a test can cut: `cut()`
 * drops every open connection and closes each new one at once, as a service that went away looks to its
 * clients; `restore()` relays again. How tests take PostgreSQL or Redis "down" without touching the
 * machine's services.
 */
export class CuttableProxy {
  private readonly sockets = new Set<net.Socket>();
  private isCut = false;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<CuttableProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const proxy = new CuttableProxy(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (client) => proxy.accept(client, target));
    return proxy;
  }

  /** The same URL with its host and port replaced by the proxy's. */
  url(serviceUrl: string): string {
    const url = new URL(serviceUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  get cutOff(): boolean {
    return this.isCut;
  }

  cut(): void {
    this.isCut = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.isCut = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket, target: { host: string; port: number }): void {
    if (this.isCut) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: target.host, port: target.port });
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

/** Host and port of a postgres:// or redis:// URL. */
export function serviceAddress(serviceUrl: string, defaultPort: number): { host: string; port: number } {
  const url = new URL(serviceUrl);
  return { host: url.hostname || '127.0.0.1', port: url.port ? Number(url.port) : defaultPort };
}
