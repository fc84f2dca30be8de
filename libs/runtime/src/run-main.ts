import { limitHeapGrowth } from './heap-growth';

/**
 * Runs an app's main function; configuration and start-up errors end the process with one clear line
 * instead of a stack trace. The heap's growth between full collections is limited first (heap-growth.ts).
 */
export function runMain(main: () => Promise<unknown>): void {
  limitHeapGrowth();
  main().catch((error: unknown) => {
    const known = [
      'ConfigError',
      'ServiceUnavailableError',
      'WorkflowModuleError',
      'ProductModelError',
      'ProductDefinitionError',
    ];
    const e = error as Error;
    process.stderr.write(known.includes(e?.name) ? `${e.message}\n` : `fatal: ${e?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}
