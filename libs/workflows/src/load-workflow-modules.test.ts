import path from 'node:path';
import { defineWorkflow } from '@orchestrator/engine';
import {
  loadProductModules,
  loadWorkflowModules,
  registeredWorkflows,
  WorkflowModuleError,
} from './load-workflow-modules';

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

  describe('author mistakes, each one line naming the module, the workflow and the step', () => {
    const oneLine = (work: () => unknown): string => {
      try {
        work();
      } catch (error) {
        expect(error).toBeInstanceOf(WorkflowModuleError);
        expect((error as Error).message).not.toContain('\n');
        return (error as Error).message;
      }
      throw new Error('expected a WorkflowModuleError');
    };

    it('a module that does not load', () => {
      expect(oneLine(() => loadWorkflowModules(['syntax-error.js'], fixtures))).toMatch(
        /^WORKFLOW_MODULES: cannot load .*syntax-error\.js: /,
      );
    });

    it('a workflow name defined in two modules', () => {
      expect(oneLine(() => registeredWorkflows([], ['twin-a.ts', 'twin-b.ts'], fixtures))).toMatch(
        /^WORKFLOW_MODULES: workflow "twin" is defined twice: in .*twin-a\.ts and in .*twin-b\.ts$/,
      );
    });

    it('a workflow name a built-in workflow has', () => {
      const builtIn = defineWorkflow({ name: 'twin', target: 'SYSTEM', description: 'built in', steps: [] });
      expect(oneLine(() => registeredWorkflows([builtIn], ['twin-a.ts'], fixtures))).toMatch(
        /^WORKFLOW_MODULES: workflow "twin" is defined twice: in the built-in workflows and in .*twin-a\.ts$/,
      );
    });

    it('the same module listed twice is loaded once', () => {
      expect(registeredWorkflows([], ['twin-a.ts', './twin-a.ts'], fixtures).map((w) => w.name)).toEqual(['twin']);
    });

    it('a step name used twice in a workflow', () => {
      expect(oneLine(() => loadWorkflowModules(['step-used-twice.ts'], fixtures))).toMatch(
        /^WORKFLOW_MODULES: cannot load .*step-used-twice\.ts: workflow "configure_twice": step "Push config" is used twice/,
      );
    });

    it('an input schema that is not an object', () => {
      expect(oneLine(() => loadWorkflowModules(['string-input.ts'], fixtures))).toMatch(
        /^WORKFLOW_MODULES: cannot load .*string-input\.ts: workflow "greet_by_name": input must be an object schema/,
      );
    });
  });
});
