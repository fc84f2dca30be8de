/**
 * Everything the chaos run starts registers how to undo it here; `runCleanup` undoes it in reverse order,
 * once, on a normal end, on a failure and on Ctrl-C or SIGTERM alike.
 */
type Undo = { what: string; undo: () => Promise<void> | void };

const undos: Undo[] = [];
let running: Promise<void> | undefined;

export function onCleanup(what: string, undo: Undo['undo']): void {
  undos.push({ what, undo });
}

export function runCleanup(): Promise<void> {
  running ??= (async () => {
    for (const { what, undo } of undos.splice(0).reverse()) {
      try {
        await undo();
      } catch (error) {
        process.stderr.write(`chaos: cleanup of ${what} failed: ${(error as Error).message}\n`);
      }
    }
  })();
  return running;
}

/** Ctrl-C and SIGTERM clean up before the run exits (130 and 143, as a shell reports them). */
export function cleanUpOnSignals(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nchaos: ${signal}, cleaning up\n`);
      void runCleanup().finally(() => process.exit(code));
    });
  }
}
