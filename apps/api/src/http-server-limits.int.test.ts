import http, { type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import express from 'express';
import { waitFor } from '@orchestrator/testing';
import { applyHttpServerLimits, type HttpServerLimits } from './http-server-limits';

// A real HTTP server on a free port, with the limits shortened so that the test waits seconds, not minutes.
const SHORT: HttpServerLimits = {
  headersTimeoutMs: 1000,
  requestTimeoutMs: 1500,
  keepAliveTimeoutMs: 1000,
  maxConnections: 1000,
  checkIntervalMs: 100,
};

interface RawConnection {
  socket: net.Socket;
  closed: Promise<void>;
  isClosed(): boolean;
  received(): string;
}

/** A TCP connection that sends `payload` (or nothing) and then goes quiet, as a slow or stuck client does. */
function rawConnection(port: number, payload = ''): RawConnection {
  const socket = net.connect(port, '127.0.0.1', () => {
    if (payload) socket.write(payload);
  });
  let received = '';
  let isClosed = false;
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) =>
    socket.on('close', () => {
      isClosed = true;
      resolve();
    }),
  );
  return { socket, closed, isClosed: () => isClosed, received: () => received };
}

const PARTIAL_HEADERS = 'GET /ok HTTP/1.1\r\nHost: orchestrator\r\nX-Slow: ';
const SHORT_BODY =
  'POST /echo HTTP/1.1\r\nHost: orchestrator\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":';

async function startServer(limits: HttpServerLimits): Promise<{ server: Server; port: number }> {
  const app = express();
  app.use(express.json());
  app.get('/ok', (_req, res) => void res.json({ ok: true }));
  app.post('/echo', (req, res) => void res.json(req.body));
  const server = applyHttpServerLimits(http.createServer(app), limits);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

const openConnections = (server: Server) =>
  new Promise<number>((resolve, reject) => server.getConnections((error, n) => (error ? reject(error) : resolve(n))));

describe('slow or stuck clients cannot hold the API (ENGINE.md 15.3)', () => {
  let server: Server;
  let port: number;
  const connections: RawConnection[] = [];
  const connect = (payload?: string) => {
    const connection = rawConnection(port, payload);
    connections.push(connection);
    return connection;
  };

  afterEach(async () => {
    for (const connection of connections.splice(0)) connection.socket.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('answers 408 and closes a connection whose headers never complete', async () => {
    ({ server, port } = await startServer(SHORT));
    const connection = connect(PARTIAL_HEADERS);
    await waitFor(() => connection.isClosed(), { timeoutMs: 10000, what: 'the server to close the connection' });
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('answers 408 and closes a request whose body is shorter than its Content-Length', async () => {
    ({ server, port } = await startServer(SHORT));
    const connection = connect(SHORT_BODY);
    await waitFor(() => connection.isClosed(), { timeoutMs: 10000, what: 'the server to close the connection' });
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection on which nothing at all is sent', async () => {
    ({ server, port } = await startServer(SHORT));
    const connection = connect();
    await waitFor(() => connection.isClosed(), { timeoutMs: 10000, what: 'the server to close the connection' });
  });

  it('serves other clients while 500 stuck connections are held open, then closes every stuck one', async () => {
    // Long enough that all 500 are still held while the other clients are served.
    ({ server, port } = await startServer({ ...SHORT, headersTimeoutMs: 5000, requestTimeoutMs: 6000 }));
    const stuck = Array.from({ length: 500 }, (_, i) => connect(i % 2 === 0 ? PARTIAL_HEADERS : SHORT_BODY));
    await waitFor(async () => (await openConnections(server)) >= 500, { what: '500 connections to be open' });

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? fetch(`http://127.0.0.1:${port}/ok`).then((res) => res.status)
          : fetch(`http://127.0.0.1:${port}/echo`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ i }),
            }).then((res) => res.status),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 20 }, () => 200));
    expect(stuck.filter((connection) => connection.isClosed())).toHaveLength(0);

    await Promise.all(stuck.map((connection) => connection.closed));
    expect(stuck.filter((connection) => !/^HTTP\/1\.1 408 /.test(connection.received()))).toHaveLength(0);
  });

  it('drops connections beyond maxConnections and takes new ones once there is room again', async () => {
    ({ server, port } = await startServer({
      ...SHORT,
      headersTimeoutMs: 30000,
      requestTimeoutMs: 30000,
      maxConnections: 20,
    }));
    const held = Array.from({ length: 20 }, () => connect(PARTIAL_HEADERS));
    await waitFor(async () => (await openConnections(server)) === 20, { what: '20 connections to be open' });

    const refused = connect('GET /ok HTTP/1.1\r\nHost: orchestrator\r\n\r\n');
    await refused.closed;
    expect(refused.received()).toBe('');

    for (const connection of held) connection.socket.destroy();
    await waitFor(async () => (await openConnections(server)) === 0, { what: 'the held connections to be gone' });
    expect((await fetch(`http://127.0.0.1:${port}/ok`)).status).toBe(200);
  });
});
