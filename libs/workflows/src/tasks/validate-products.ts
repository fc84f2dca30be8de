import { productModelDifferences } from '@orchestrator/db';
import { workflow } from '@orchestrator/engine';

/**
 * Compares the code with the database (ENGINE.md 13.9): products, their root blocks and allowed workflows,
 * product blocks with their resources and children, resource types, workflows. A difference (another version
 * of the code synced its own model) ends the task `inconsistent_data`, listing every one.
 */
export const validateProducts = workflow
  .task({
    name: 'task_validate_products',
    description: 'Check the products, blocks and workflows of the code against the database',
  })
  .step('Compare code and database', async (_state, ctx) => {
    const products = ctx.catalog.products.all();
    const workflows = ctx.catalog.workflows.all();
    const differences = await productModelDifferences(ctx.tx, products, workflows);
    if (differences.length > 0) {
      throw Object.assign(new Error(`${differences.length} difference(s): ${differences.join('; ')}`), {
        name: 'AssertionError',
      });
    }
    return {
      checked: {
        products: products.length,
        productBlocks: ctx.catalog.products.catalog().blocks.size,
        resourceTypes: ctx.catalog.products.catalog().resourceTypes.length,
        workflows: workflows.length,
      },
    };
  })
  .build();
