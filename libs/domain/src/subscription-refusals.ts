import { OrchestratorError, SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '@orchestrator/engine';
import { describeProblems, type DataProblem } from './subscription-data';

// What every SubscriptionService refuses before it writes anything (PostgreSQL's and the test kit's in memory).

/** INVALID_SUBSCRIPTION_DATA naming each problem's path; the step fails and nothing is written. */
export function invalidSubscriptionData(productName: string, problems: readonly DataProblem[]): OrchestratorError {
  return new OrchestratorError(
    'INVALID_SUBSCRIPTION_DATA',
    `subscription data does not match product "${productName}": ${describeProblems(problems)}`,
    [...problems],
  );
}

/** The status, or INVALID_SUBSCRIPTION_STATUS naming the ones there are. */
export function checkedSubscriptionStatus(status: SubscriptionStatus): SubscriptionStatus {
  if (!(SUBSCRIPTION_STATUSES as readonly string[]).includes(status)) {
    throw new OrchestratorError(
      'INVALID_SUBSCRIPTION_STATUS',
      `"${String(status)}" is not a subscription status (${SUBSCRIPTION_STATUSES.join(', ')})`,
    );
  }
  return status;
}

/** A customer id or description must be a non-empty string. */
export function requireSubscriptionText(field: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new OrchestratorError('INVALID_SUBSCRIPTION_DATA', `${field} must be a non-empty string`);
  }
}
