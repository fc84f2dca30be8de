import { formatRoutes, parseRoutes } from './tcp-forwarder';

describe('forwarder routes', () => {
  it('round-trips listen and target addresses', () => {
    const spec = '10.213.4.1:5432>127.0.0.1:5432,10.213.4.1:6379>127.0.0.1:6379';
    expect(parseRoutes(spec)[1]).toEqual({
      listenHost: '10.213.4.1',
      listenPort: 6379,
      targetHost: '127.0.0.1',
      targetPort: 6379,
    });
    expect(formatRoutes(parseRoutes(spec))).toBe(spec);
  });

  it('refuses a route without a target', () => {
    expect(() => parseRoutes('10.213.4.1:5432')).toThrow('bad route');
  });
});
