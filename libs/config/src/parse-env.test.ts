import { ConfigError, parseEnv, redactConfigValue } from './index';

describe('parseEnv', () => {
  it('applies the documented defaults when nothing is set', () => {
    expect(parseEnv({})).toEqual({
      databaseUrl: 'postgres://root@127.0.0.1:5432/orchestrator',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 8080,
      publicUrl: 'http://localhost:8080',
      workerConcurrency: 8,
      workerChainSteps: 100,
      dbPoolSize: 10,
      workflowModules: [],
      logLevel: 'info',
      recoveryIntervalMs: 10000,
      shutdownTimeoutMs: 30000,
      stepLeaseMs: 30000,
      queuePrefix: '{orchestrator}',
      taskSchedules: {},
      auth: { disabled: false, adminApiKey: null, oidc: null },
      corsOrigins: [],
      trustProxy: false,
      workerHeartbeatMs: 5000,
      tracing: {
        tracesUrl: null,
        protocol: 'http/protobuf',
        serviceName: null,
        sampler: 'parentbased_always_on',
        samplerRatio: 1,
      },
    });
  });

  it('reads TRUST_PROXY as a number of proxies or their addresses', () => {
    expect(parseEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(parseEnv({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(parseEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.0.2.7',
    ]);
  });

  it('reads the OIDC settings with the default roles claim and role map', () => {
    const config = parseEnv({ OIDC_ISSUER: 'https://id.example.net/realms/noc', OIDC_AUDIENCE: 'orchestrator' });
    expect(config.auth.oidc).toEqual({
      issuer: 'https://id.example.net/realms/noc',
      audience: 'orchestrator',
      jwksUrl: null,
      rolesClaim: 'roles',
      roleMap: { read: 'read', operate: 'operate', admin: 'admin' },
      clientId: null,
      scope: 'openid profile email',
    });
  });

  it('reads the authentication and CORS variables as given', () => {
    const adminApiKey = `ork_${'a1B2'.repeat(8)}`;
    const config = parseEnv({
      AUTH_DISABLED: 'true',
      ADMIN_API_KEY: adminApiKey,
      OIDC_ISSUER: 'https://id.example.net/realms/noc',
      OIDC_AUDIENCE: 'orchestrator',
      OIDC_JWKS_URL: 'https://id.example.net/certs',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ROLE_MAP: 'noc-viewer=read, noc-engineer=operate,group=a=admin',
      OIDC_CLIENT_ID: 'orchestrator-ui',
      OIDC_SCOPE: 'openid email',
      CORS_ORIGINS: 'https://ui.example.net, http://localhost:5173/',
    });
    expect(config.auth).toEqual({
      disabled: true,
      adminApiKey,
      oidc: {
        issuer: 'https://id.example.net/realms/noc',
        audience: 'orchestrator',
        jwksUrl: 'https://id.example.net/certs',
        rolesClaim: 'realm_access.roles',
        roleMap: { 'noc-viewer': 'read', 'noc-engineer': 'operate', 'group=a': 'admin' },
        clientId: 'orchestrator-ui',
        scope: 'openid email',
      },
    });
    expect(config.corsOrigins).toEqual(['https://ui.example.net', 'http://localhost:5173']);
  });

  it('splits WORKFLOW_MODULES on commas and keeps REDIS_URL as given, database index included', () => {
    const config = parseEnv({ WORKFLOW_MODULES: ' a.ts, ./b/c.js ,', REDIS_URL: 'redis://cache:6380/3', PORT: '9000' });
    expect(config.workflowModules).toEqual(['a.ts', './b/c.js']);
    expect(config.redisUrl).toBe('redis://cache:6380/3');
    const sentinel = 'redis+sentinel://s1:26379,s2:26380/mymaster/1?sentinelPassword=pw';
    expect(parseEnv({ REDIS_URL: sentinel }).redisUrl).toBe(sentinel);
    expect(config.publicUrl).toBe('http://localhost:9000');
  });

  it('reads task schedules as name=cron entries, off included', () => {
    expect(parseEnv({ TASK_SCHEDULES: 'task_a=*/5 * * * *; task_b=off' }).taskSchedules).toEqual({
      task_a: '*/5 * * * *',
      task_b: 'off',
    });
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['RECOVERY_INTERVAL_MS', '50', /RECOVERY_INTERVAL_MS/],
    ['DATABASE_URL', 'mysql://x/y', /DATABASE_URL must be a URL starting with postgres:\/\//],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['PUBLIC_URL', 'orch.example.net', /PUBLIC_URL must be a URL starting with http:\/\/ or https:\/\//],
    ['QUEUE_PREFIX', 'a:b', /QUEUE_PREFIX must not contain ":"/],
    ['WORKER_CONCURRENCY', '0', /WORKER_CONCURRENCY/],
    ['TASK_SCHEDULES', 'task_clean_up_tasks', /TASK_SCHEDULES expects name=cron entries/],
    ['AUTH_DISABLED', 'yes', /AUTH_DISABLED must be true or false/],
    ['ADMIN_API_KEY', 'ork_short', /ADMIN_API_KEY must be "ork_" followed by at least 32 letters and digits/],
    ['OIDC_ISSUER', 'id.example.net', /OIDC_ISSUER must be a URL starting with http:\/\/ or https:\/\//],
    ['OIDC_AUDIENCE', 'orchestrator', /OIDC_AUDIENCE is set but OIDC_ISSUER is not/],
    ['OIDC_JWKS_URL', 'https://id.example.net/certs', /OIDC_JWKS_URL is set but OIDC_ISSUER is not/],
    ['OIDC_ROLES_CLAIM', 'realm_access..roles', /OIDC_ROLES_CLAIM must be a dotted claim path/],
    ['OIDC_ROLE_MAP', 'noc=superuser', /OIDC_ROLE_MAP expects claimValue=role entries .* got "noc=superuser"/],
    ['CORS_ORIGINS', 'https://ui.example.net/app', /CORS_ORIGINS expects origins like https:\/\/ui.example.net/],
    ['TRUST_PROXY', 'true', /TRUST_PROXY expects the number of proxies .* got "true"/],
    ['TRUST_PROXY', '10.0.0.0/33', /TRUST_PROXY expects the number of proxies/],
  ])('rejects an invalid %s with one line naming the variable', (name, value, message) => {
    let thrown: unknown;
    try {
      parseEnv({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('\n');
  });

  it('requires OIDC_AUDIENCE when OIDC_ISSUER is set', () => {
    expect(() => parseEnv({ OIDC_ISSUER: 'https://id.example.net/realms/noc' })).toThrow(
      /OIDC_AUDIENCE is required when OIDC_ISSUER is set/,
    );
  });
});

describe('parseEnv messages', () => {
  const messageFor = (env: Record<string, string>): string => {
    try {
      parseEnv(env);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('parseEnv accepted the environment');
  };

  it.each([
    [
      'a URL of the wrong scheme',
      'mysql://root:hunter2@db.example.net/orchestrator',
      'mysql://root:***@db.example.net',
    ],
    ['a URL that does not parse', 'postgres://root:hunter2@db.example.net:port/orchestrator', 'postgres://root:***@'],
    ['a password holding "@" and "/"', 'postgres://ops:hun/ter@2@db/x:y', 'postgres://ops:***@db'],
  ])('shows %s in DATABASE_URL with its password masked', (_case, value, shown) => {
    const message = messageFor({ DATABASE_URL: value });
    expect(message).toMatch(/^invalid configuration: DATABASE_URL /);
    expect(message).toContain(shown);
    expect(message).not.toMatch(/hunter2|hun\/ter|ter@2/);
  });

  it('masks the password of an invalid REDIS_URL, user name or not', () => {
    const message = messageFor({ REDIS_URL: 'http://:s3cret-pass@cache:6379' });
    expect(message).toContain('http://:***@cache:6379');
    expect(message).not.toContain('s3cret-pass');
  });

  it('names what is wrong with a malformed Sentinel REDIS_URL, passwords masked', () => {
    const message = messageFor({ REDIS_URL: 'redis+sentinel://:hunter2@s1:x/mymaster?sentinelPassword=s3cret' });
    expect(message).toMatch(/^invalid configuration: REDIS_URL has "s1:x" where a Sentinel host\[:port\] belongs; /);
    expect(message).toContain('(got "redis+sentinel://:***@s1:x/mymaster?sentinelPassword=***")');
    expect(message).not.toMatch(/hunter2|s3cret/);
  });

  it('keeps a URL without a password as it was given', () => {
    expect(messageFor({ DATABASE_URL: 'mysql://root@db:5432/x' })).toContain('(got "mysql://root@db:5432/x")');
  });
});

describe('redactConfigValue', () => {
  it.each(['ADMIN_API_KEY', 'OIDC_CLIENT_SECRET', 'GITHUB_TOKEN', 'SMTP_PASSWORD', 'api_key'])(
    'masks the whole value of %s, whose name says it is a secret',
    (name) => {
      expect(redactConfigValue(name, 'ork_0123456789abcdefghijklmnopqrstuv')).toBe('***');
    },
  );

  it('leaves a value that holds no credential alone', () => {
    expect(redactConfigValue('PORT', 'eighty')).toBe('eighty');
  });
});
