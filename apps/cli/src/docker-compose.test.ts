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
        profiles?: string[];
        volumes?: string[];
      }
    >;
  };

  const byDefault = () => Object.keys(compose.services).filter((name) => !compose.services[name]?.profiles);

  it('runs postgres, redis, a one-shot migrate service, the api and two worker replicas', () => {
    expect(byDefault().sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
    expect(compose.services.worker?.deploy?.replicas).toBe(2);
    expect(compose.services.migrate?.command).toEqual(['npm', 'run', 'migrate']);
  });

  it('adds Prometheus and Grafana, provisioned from observability/, with the observability profile', () => {
    const profiled = Object.keys(compose.services).filter((name) => compose.services[name]?.profiles);
    expect(profiled.sort()).toEqual(['grafana', 'prometheus']);
    for (const name of profiled) expect(compose.services[name]?.profiles).toEqual(['observability']);
    expect(compose.services.prometheus?.volumes).toContain(
      './observability/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
    );
    expect(compose.services.grafana?.volumes).toContain(
      './observability/grafana/dashboards:/var/lib/grafana/dashboards:ro',
    );
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
