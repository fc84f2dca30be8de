import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** apps/ui: its Vite project (index.html, web/) and the build output (dist/) the API serves at /ui. */
export const UI_ROOT = resolve(__dirname, '..');
export const UI_DIST = join(UI_ROOT, 'dist');
const BUILT = join(UI_DIST, 'index.html');
const LOCK = join(UI_ROOT, '.build-lock');
// What the bundle is made of: the UI's own files and the typed client it imports.
const SOURCES = [
  join(UI_ROOT, 'web'),
  join(UI_ROOT, 'index.html'),
  join(UI_ROOT, 'vite.config.mts'),
  join(UI_ROOT, 'package.json'),
  resolve(UI_ROOT, '../../libs/client/src'),
];

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stat.mtimeMs);
}

/** Whether dist/ is missing or older than a source file. */
export function uiBuildIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((source) => existsSync(source) && newestChange(source) > built);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds the UI (vite build) when its build is missing or stale; `npm start` and the browser tests call it, so
 * a fresh clone needs no extra step. Parallel callers (Jest workers) wait for the one that builds.
 */
export function ensureUiBuilt(log: (line: string) => void = () => undefined, force = false): void {
  for (;;) {
    if (!force && !uiBuildIsStale()) return;
    try {
      mkdirSync(LOCK);
    } catch {
      // Someone else is building; a lock older than two minutes is from a build that died.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000)
        rmSync(LOCK, { recursive: true, force: true });
      sleep(250);
      continue;
    }
    try {
      if (!force && !uiBuildIsStale()) return;
      log('building the operator UI (apps/ui, vite build)');
      const vite = join(resolve(require.resolve('vite'), '../../..'), 'bin/vite.js');
      execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: UI_ROOT, stdio: 'inherit' });
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
