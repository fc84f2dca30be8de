/** A counter or histogram that every worker and API replica adds to, summed in Redis (ENGINE.md 12.1). */
export interface ClusterMetricSpec {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly labelNames: readonly string[];
  /** Upper bounds in seconds, for histograms. */
  readonly buckets?: readonly number[];
}

const STEP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const STEPS_TOTAL: ClusterMetricSpec = {
  name: 'orchestrator_steps_total',
  help: 'Steps executed and committed, by workflow, step and step status, across every worker.',
  type: 'counter',
  labelNames: ['workflow', 'step', 'status'],
};

export const STEP_DURATION: ClusterMetricSpec = {
  name: 'orchestrator_step_duration_seconds',
  help: 'Time from taking a step to its commit (its transaction, the step function and the request for the next step), by workflow.',
  type: 'histogram',
  labelNames: ['workflow'],
  buckets: STEP_BUCKETS,
};

export const RECOVERY_REENQUEUED: ClusterMetricSpec = {
  name: 'orchestrator_recovery_reenqueued_total',
  help: 'Processes the recovery sweepers found runnable without a live step job and requested again.',
  type: 'counter',
  labelNames: [],
};

export const HTTP_REQUESTS: ClusterMetricSpec = {
  name: 'orchestrator_http_requests_total',
  help: 'HTTP requests answered by every API replica, by route pattern, method and status code.',
  type: 'counter',
  labelNames: ['route', 'method', 'status'],
};

export const HTTP_DURATION: ClusterMetricSpec = {
  name: 'orchestrator_http_request_duration_seconds',
  help: 'Time from receiving an HTTP request to the end of its answer, by route pattern and method.',
  type: 'histogram',
  labelNames: ['route', 'method'],
  buckets: HTTP_BUCKETS,
};

export const CLUSTER_METRICS: readonly ClusterMetricSpec[] = [
  STEPS_TOTAL,
  STEP_DURATION,
  RECOVERY_REENQUEUED,
  HTTP_REQUESTS,
  HTTP_DURATION,
];

/** The Redis keys of the cluster-wide metrics and the worker registry, under the queue prefix. */
export function telemetryKeys(prefix: string) {
  return {
    metrics: `${prefix}:metrics`,
    workers: `${prefix}:workers`,
    /** Worker id -> the time (ms) after which it counts as gone. */
    workersExpiry: `${prefix}:workers:expiry`,
  };
}
