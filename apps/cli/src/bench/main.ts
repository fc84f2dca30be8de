import { runMain } from './orchestrator-packages/runtime';
import { scaleBench } from './scale/scale-bench';
import { settingsSchema } from './settings';
import { throughputBench } from './throughput-bench';

const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

/**
 * `npm run bench`: throughput, latency and CPU cost against the floors and the DBOS peer.
 * `npm run bench seed`: the scale figures on a seeded database of 1,000,000 processes.
 * Options are environment variables (README.md next to this file).
 */
runMain(async () => {
  const settings = settingsSchema.parse(process.env);
  const command = process.argv[2] ?? 'throughput';
  if (command === 'seed') await scaleBench(settings, print);
  else if (command === 'throughput') await throughputBench(settings, print);
  else throw new Error(`unknown bench command "${command}": use no argument (throughput) or "seed"`);
  process.exit(0);
});
