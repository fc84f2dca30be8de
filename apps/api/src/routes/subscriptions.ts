import { Router, type Request } from 'express';
import { lifecycleRefusal, startRefusal, type StartRefusal } from '@orchestrator/domain';
import { toSubscription, type SubscriptionDbRow } from '@orchestrator/db';
import { isUuid, type RuleVerdict, type WorkflowDefinition } from '@orchestrator/engine';
import type { AppDeps } from '../app';
import { ApiError, subscriptionNotFound } from '../api-error';
import { describeWorkflow } from './workflows';
import { linkedProcessJson, productJson } from '../subscription-json';
import { queryOf, reply } from '../openapi/operation';
import {
  getSubscription,
  listSubscriptions,
  setSubscriptionInSync,
  subscriptionWorkflows,
} from './subscriptions-operations';
import { actorOf, auditOf } from '../security/request-auth';
import { startVerdictFor } from '../security/workflow-rules';

export type SubscriptionRoutesDeps = Pick<
  AppDeps,
  'registry' | 'subscriptions' | 'subscriptionCommands' | 'products' | 'logger' | 'inventory' | 'announce'
>;

export function subscriptionRoutes(deps: SubscriptionRoutesDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { limit, cursor, q, sort, product, productName, ...filters } = queryOf(listSubscriptions, req);
    const page = await deps.subscriptions.list(
      {
        ...filters,
        productName: productName ?? (product !== undefined && !isUuid(product) ? product : undefined),
        productId: product !== undefined && isUuid(product) ? product.toLowerCase() : undefined,
      },
      { limit, cursor, q, sort },
    );
    reply(res, listSubscriptions, 200, { ...page, items: page.items.map(toSubscription) });
  });

  router.get('/:id', async (req, res) => {
    const row = await found(deps, req);
    const [product, processes] = await Promise.all([
      deps.products.find(row.productId, true),
      deps.subscriptions.processes(row.id),
    ]);
    reply(res, getSubscription, 200, {
      ...toSubscription(row),
      product: product ? productJson(product) : null,
      processes: processes.map(linkedProcessJson),
    });
  });

  router.get('/:id/workflows', async (req, res) => {
    const row = await found(deps, req);
    const [allowed, activeDependents] = await Promise.all([
      deps.subscriptions.allowedWorkflows(row.productId),
      deps.subscriptions.activeDependents(row.id),
    ]);
    const workflows = allowed.map((name) => deps.registry.get(name)).filter((w): w is WorkflowDefinition => !!w);
    const items = await Promise.all(
      workflows.map(async (workflow) => {
        const refusal: CanRunRefusal | null =
          (workflow.subscription
            ? startRefusal({ workflow, subscription: row, allowedWorkflows: allowed, activeDependents })
            : workflow.target === 'CREATE'
              ? lifecycleRefusal('CREATE', row, activeDependents)
              : null) ?? forbiddenFor(await startVerdictFor(req, deps.logger, workflow));
        return { ...(await describeWorkflow(deps, workflow, actorOf(req))), canRun: refusal === null, reason: refusal };
      }),
    );
    reply(res, subscriptionWorkflows, 200, items);
  });

  router.put('/:id/set-in-sync', async (req, res) => {
    const id = subscriptionId(req);
    const outcome = await deps.subscriptionCommands.setInSync(id, auditOf(req));
    switch (outcome.kind) {
      case 'not_found':
        throw subscriptionNotFound(id);
      case 'open_processes':
        throw new ApiError('SUBSCRIPTION_HAS_OPEN_PROCESSES', outcome.message);
      case 'done':
        break;
    }
    // An operator's intervention on the safety lock: who and when belong in the log.
    deps.logger.warn({ subscriptionId: id, actor: actorOf(req) }, 'subscription set in sync by an operator');
    await deps.announce.subscriptions([id]);
    const row = await deps.subscriptions.find(id);
    if (!row) throw subscriptionNotFound(id);
    reply(res, setSubscriptionInSync, 200, toSubscription(row));
  });

  return router;
}

/** Why the caller cannot run a workflow on the subscription now: a gate's refusal, or the workflow's rule. */
type CanRunRefusal = StartRefusal | { readonly code: 'FORBIDDEN'; readonly message: string };

/** The caller's own reason not to run it (its `authorize` rule); as in orchestrator-core, a gate's reason comes first. */
function forbiddenFor(verdict: RuleVerdict): CanRunRefusal | null {
  return verdict.kind === 'refused' ? { code: 'FORBIDDEN', message: verdict.reason } : null;
}

function subscriptionId(req: Request): string {
  const id = String(req.params.id);
  // A malformed id is answered like an unknown one (ENGINE.md 8.9).
  if (!isUuid(id)) throw subscriptionNotFound(id);
  return id.toLowerCase();
}

async function found(deps: SubscriptionRoutesDeps, req: Request): Promise<SubscriptionDbRow> {
  const id = subscriptionId(req);
  const row = await deps.subscriptions.find(id);
  if (!row) throw subscriptionNotFound(id);
  return row;
}
