import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GeneratedFile } from './product-files';

/** Writes the files into `folder` (created if missing); refuses to overwrite a file unless `force`. */
export function writeGenerated(folder: string, files: readonly GeneratedFile[], force = false): string[] {
  const targets = files.map((file) => ({ ...file, absolute: path.resolve(folder, file.path) }));
  const existing = targets.filter((t) => existsSync(t.absolute));
  if (existing.length > 0 && !force) {
    throw new Error(`would overwrite ${existing.map((t) => t.absolute).join(', ')} (use --force)`);
  }
  mkdirSync(folder, { recursive: true });
  for (const target of targets) writeFileSync(target.absolute, target.text);
  return targets.map((t) => t.absolute);
}
