import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, type SpawnedApp } from './orchestrator-packages/testing';

/** A "host": a network namespace joined to the root namespace by a veth pair. */
export interface NetnsHost {
  namespace: string;
  /** The host's own address (inside the namespace). */
  address: string;
  /** The root namespace's end of the pair: where the host reaches PostgreSQL and Redis (the forwarder). */
  gateway: string;
  rootLink: string;
}

const PREFIX = 'orch-bench-';
export const MAX_HOSTS = 4;

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/**
 * Creates `count` namespaces named after this process (orch-bench-<pid>-h<i>), each with a /30 of
 * 10.213.0.0/16 chosen from the pid so that two benches at once do not collide.
 */
export function createHosts(count: number): NetnsHost[] {
  if (count > MAX_HOSTS) throw new Error(`at most ${MAX_HOSTS} hosts`);
  const hosts: NetnsHost[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const subnet = `10.213.${(process.pid % 60) * 4 + i}`;
      const host: NetnsHost = {
        namespace: `${PREFIX}${process.pid}-h${i}`,
        address: `${subnet}.2`,
        gateway: `${subnet}.1`,
        rootLink: `obr${process.pid}h${i}`,
      };
      const nsLink = `obn${process.pid}h${i}`;
      ip('netns', 'add', host.namespace);
      hosts.push(host);
      ip('link', 'add', host.rootLink, 'type', 'veth', 'peer', 'name', nsLink);
      ip('link', 'set', nsLink, 'netns', host.namespace);
      ip('addr', 'add', `${host.gateway}/30`, 'dev', host.rootLink);
      ip('link', 'set', host.rootLink, 'up');
      ip('-n', host.namespace, 'addr', 'add', `${host.address}/30`, 'dev', nsLink);
      ip('-n', host.namespace, 'link', 'set', nsLink, 'up');
      ip('-n', host.namespace, 'link', 'set', 'lo', 'up');
    }
    return hosts;
  } catch (error) {
    removeHosts(hosts);
    throw new Error(`could not create network namespaces (root and iproute2 needed): ${String(error)}`, {
      cause: error,
    });
  }
}

/** Deleting a namespace deletes the veth end inside it and with it the pair; the root end is removed in case. */
export function removeHosts(hosts: readonly NetnsHost[]): void {
  for (const host of hosts) {
    for (const args of [
      ['netns', 'del', host.namespace],
      ['link', 'del', host.rootLink],
    ]) {
      try {
        ip(...args);
      } catch {
        // already gone
      }
    }
  }
}

/** Removes the namespaces of benches that died without cleaning up (their pid no longer runs). */
export function removeStaleHosts(): void {
  let list = '';
  try {
    list = ip('netns', 'list');
  } catch {
    return;
  }
  for (const name of list.split('\n').map((line) => line.split(' ')[0] ?? '')) {
    const match = new RegExp(`^${PREFIX}(\\d+)-h(\\d+)$`).exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    removeHosts([{ namespace: name, address: '', gateway: '', rootLink: `obr${match[1]}h${match[2]}` }]);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs an app's main.ts inside a host's namespace, as spawnApp does on this host (same pid: ip execs node). */
export function spawnInHost(
  host: NetnsHost,
  mainPath: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): SpawnedApp {
  const args = ['netns', 'exec', host.namespace, process.execPath, ...nodeArgs, '--require', 'tsx/cjs'];
  const child = spawn('ip', [...args, path.join(REPO_ROOT, mainPath)], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return { child, output: () => output, exited };
}
