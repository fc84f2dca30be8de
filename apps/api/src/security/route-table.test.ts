import { matchRoute, ROUTE_TABLE } from './route-table';

const nameOf = (method: string, path: string) => matchRoute(ROUTE_TABLE, method, path)?.name ?? null;

describe('matching a request against the route table', () => {
  it('prefers a literal segment to a parameter, as the routers register them', () => {
    expect(nameOf('GET', '/api/processes/status-counts')).toBe('GET /api/processes/status-counts');
    expect(nameOf('GET', '/api/processes/6f0c')).toBe('GET /api/processes/:id');
    expect(nameOf('PUT', '/api/processes/resume-all')).toBe('PUT /api/processes/resume-all');
    expect(nameOf('PUT', '/api/processes/6f0c/resume')).toBe('PUT /api/processes/:id/resume');
  });

  it('matches as Express does: literal segments without case, an optional trailing slash, HEAD as GET', () => {
    expect(nameOf('GET', '/API/Processes/')).toBe('GET /api/processes');
    expect(nameOf('HEAD', '/api/workflows')).toBe('GET /api/workflows');
    expect(nameOf('delete', '/api/processes/6f0c')).toBe('DELETE /api/processes/:id');
  });

  it('matches nothing for another method, an empty parameter, or more segments than the pattern', () => {
    expect(nameOf('POST', '/api/workflows')).toBeNull();
    expect(nameOf('GET', '/api/processes//abort')).toBeNull();
    expect(nameOf('GET', '/api/processes/6f0c/steps/1')).toBeNull();
    expect(nameOf('GET', '/health')).toBeNull();
  });

  it('gives Bull Board GET to read and every other method to the refusal, below its mount path too', () => {
    expect(matchRoute(ROUTE_TABLE, 'GET', '/admin/queues')?.rule.access).toBe('read');
    expect(matchRoute(ROUTE_TABLE, 'GET', '/admin/queues/api/queues')?.rule.access).toBe('read');
    expect(matchRoute(ROUTE_TABLE, 'PUT', '/admin/queues/api/queues/steps/retry/failed')?.rule.access).toBe('refused');
    expect(matchRoute(ROUTE_TABLE, 'POST', '/admin/queues')?.rule.access).toBe('refused');
  });

  it('names a callback route by its pattern, never by the token in the path', () => {
    expect(nameOf('POST', '/api/processes/6f0c/callback/SECRET-TOKEN-123456/progress')).toBe(
      'POST /api/processes/:id/callback/:token/progress',
    );
  });

  it('has one rule per method and path, each with an action name', () => {
    const keys = ROUTE_TABLE.map((rule) => `${rule.method} ${rule.path.replace(/:\w+/g, ':')}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const rule of ROUTE_TABLE) expect(rule.action).toMatch(/^[a-z-]+\.[a-z-]+$/);
  });
});
