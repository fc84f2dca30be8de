import { spawnApp, waitFor } from './orchestrator-packages/testing';
import { onExit } from './exit-cleanup';
import { createHosts, removeHosts, removeStaleHosts, spawnInHost, type NetnsHost } from './netns-hosts';
import { OrchestratorUnderTest, WORKER_MAIN, type StackSettings } from './orchestrator-run';
import { formatRoutes, type ForwardRoute } from './tcp-forwarder';

const FORWARDER_MAIN = 'apps/cli/src/bench/tcp-forwarder.ts';

export interface HorizontalStack {
  orchestrator: OrchestratorUnderTest;
  hosts: NetnsHost[];
  /** Stops the stack and the forwarder and removes the namespaces (also done on exit if this is never called). */
  stop(): Promise<void>;
}

/** The URL with its host and port replaced: how a worker in a namespace reaches the service. */
function via(url: string, host: string): string {
  const parsed = new URL(url);
  parsed.hostname = host;
  return parsed.toString();
}

const portOf = (url: string, fallback: number) => Number(new URL(url).port || fallback);

/**
 * The orchestrator with its workers spread over `hostCount` network namespaces ("hosts"), the API on this
 * one. The machine's PostgreSQL and Redis listen on loopback only and stay as they are: a forwarder process
 * in the root namespace listens on each host's gateway address and relays to them.
 */
export async function startHorizontalStack(settings: StackSettings, hostCount: number): Promise<HorizontalStack> {
  removeStaleHosts();
  const hosts = createHosts(hostCount);
  const removeOnExit = onExit(() => removeHosts(hosts));
  const pg = new URL(settings.databaseUrl);
  const redis = new URL(settings.redisUrl);
  const routes: ForwardRoute[] = hosts.flatMap((host) => [
    {
      listenHost: host.gateway,
      listenPort: portOf(settings.databaseUrl, 5432),
      targetHost: pg.hostname,
      targetPort: portOf(settings.databaseUrl, 5432),
    },
    {
      listenHost: host.gateway,
      listenPort: portOf(settings.redisUrl, 6379),
      targetHost: redis.hostname,
      targetPort: portOf(settings.redisUrl, 6379),
    },
  ]);
  const forwarder = spawnApp(FORWARDER_MAIN, { FORWARD: formatRoutes(routes) });
  const killOnExit = onExit(() => forwarder.child.kill('SIGKILL'));
  const orchestrator = new OrchestratorUnderTest({
    ...settings,
    launchWorker: (env, nodeArgs, index) => {
      const host = hosts[index % hosts.length] as NetnsHost;
      const hostEnv = {
        ...env,
        DATABASE_URL: via(env.DATABASE_URL ?? settings.databaseUrl, host.gateway),
        REDIS_URL: via(env.REDIS_URL ?? settings.redisUrl, host.gateway),
      };
      return spawnInHost(host, WORKER_MAIN, hostEnv, nodeArgs);
    },
    cpuTrees: { forwarder: forwarder.child.pid ? [forwarder.child.pid] : [] },
  });
  const stop = async () => {
    await orchestrator.stop();
    forwarder.child.kill('SIGTERM');
    await forwarder.exited;
    killOnExit();
    removeOnExit();
  };
  try {
    const listening = await waitFor(
      () => (forwarder.child.exitCode !== null ? 'exited' : forwarder.output().includes('forwarding') && 'listening'),
      { timeoutMs: 30000, intervalMs: 50, what: 'the forwarder to listen' },
    );
    if (listening === 'exited') throw new Error(`the forwarder exited: ${forwarder.output()}`);
    await orchestrator.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { orchestrator, hosts, stop };
}
