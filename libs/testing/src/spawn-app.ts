import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface SpawnedApp {
  child: ChildProcess;
  /** Everything the process wrote, for assertions and for debugging a failed test. */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
}

/** Runs an app's main.ts (for example apps/worker/src/main.ts) in a child process with the given env. */
export function spawnApp(mainPath: string, env: Record<string, string>, nodeArgs: string[] = []): SpawnedApp {
  // As the npm start scripts run them: TypeScript compiled on load by tsx's CommonJS hook.
  const child = spawn(process.execPath, [...nodeArgs, '--require', 'tsx/cjs', path.join(REPO_ROOT, mainPath)], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return { child, output: () => output, exited };
}
