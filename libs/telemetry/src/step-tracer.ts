import { context, SpanKind, SpanStatusCode, trace, type Link } from '@opentelemetry/api';
import type { ProcessSnapshot, StepDefinition } from '@orchestrator/engine';
import { contextOf, TRACER_NAME } from './tracing';

/**
 * The span of each executed step (ENGINE.md 12.2): `step <step name>`, a child of the request that started
 * the process (the trace context kept with it), linked to the latest request that resumed it. What runs
 * inside (the step's queries, the commit, the request for the next step) is traced as its children; the
 * transaction's first round trip, which ran before the process (and so its trace) was known, is added as a
 * child span with its own times.
 */
export class StepTracer {
  private readonly tracer = trace.getTracer(TRACER_NAME);

  async around<T>(
    process: ProcessSnapshot,
    step: StepDefinition | undefined,
    run: () => Promise<T>,
    openedAt: Date | undefined,
  ): Promise<T> {
    const parent = contextOf(process.trace?.context ?? null);
    const linked = process.trace?.link ? trace.getSpanContext(contextOf(process.trace.link)) : undefined;
    const links: Link[] = linked ? [{ context: linked }] : [];
    const stepName = step?.name ?? `#${process.stepIndex}`;
    const span = this.tracer.startSpan(
      `step ${stepName}`,
      {
        kind: SpanKind.INTERNAL,
        startTime: openedAt,
        links,
        attributes: {
          'orchestrator.process_id': process.processId,
          'orchestrator.workflow': process.workflowName,
          'orchestrator.step': stepName,
          'orchestrator.subscription_ids': [...(process.trace?.subscriptionIds ?? [])],
        },
      },
      parent,
    );
    const inSpan = trace.setSpan(parent, span);
    if (openedAt) {
      this.tracer
        .startSpan(
          'BEGIN, execution lock, read process',
          { kind: SpanKind.CLIENT, startTime: openedAt, attributes: { 'db.system.name': 'postgresql' } },
          inSpan,
        )
        .end();
    }
    try {
      return await context.with(inSpan, run);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error)?.message ?? error) });
      throw error;
    } finally {
      span.end();
    }
  }
}
