const cleanUps = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const cleanUp of cleanUps) {
    try {
      cleanUp();
    } catch {
      // best effort: the others still run
    }
  }
  cleanUps.clear();
}

/**
 * Runs `cleanUp` (synchronous) when the bench exits however it exits: normal end, an error through
 * runMain's process.exit, Ctrl-C or SIGTERM. Returns a function that runs it now and unregisters it.
 */
export function onExit(cleanUp: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', runAll);
    process.once('SIGINT', () => process.exit(130));
    process.once('SIGTERM', () => process.exit(143));
  }
  cleanUps.add(cleanUp);
  return () => {
    if (cleanUps.delete(cleanUp)) cleanUp();
  };
}
