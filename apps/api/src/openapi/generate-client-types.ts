import { writeFileSync } from 'node:fs';
import { clientTypesSource, CLIENT_TYPES_FILE } from './client-types';

/**
 * `npm run client:generate`: writes libs/client/src/api-types.ts from the current OpenAPI document; with
 * `--stdout`, prints it instead (client-types.test.ts compares that with the committed file).
 */
void clientTypesSource().then((source) => {
  if (process.argv.includes('--stdout')) {
    process.stdout.write(source);
    return;
  }
  writeFileSync(CLIENT_TYPES_FILE, source);
  process.stdout.write(`wrote ${CLIENT_TYPES_FILE}\n`);
});
