import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(path.resolve(__dirname, '../../../docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as {
    services: Record<
      string,
      {
        command?: string[];
        deploy?: { replicas?: number };
        depends_on?: Record<string, unknown>;
        environment?: Record<string, string>;
      }
    >;
  };

  it('runs postgres, redis, a one-shot migrate service, the api and two worker replicas', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
    expect(compose.services.worker?.deploy?.replicas).toBe(2);
    expect(compose.services.migrate?.command).toEqual(['npm', 'run', 'migrate']);
  });

  it('starts api and workers only after the migrations have been applied', () => {
    for (const name of ['api', 'worker']) {
      expect(compose.services[name]?.depends_on).toEqual({ migrate: { condition: 'service_completed_successfully' } });
    }
  });

  it('hands the API its admin key from the environment, and an empty one means none (the bootstrap key)', () => {
    expect(compose.services.api?.environment?.ADMIN_API_KEY).toBe('${ADMIN_API_KEY:-}');
  });
});
