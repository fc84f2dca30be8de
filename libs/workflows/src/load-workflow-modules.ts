import Module from 'node:module';
import path from 'node:path';
import type { ProductDefinition, WorkflowDefinition } from '@orchestrator/engine';

/** Packages a workflow module must share with the app, whatever folder the module lives in (ENGINE.md 8.5). */
const SHARED_PACKAGES = ['@orchestrator/engine', 'zod'];

export class WorkflowModuleError extends Error {
  override readonly name = 'WorkflowModuleError';
}

/**
 * Loads user workflow modules (`WORKFLOW_MODULES`): absolute or relative to `cwd`, `.js` or `.ts`.
 * Workflows come from the default export when it is an array, else from the export named `workflows`.
 */
export function loadWorkflowModules(paths: readonly string[], cwd = process.cwd()): WorkflowDefinition[] {
  return loadModuleDefinitions(paths, cwd).workflows;
}

/** The products of the same modules: the export named `products` (ENGINE.md 8.5). */
export function loadProductModules(paths: readonly string[], cwd = process.cwd()): ProductDefinition[] {
  return loadModuleDefinitions(paths, cwd).products;
}

/**
 * The built-in workflows and those of the modules, each name once: a name defined twice stops start-up with
 * one line naming both places (a module, or the built-in workflows).
 */
export function registeredWorkflows(
  builtIn: readonly WorkflowDefinition[],
  paths: readonly string[],
  cwd = process.cwd(),
): WorkflowDefinition[] {
  const known = new Map(builtIn.map((workflow) => [workflow.name, { workflow, source: 'the built-in workflows' }]));
  for (const entry of loadModuleDefinitions(paths, cwd).sourced) {
    const earlier = known.get(entry.workflow.name);
    // The same definition reached twice (a module listed twice, or re-exported) is one workflow.
    if (earlier && earlier.workflow !== entry.workflow) {
      throw new WorkflowModuleError(
        `WORKFLOW_MODULES: workflow "${entry.workflow.name}" is defined twice: in ${earlier.source} and in ${entry.source}`,
      );
    }
    known.set(entry.workflow.name, earlier ?? entry);
  }
  return [...known.values()].map((entry) => entry.workflow);
}

/** A module may export workflows, products or both, but not neither. */
function loadModuleDefinitions(
  paths: readonly string[],
  cwd: string,
): {
  workflows: WorkflowDefinition[];
  products: ProductDefinition[];
  sourced: { workflow: WorkflowDefinition; source: string }[];
} {
  if (paths.length === 0) return { workflows: [], products: [], sourced: [] };
  shareAppPackages();
  if (paths.some((p) => p.endsWith('.ts'))) enableTypeScriptModules();
  const loaded = paths.map((modulePath) => {
    const absolute = path.resolve(cwd, modulePath);
    let loaded: Record<string, unknown>;
    try {
      // User modules are CommonJS or transpiled on the fly; require keeps one module registry with the app.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require(absolute) as Record<string, unknown>;
    } catch (error) {
      // One line, however many the loader wrote (a compiler's code frame, say).
      const reason = String((error as Error)?.message ?? error)
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join(' ');
      throw new WorkflowModuleError(`WORKFLOW_MODULES: cannot load ${absolute}: ${reason}`, { cause: error });
    }
    const workflows: unknown = Array.isArray(loaded.default) ? loaded.default : loaded.workflows;
    const products: unknown = loaded.products;
    if (!Array.isArray(workflows) && !Array.isArray(products)) {
      throw new WorkflowModuleError(
        `WORKFLOW_MODULES: ${absolute} exports no workflows (a default export array or an export named "workflows")`,
      );
    }
    return {
      absolute,
      workflows: Array.isArray(workflows) ? workflows.map((w: unknown) => checkedWorkflow(w, absolute)) : [],
      products: Array.isArray(products) ? products.map((p: unknown) => checkedProduct(p, absolute)) : [],
    };
  });
  return {
    workflows: loaded.flatMap((m) => m.workflows),
    products: loaded.flatMap((m) => m.products),
    sourced: loaded.flatMap((m) => m.workflows.map((workflow) => ({ workflow, source: m.absolute }))),
  };
}

function checkedProduct(candidate: unknown, modulePath: string): ProductDefinition {
  const product = candidate as Partial<ProductDefinition> | null;
  if (!product || typeof product.name !== 'string' || !Array.isArray(product.workflows) || !product.block) {
    throw new WorkflowModuleError(
      `WORKFLOW_MODULES: ${modulePath} exports a product that is not a defineProduct(...) result`,
    );
  }
  return product as ProductDefinition;
}

function checkedWorkflow(candidate: unknown, modulePath: string): WorkflowDefinition {
  const workflow = candidate as Partial<WorkflowDefinition> | null;
  if (!workflow || typeof workflow.name !== 'string' || !Array.isArray(workflow.steps)) {
    throw new WorkflowModuleError(
      `WORKFLOW_MODULES: ${modulePath} exports something that is not a defineWorkflow(...) result`,
    );
  }
  return workflow as WorkflowDefinition;
}

let shared = false;
function shareAppPackages(): void {
  if (shared) return;
  shared = true;
  const resolved = new Map(SHARED_PACKAGES.map((name) => [name, require.resolve(name)]));
  const moduleWithResolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = moduleWithResolver._resolveFilename;
  moduleWithResolver._resolveFilename = function resolveShared(request: string, ...rest: unknown[]): string {
    return resolved.get(request) ?? original.call(this, request, ...rest);
  };
}

function enableTypeScriptModules(): void {
  const extensions = (Module as unknown as { _extensions: Record<string, unknown> })._extensions;
  if (typeof extensions['.ts'] === 'function') return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tsx = require('tsx/cjs/api') as { register(): unknown };
  tsx.register();
}
