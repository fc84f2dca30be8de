import { startLockingProcessIn, subscriptionModelProblems, type SubscriptionStartRefusal } from '@orchestrator/db';
import { describeProblems } from '@orchestrator/domain';
import { workflow, type StepContext } from '@orchestrator/engine';

interface Candidate {
  id: string;
  productName: string;
  /** The product's validate workflow, if it allows one. */
  validate: string | null;
}

interface ModelFailure {
  subscriptionId: string;
  productName: string;
  problems: string;
}

class RefusedStart extends Error {
  constructor(readonly refusal: SubscriptionStartRefusal) {
    super(refusal.message);
  }
}

/** Every active, in-sync subscription, with its product's validate workflow (the first by name). */
async function candidates(ctx: StepContext): Promise<Candidate[]> {
  return (await ctx.tx.query(
    `SELECT s.subscription_id::text AS id, p.name AS "productName",
            (SELECT w.name FROM product_workflows pw JOIN workflows w USING (workflow_id)
              WHERE pw.product_id = s.product_id AND w.target = 'VALIDATE' AND w.deleted_at IS NULL
              ORDER BY w.name LIMIT 1) AS validate
       FROM subscriptions s JOIN products p USING (product_id)
      WHERE s.status = 'active' AND s.insync
      ORDER BY s.created_at, s.subscription_id`,
  )) as Candidate[];
}

async function modelFailures(ctx: StepContext, subscriptions: readonly Candidate[]): Promise<ModelFailure[]> {
  const failures: ModelFailure[] = [];
  for (const subscription of subscriptions) {
    const problems = await subscriptionModelProblems(ctx.tx, ctx.catalog.products, subscription.id);
    if (problems.length > 0) {
      failures.push({
        subscriptionId: subscription.id,
        productName: subscription.productName,
        problems: describeProblems(problems),
      });
    }
  }
  return failures;
}

/**
 * Validates every active, in-sync subscription (ENGINE.md 13.9): starts its product's validate workflow (each a
 * process of its own, locking the subscription as any start does), or checks its model where the product has
 * none. The model failures are listed in the state, and the last step fails (`inconsistent_data`) while any
 * remains; a retry checks those subscriptions again.
 */
export const validateSubscriptions = workflow
  .task({ name: 'task_validate_subscriptions', description: 'Validate every active subscription in sync' })
  .step('Start validate workflows', async (_state, ctx) => {
    const started: { subscriptionId: string; workflow: string; processId: string }[] = [];
    const refused: { subscriptionId: string; workflow: string; code: string }[] = [];
    for (const subscription of await candidates(ctx)) {
      const validate = subscription.validate ? ctx.catalog.workflows.get(subscription.validate) : undefined;
      if (!validate?.subscription || validate.inputForm) continue;
      const state = validate.input
        ? validate.input.parse({ subscriptionId: subscription.id })
        : { subscriptionId: subscription.id };
      try {
        // A savepoint per start: a refused start rolls back its process row, the others stay.
        await ctx.tx.transaction(async (tx) => {
          const outcome = await startLockingProcessIn(tx, {
            workflow: validate,
            workflowName: validate.name,
            subscriptionId: subscription.id,
            state: state as Record<string, unknown>,
            actor: ctx.actor,
          });
          if (outcome.kind === 'refused') throw new RefusedStart(outcome);
          if (outcome.kind === 'started') {
            ctx.scheduleAfterCommit({ processId: outcome.processId, version: outcome.version });
            started.push({ subscriptionId: subscription.id, workflow: validate.name, processId: outcome.processId });
          }
        });
      } catch (error) {
        if (!(error instanceof RefusedStart)) throw error;
        refused.push({ subscriptionId: subscription.id, workflow: validate.name, code: error.refusal.code });
      }
    }
    return { started, refused };
  })
  .step('Check subscription models', async (_state, ctx) => {
    const unvalidated = (await candidates(ctx)).filter((s) => !s.validate || !ctx.catalog.workflows.get(s.validate));
    return { modelChecked: unvalidated.length, failures: await modelFailures(ctx, unvalidated) };
  })
  .step('Report model failures', async (state, ctx) => {
    // Checked again, so that a retry after the data was repaired completes.
    const again = await modelFailures(
      ctx,
      state.failures.map((f) => ({ id: f.subscriptionId, productName: f.productName, validate: null })),
    );
    if (again.length > 0) {
      const lines = again.map((f) => `${f.productName} ${f.subscriptionId}: ${f.problems}`);
      throw Object.assign(new Error(`${again.length} subscription(s) do not match their model: ${lines.join(' | ')}`), {
        name: 'AssertionError',
      });
    }
    return { failures: again };
  })
  .build();
