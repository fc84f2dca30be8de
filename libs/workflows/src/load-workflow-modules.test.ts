import path from 'node:path';
import { loadProductModules, loadWorkflowModules, WorkflowModuleError } from './load-workflow-modules';

const fixtures = path.resolve(__dirname, '../test-fixtures');

describe('loadWorkflowModules', () => {
  it('loads the export named workflows from a .ts module relative to the working directory', () => {
    const workflows = loadWorkflowModules(['./named-export.ts'], fixtures);
    expect(workflows.map((w) => w.name)).toEqual(['from_named_export']);
    expect(workflows[0]?.steps.map((s) => s.name)).toEqual(['Start', 'A', 'Done']);
  });

  it('loads a default export array from an absolute .js path', () => {
    const workflows = loadWorkflowModules([path.join(fixtures, 'default-export.js')]);
    expect(workflows.map((w) => w.name)).toEqual(['from_default_export']);
  });

  it('names the module when it exports no workflows', () => {
    expect(() => loadWorkflowModules(['no-workflows.ts'], fixtures)).toThrow(WorkflowModuleError);
    expect(() => loadWorkflowModules(['no-workflows.ts'], fixtures)).toThrow(/no-workflows\.ts exports no workflows/);
  });

  it('names the module when it cannot be loaded', () => {
    expect(() => loadWorkflowModules(['missing.ts'], fixtures)).toThrow(/cannot load .*missing\.ts/);
  });

  it('loads the export named products next to the workflows', () => {
    expect(loadWorkflowModules(['with-products.ts'], fixtures).map((w) => w.name)).toEqual(['modify_widget']);
    const products = loadProductModules(['with-products.ts', 'only-products.ts'], fixtures);
    expect(products.map((p) => p.name)).toEqual(['widget', 'gadget']);
    expect(products[0]?.data?.safeParse({ colour: 'red' }).success).toBe(true);
  });

  it('accepts a module that exports only products', () => {
    expect(loadWorkflowModules(['only-products.ts'], fixtures)).toEqual([]);
  });
});
