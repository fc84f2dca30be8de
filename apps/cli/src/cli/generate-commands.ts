import path from 'node:path';
import type { Command } from 'commander';
import { productFiles } from '../generate/product-files';
import { readProductDescription } from '../generate/product-description';
import { workflowFiles } from '../generate/workflow-files';
import { writeGenerated } from '../generate/write-generated';
import { out } from './output';

/**
 * `generate product <name> --from description.yaml`: a product, its blocks, its create, modify, terminate
 * and validate workflows and their in-memory tests, from a YAML or JSON description (README, "Generating a
 * product"). `generate workflow <name>`: one workflow (or task) and its in-memory test.
 */
export function registerGenerateCommands(program: Command): void {
  const generate = program.command('generate').description('scaffold products and workflows');
  generate
    .command('product <name>')
    .description('a product, its blocks, create/modify/terminate/validate workflows and their tests')
    .requiredOption('--from <file>', 'the description, YAML or JSON')
    .option('--out <folder>', 'where to write (default: ./<name>)')
    .option('--force', 'overwrite existing files')
    .action((name: string, options: { from: string; out?: string; force?: boolean }) => {
      const description = readProductDescription(options.from, name);
      const folder = options.out ?? path.join(process.cwd(), description.name);
      for (const file of writeGenerated(folder, productFiles(description), options.force)) out(file);
      out(`WORKFLOW_MODULES=${path.join(folder, 'index.ts')}`);
    });
  generate
    .command('workflow <name>')
    .description('a workflow on the typed builder and its in-memory test')
    .option('--task', 'a task (isTask, not tied to a subscription)')
    .option('--out <folder>', 'where to write (default: the working directory)')
    .option('--force', 'overwrite existing files')
    .action((name: string, options: { task?: boolean; out?: string; force?: boolean }) => {
      const folder = options.out ?? process.cwd();
      for (const file of writeGenerated(folder, workflowFiles(name, options), options.force)) out(file);
    });
}
