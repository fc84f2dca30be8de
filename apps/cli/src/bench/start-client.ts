import { Agent, request } from 'node:http';

/**
 * The bench's HTTP client for start requests: node:http over kept-alive sockets, one per lane. It shares
 * the two cores with what it measures, and fetch (undici) cost about three times as much CPU per request
 * (driver_ms 658 for 1,500 starts).
 */
export class StartClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    private readonly headers: Record<string, string>,
    lanes: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: lanes });
  }

  /** POSTs `body` as JSON to `path`; resolves with the status and the parsed answer. */
  post(path: string, body: unknown): Promise<{ status: number; json: unknown; text: string }> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.baseUrl}${path}`,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            ...this.headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, json, text });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
