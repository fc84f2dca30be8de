import { z } from 'zod';
import { defineProduct, defineWorkflow, modifyWorkflow, step } from '@orchestrator/engine';
import { allowedWorkflowsByProduct, ProductDefinitionError } from './product-sync';

const steps = [step('A', () => ({}))];
const product = (workflows: string[]) =>
  defineProduct({ name: 'thing', productType: 'T', tag: 'T', description: 't', data: z.object({}), workflows });

describe('allowedWorkflowsByProduct', () => {
  it('joins the workflows a product names and those that name the product', () => {
    const named = defineWorkflow({ name: 'named', target: 'SYSTEM', description: 'n', steps });
    const naming = modifyWorkflow({ name: 'naming', product: 'thing', description: 'n', steps });
    expect(allowedWorkflowsByProduct([product(['named'])], [named, naming])).toEqual(
      new Map([['thing', ['named', 'naming']]]),
    );
  });

  it('refuses a product naming an unregistered workflow', () => {
    expect(() => allowedWorkflowsByProduct([product(['missing'])], [])).toThrow(ProductDefinitionError);
  });

  it('refuses a workflow naming an unregistered product', () => {
    const naming = modifyWorkflow({ name: 'naming', product: 'other', description: 'n', steps });
    expect(() => allowedWorkflowsByProduct([product([])], [naming])).toThrow(
      /product "other", which is not registered/,
    );
  });
});
