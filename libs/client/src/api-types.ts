// Generated from the OpenAPI document (apps/api/src/openapi) by `npm run client:generate`: do not edit.
// client-types.test.ts fails when this file and the document disagree.

export interface paths {
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The process answers
     * @description No credential needed.
     */
    get: operations['liveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * PostgreSQL and Redis answer
     * @description `degraded` (still 200) while a queue is paused in Redis outside the engine.
     *
     *     No credential needed.
     */
    get: operations['readiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/docs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Interactive documentation of this document (Swagger UI, served from the installed package)
     * @description No credential needed.
     */
    get: operations['apiDocs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * This document
     * @description No credential needed.
     */
    get: operations['openApiDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/processes/{id}/abort': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Abort a process now
     * @description Role: **operate**.
     *
     *     Audit action: `process.abort`.
     */
    put: operations['abortProcess'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/processes/bulk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Resume or abort every process a filter lists
     * @description The filter is that of GET /api/processes (`q` and the plain filters, at least one of them: a bulk action without one is refused). Each process is resumed or aborted on its own, under its workflow's rules; one audit row records the action and the counts. At most 10,000 processes at a time.
     *
     *     Role: **operate**.
     *
     *     Audit action: `processes.bulk`.
     */
    post: operations['bulkProcessAction'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/processes/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A process with its steps
     * @description Role: **read**.
     */
    get: operations['getProcess'];
    put?: never;
    post?: never;
    /**
     * Delete a finished task
     * @description Role: **admin**.
     *
     *     Audit action: `process.delete`.
     */
    delete: operations['deleteTask'];
    options?: never;
    head?: never;
    /**
     * Change a process's note
     * @description Role: **operate**.
     *
     *     Audit action: `process.note`.
     */
    patch: operations['updateProcess'];
    trace?: never;
  };
  '/api/processes/{id}/callback/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A callback step's answer
     * @description No credential: the token in the path authenticates (ENGINE.md 8.12).
     *
     *     Audit action: `process.callback`.
     */
    post: operations['deliverCallback'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/processes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List processes
     * @description Newest first unless `sort` says otherwise; `q` searches (README: search syntax).
     *
     *     Role: **read**.
     */
    get: operations['listProcesses'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/processes/status-counts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Count processes and tasks by status
     * @description Role: **read**.
     */
    get: operations['processStatusCounts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/processes/{id}/callback/{token}/progress': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The latest progress of a callback step
     * @description No credential: the token in the path authenticates (ENGINE.md 8.12).
     *
     *     Audit action: `process.callback-progress`.
     */
    post: operations['reportCallbackProgress'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/processes/resume-all': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Resume every task in failed, waiting, api_unavailable or inconsistent_data
     * @description Role: **operate**.
     *
     *     Audit action: `processes.resume-all`.
     */
    put: operations['resumeAllTasks'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/processes/{id}/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Retry a process, or answer the form of a suspended one
     * @description Role: **operate**.
     *
     *     Audit action: `process.resume`.
     */
    put: operations['resumeProcess'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/processes/{workflowName}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start a process of a workflow
     * @description The body is the workflow's input (GET /api/workflows shows its schema); for a multi-page form, the array of page answers (510 FORM_NOT_COMPLETE with the next page until all are there).
     *
     *     Role: **operate**.
     *
     *     Audit action: `process.start`.
     */
    post: operations['startProcess'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/processes/{id}/migrate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Move a process to its workflow's current version
     * @description For a process whose workflow version lacks steps it has yet to run (resume answers 409 WORKFLOW_CHANGED): `mapping` sends each old step name to a step of the current code, or to null to drop it. Every step yet to run that the code lacks must be mapped. The process is re-pinned to the current version at the first remaining step that is not dropped, in the status it had; resume it next.
     *
     *     Role: **admin**.
     *
     *     Audit action: `process.migrate`.
     */
    post: operations['migrateProcess'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/workflows': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The registered workflows, with their steps and input schema
     * @description Role: **read**.
     */
    get: operations['listWorkflows'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/subscriptions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A subscription with its product and linked processes
     * @description Role: **read**.
     */
    get: operations['getSubscription'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/subscriptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List subscriptions
     * @description Newest first unless `sort` says otherwise; `q` searches, `data.<path>` too (README: search syntax).
     *
     *     Role: **read**.
     */
    get: operations['listSubscriptions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/subscriptions/{id}/set-in-sync': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Put a subscription back in sync
     * @description Role: **admin**.
     *
     *     Audit action: `subscription.set-in-sync`.
     */
    put: operations['setSubscriptionInSync'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/subscriptions/{id}/workflows': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The workflows its product allows, and whether the caller can run each now
     * @description Role: **read**.
     */
    get: operations['subscriptionWorkflows'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/products/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A product
     * @description Role: **read**.
     */
    get: operations['getProduct'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * A product's description or lifecycle status
     * @description Role: **admin**.
     *
     *     Audit action: `product.update`.
     */
    patch: operations['updateProduct'];
    trace?: never;
  };
  '/api/products': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Products with their fixed inputs and allowed workflows
     * @description Role: **read**.
     */
    get: operations['listProducts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/product-blocks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The product blocks: resources, child blocks, products using them
     * @description Role: **read**.
     */
    get: operations['listProductBlocks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/resource-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The resource types and the blocks using them
     * @description Role: **read**.
     */
    get: operations['listResourceTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/schedules/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Change a task's schedule
     * @description Role: **admin**.
     *
     *     Audit action: `schedule.change`.
     */
    put: operations['changeSchedule'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/schedules': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every scheduled task
     * @description Role: **read**.
     */
    get: operations['listSchedules'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/settings/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The engine pause
     * @description Role: **read**.
     */
    get: operations['getEngineStatus'];
    /**
     * Pause or unpause the engine
     * @description Role: **admin**.
     *
     *     Audit action: `engine.pause`.
     */
    put: operations['setEngineStatus'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Who the caller is
     * @description The acting user (stored as `createdBy` and in audit rows), the role and how the credential came: an API key (Bearer), an OIDC access token, Basic (a browser; the token as password) or AUTH_DISABLED. Not audited.
     *
     *     Role: **read**.
     */
    get: operations['getMe'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The API keys, without secrets
     * @description Role: **admin**.
     */
    get: operations['listApiKeys'];
    put?: never;
    /**
     * Create an API key (shown once)
     * @description Role: **admin**.
     *
     *     Audit action: `api-key.create`.
     */
    post: operations['createApiKey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Revoke an API key
     * @description Role: **admin**.
     *
     *     Audit action: `api-key.revoke`.
     */
    delete: operations['revokeApiKey'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/audit-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The audit trail, newest first
     * @description `q` searches (README: search syntax), `details.<path>` too.
     *
     *     Role: **admin**.
     */
    get: operations['listAuditEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/events/ticket': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A single-use ticket (valid 60 s) for an EventSource
     * @description Role: **read**.
     *
     *     Audit action: `events.ticket`.
     */
    post: operations['issueEventTicket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/settings/workers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every worker seen within its last three heartbeats (ENGINE.md 11.5)
     * @description Role: **read**.
     */
    get: operations['listWorkers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The whole cluster's metrics (ENGINE.md 12.1)
     * @description Role: **read**.
     */
    get: operations['metrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The same metrics, where Prometheus looks by default
     * @description Role: **read**.
     */
    get: operations['rootMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Live events, each sent after its change committed (ENGINE.md 11.4)
     * @description A reconnecting client sends `Last-Event-ID` and gets what it missed from the last hour, or `event: reset`. A browser EventSource, which cannot send headers, authenticates with `?ticket=` from POST /api/events/ticket.
     *
     *     Role: **read**; or, instead of a credential, a single-use `ticket` from POST /api/events/ticket.
     */
    get: operations['streamEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @enum {string} */
    ProcessStatus:
      | 'created'
      | 'running'
      | 'suspended'
      | 'waiting'
      | 'awaiting_callback'
      | 'failed'
      | 'api_unavailable'
      | 'inconsistent_data'
      | 'aborted'
      | 'completed'
      | 'resumed';
    /**
     * @example {
     *       "name": "world"
     *     }
     */
    JsonObject: {
      [key: string]: unknown;
    };
    /** @enum {string} */
    Role: 'read' | 'operate' | 'admin';
    Readiness: {
      /** @enum {string} */
      status: 'ready' | 'degraded' | 'not_ready';
      checks: {
        database: boolean;
        redis: boolean;
        queues: boolean | null;
      };
      message?: string;
    };
    BulkOutcome: {
      matched: number;
      done: number;
      refused: {
        /**
         * Format: uuid
         * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
         */
        id: string;
        code: string;
        message: string;
      }[];
    };
    ProcessDetail: {
      /**
       * Format: uuid
       * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
       */
      id: string;
      workflowName: string;
      /** @enum {string} */
      workflowTarget: 'CREATE' | 'MODIFY' | 'TERMINATE' | 'SYSTEM' | 'VALIDATE' | 'RECONCILE';
      isTask: boolean;
      status: components['schemas']['ProcessStatus'];
      lastStep: string | null;
      assignee: string;
      failedReason: string | null;
      /** @description Null for the read role */
      traceback: string | null;
      createdBy: string;
      /**
       * Format: date-time
       * @example 2026-05-01T10:00:00.000Z
       */
      startedAt: string;
      /**
       * Format: date-time
       * @example 2026-05-01T10:00:00.000Z
       */
      lastModifiedAt: string;
      note: string | null;
      subscriptionIds: string[];
      /** @description The latest progress of the callback it waits for */
      callbackProgress: unknown;
      nextRetryAt: string | null;
      failedAttempts: number;
      /** @description The workflow version (step-list digest) the process runs; GET /api/workflows shows the current one */
      workflowVersion: string | null;
      /** @description The process whose sub-workflow step started this one */
      parentId: string | null;
      /** @description The processes its sub-workflow steps started, oldest first */
      childIds: string[];
      /** @description The branch of the parent's parallel step this process runs */
      branch: string | null;
      /** @description The branch processes of its parallel steps (one per run of a branch) */
      branches: {
        name: string;
        /**
         * Format: uuid
         * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
         */
        processId: string;
        status: components['schemas']['ProcessStatus'];
        stepIndex: number;
        /** @description The steps the branch has yet to run (none once it has ended) */
        pendingSteps: string[];
      }[];
      currentState: components['schemas']['JsonObject'];
      /** @description JSON Schema of the input a suspended process waits for */
      form: components['schemas']['JsonObject'] | null;
      steps: (components['schemas']['ExecutedStep'] | components['schemas']['PendingStep'])[];
      subscriptionDeltas: {
        /**
         * Format: uuid
         * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
         */
        subscriptionId: string;
        before: components['schemas']['JsonObject'] | null;
        after: components['schemas']['JsonObject'] | null;
      }[];
    };
    ExecutedStep: {
      /**
       * Format: uuid
       * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
       */
      id: string;
      name: string;
      /** @enum {string} */
      status: 'success' | 'skipped' | 'suspend' | 'waiting' | 'awaiting_callback' | 'failed' | 'abort' | 'complete';
      state: components['schemas']['JsonObject'];
      stateDelta: components['schemas']['StateDelta'];
      error: {
        [key: string]: unknown;
      } | null;
      createdBy: string;
      /**
       * Format: date-time
       * @example 2026-05-01T10:00:00.000Z
       */
      startedAt: string;
      completedAt: string | null;
      retries: number;
      /** @description The branch of a parallel step the row belongs to */
      branch: string | null;
    };
    /**
     * @description What the step changed in the state, against the previous row's state
     * @example {
     *       "added": {
     *         "port": 7
     *       },
     *       "changed": {
     *         "speed": {
     *           "before": "1G",
     *           "after": "10G"
     *         }
     *       },
     *       "removed": {}
     *     }
     */
    StateDelta: {
      added: components['schemas']['JsonObject'];
      changed: {
        [key: string]: {
          before: unknown;
          after: unknown;
        };
      };
      removed: components['schemas']['JsonObject'];
    };
    PendingStep: {
      name: string;
      /** @constant */
      status: 'pending';
    };
    ProcessListItem: {
      /**
       * Format: uuid
       * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
       */
      id: string;
      workflowName: string;
      /** @enum {string} */
      workflowTarget: 'CREATE' | 'MODIFY' | 'TERMINATE' | 'SYSTEM' | 'VALIDATE' | 'RECONCILE';
      isTask: boolean;
      status: components['schemas']['ProcessStatus'];
      lastStep: string | null;
      assignee: string;
      failedReason: string | null;
      /** @description Null for the read role */
      traceback: string | null;
      createdBy: string;
      /**
       * Format: date-time
       * @example 2026-05-01T10:00:00.000Z
       */
      startedAt: string;
      /**
       * Format: date-time
       * @example 2026-05-01T10:00:00.000Z
       */
      lastModifiedAt: string;
      note: string | null;
      subscriptionIds: string[];
      /** @description The latest progress of the callback it waits for */
      callbackProgress: unknown;
      nextRetryAt: string | null;
      failedAttempts: number;
    };
    ProcessPage: {
      items: components['schemas']['ProcessListItem'][];
      /** @description Pass as `cursor` for the next page; null on the last */
      nextCursor: string | null;
      /** @description Items matching, exact up to 10,000; then 10,000 and totalIsEstimate */
      total: number;
      totalIsEstimate: boolean;
    };
    ProcessMigration: {
      /** @description The version the process is pinned to now */
      workflowVersion: string;
      /** @description The step it goes on at when resumed */
      nextStep: string;
    };
    RegisteredWorkflow: {
      name: string;
      /** @enum {string} */
      target: 'CREATE' | 'MODIFY' | 'TERMINATE' | 'SYSTEM' | 'VALIDATE' | 'RECONCILE';
      description: string;
      isTask: boolean;
      /** @description Start first and Done last */
      steps: string[];
      /** @description The current version: a digest of the step list (names, kinds, nesting) */
      version: string;
      /** @description Each parallel step's branches with their step names (ENGINE.md 14.1) */
      branches: {
        [key: string]: {
          [key: string]: string[];
        };
      };
      /** @description JSON Schema of the input (or of the first form page) */
      inputSchema: components['schemas']['JsonObject'] | null;
      /** @description Unfinished processes pinned to an earlier version of it */
      processesOnOlderVersions: number;
    };
    Product: {
      /**
       * Format: uuid
       * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
       */
      id: string;
      name: string;
      description: string;
      productType: string;
      tag: string;
      /** @enum {string} */
      status: 'active' | 'pre-production' | 'phase out' | 'end of life';
      /**
       * Format: date-time
       * @example 2026-05-01T10:00:00.000Z
       */
      createdAt: string;
      endDate: string | null;
      fixedInputs: {
        [key: string]: string;
      };
      workflows: string[];
    };
    SubscriptionPage: {
      items: components['schemas']['Subscription'][];
      /** @description Pass as `cursor` for the next page; null on the last */
      nextCursor: string | null;
      /** @description Items matching, exact up to 10,000; then 10,000 and totalIsEstimate */
      total: number;
      totalIsEstimate: boolean;
    };
    Subscription: {
      /**
       * Format: uuid
       * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
       */
      id: string;
      /**
       * Format: uuid
       * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
       */
      productId: string;
      productName: string;
      customerId: string;
      description: string;
      /** @enum {string} */
      status: 'initial' | 'provisioning' | 'active' | 'disabled' | 'terminated' | 'migrating';
      insync: boolean;
      version: number;
      startDate: string | null;
      endDate: string | null;
      note: string | null;
      data: components['schemas']['JsonObject'];
      dependsOn: string[];
      inUseBy: string[];
    };
    ProductBlock: {
      /**
       * Format: uuid
       * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
       */
      id: string;
      name: string;
      description: string;
      tag: string;
      /**
       * Format: date-time
       * @example 2026-05-01T10:00:00.000Z
       */
      createdAt: string;
      resources: {
        name: string;
        description: string | null;
        requiredFrom: ('initial' | 'provisioning' | 'active') | null;
      }[];
      blocks: {
        attribute: string;
        block: string;
        /** @enum {string} */
        kind: 'one' | 'optional' | 'list';
        min: number;
        max: number | null;
        requiredFrom: ('initial' | 'provisioning' | 'active') | null;
      }[];
      products: string[];
    };
    Schedule: {
      /** @example task_clean_up_tasks */
      name: string;
      /** @example 0 * * * * */
      cron: string;
      enabled: boolean;
      nextRunAt: string | null;
      lastRunAt: string | null;
      lastProcessId: string | null;
      missedRuns: number;
      changedBy: string | null;
      /**
       * Format: date-time
       * @example 2026-05-01T10:00:00.000Z
       */
      updatedAt: string;
    };
    EngineStatus: {
      globalLock: boolean;
      /** @enum {string} */
      globalStatus: 'RUNNING' | 'PAUSING' | 'PAUSED';
      /** @description Steps executing now, on every worker */
      runningProcesses: number;
      /** @description Queues paused in Redis outside the engine; null when Redis cannot be asked */
      pausedQueues: string[] | null;
    };
    /**
     * @example {
     *       "name": "ci-pipeline",
     *       "role": "operate",
     *       "via": "api-key"
     *     }
     */
    Me: {
      name: string;
      /** @enum {string} */
      role: 'read' | 'operate' | 'admin';
      /** @enum {string} */
      via: 'api-key' | 'oidc' | 'basic' | 'disabled';
    };
    ApiKey: {
      /**
       * Format: uuid
       * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
       */
      id: string;
      name: string;
      role: components['schemas']['Role'];
      createdBy: string;
      /**
       * Format: date-time
       * @example 2026-05-01T10:00:00.000Z
       */
      createdAt: string;
      lastUsedAt: string | null;
      revokedAt: string | null;
    };
    AuditEventPage: {
      items: components['schemas']['AuditEvent'][];
      /** @description Pass as `cursor` for the next page; null on the last */
      nextCursor: string | null;
      /** @description Items matching, exact up to 10,000; then 10,000 and totalIsEstimate */
      total: number;
      totalIsEstimate: boolean;
    };
    AuditEvent: {
      /**
       * Format: uuid
       * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
       */
      id: string;
      /**
       * Format: date-time
       * @example 2026-05-01T10:00:00.000Z
       */
      at: string;
      actor: string;
      /** @example process.abort */
      action: string;
      targetType: string;
      targetId: string | null;
      /** @enum {string} */
      outcome: 'allowed' | 'denied';
      details: components['schemas']['JsonObject'];
    };
    EventTicket: {
      ticket: string;
      expiresAt: string;
    };
    Worker: {
      id: string;
      host: string;
      pid: number;
      concurrency: number;
      startedAt: string;
      lastSeenAt: string;
      stepsInHand: number;
    };
    /**
     * @description Every error the API answers with
     * @example {
     *       "error": {
     *         "code": "VALIDATION_FAILED",
     *         "message": "invalid query parameters",
     *         "details": [
     *           {
     *             "path": "limit",
     *             "message": "Too big: expected number to be <=500"
     *           }
     *         ]
     *       }
     *     }
     */
    Error: {
      error: {
        /**
         * @description A stable SNAKE_CASE code
         * @example VALIDATION_FAILED
         */
        code: string;
        message: string;
        details: ({
          path: string;
          message: string;
        } & {
          [key: string]: unknown;
        })[];
      };
    } & {
      [key: string]: unknown;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  liveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Alive */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
            status: 'ok';
          };
        };
      };
    };
  };
  readiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready, or degraded */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      /** @description PostgreSQL or Redis is down (named in the message) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
    };
  };
  apiDocs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "SERVICE_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  openApiDocument: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The OpenAPI 3.1 document of every route */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            [key: string]: unknown;
          };
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "SERVICE_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  abortProcess: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The process id */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Aborted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `PROCESS_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "PROCESS_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `INVALID_PROCESS_STATUS` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "INVALID_PROCESS_STATUS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  bulkProcessAction: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @enum {string} */
          action: 'resume' | 'abort';
          q?: string;
          status?: components['schemas']['ProcessStatus'][] | components['schemas']['ProcessStatus'];
          workflowName?: string;
          isTask?: boolean;
          createdBy?: string;
          /** Format: uuid */
          subscriptionId?: string;
        };
      };
    };
    responses: {
      /** @description What was done */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkOutcome'];
        };
      };
      /** @description `VALIDATION_FAILED`, `INVALID_QUERY`, `BULK_TOO_LARGE` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `ENGINE_PAUSED`, `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "ENGINE_PAUSED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getProcess: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The process id */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The process */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProcessDetail'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `PROCESS_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "PROCESS_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deleteTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The process id */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `NOT_A_TASK` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "NOT_A_TASK",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `PROCESS_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "PROCESS_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `INVALID_PROCESS_STATUS` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "INVALID_PROCESS_STATUS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  updateProcess: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The process id */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description null or "" clears it */
          note: string | null;
        };
      };
    };
    responses: {
      /** @description The process */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProcessListItem'];
        };
      };
      /** @description `VALIDATION_FAILED` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `PROCESS_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "PROCESS_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  deliverCallback: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        /** @description The token of ctx.callbackUrl */
        token: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['JsonObject'];
      };
    };
    responses: {
      /** @description Taken; the process runs on */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
             */
            id: string;
            /** @constant */
            status: 'running';
          };
        };
      };
      /** @description `VALIDATION_FAILED` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `INVALID_CALLBACK_TOKEN` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "INVALID_CALLBACK_TOKEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `INVALID_PROCESS_STATUS` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "INVALID_PROCESS_STATUS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `CALLBACK_NOT_READY`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "CALLBACK_NOT_READY",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listProcesses: {
    parameters: {
      query?: {
        /** @description One or more statuses, comma-separated */
        status?: string;
        workflowName?: string;
        isTask?: 'true' | 'false';
        createdBy?: string;
        subscriptionId?: string;
        /** @description Items per page (1-500) */
        limit?: number;
        /** @description The nextCursor of the previous page, same sort */
        cursor?: string;
        /** @description A search query (README: search syntax) */
        q?: string;
        /** @description field,asc or field,desc; fields: startedAt, lastModifiedAt, workflowName, status; default startedAt,desc */
        sort?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of processes */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProcessPage'];
        };
      };
      /** @description `VALIDATION_FAILED`, `INVALID_QUERY`, `INVALID_CURSOR` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  processStatusCounts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Workflow processes and tasks by status */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            processCounts: {
              [key: string]: number;
            };
            taskCounts: {
              [key: string]: number;
            };
          };
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  reportCallbackProgress: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        /** @description The token of ctx.callbackUrl */
        token: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['JsonObject'] | string;
      };
    };
    responses: {
      /** @description Kept */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
             */
            id: string;
            callbackProgress: unknown;
          };
        };
      };
      /** @description `VALIDATION_FAILED` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `INVALID_CALLBACK_TOKEN` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "INVALID_CALLBACK_TOKEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `INVALID_PROCESS_STATUS` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "INVALID_PROCESS_STATUS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "SERVICE_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  resumeAllTasks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description How many were resumed (and refused by their workflow rules) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            count: number;
            refusedByRules?: number;
          };
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `RESUME_ALL_IN_PROGRESS` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "RESUME_ALL_IN_PROGRESS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `ENGINE_PAUSED`, `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "ENGINE_PAUSED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  resumeProcess: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The process id */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['JsonObject'] | components['schemas']['JsonObject'][];
      };
    };
    responses: {
      /** @description Resumed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `VALIDATION_FAILED` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `PROCESS_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "PROCESS_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `INVALID_PROCESS_STATUS`, `WORKFLOW_CHANGED`, `WORKFLOW_REMOVED` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "INVALID_PROCESS_STATUS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `ENGINE_PAUSED`, `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "ENGINE_PAUSED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORM_NOT_COMPLETE` */
      510: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORM_NOT_COMPLETE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  startProcess: {
    parameters: {
      query?: never;
      header?: {
        'idempotency-key'?: string;
      };
      path: {
        workflowName: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['JsonObject'] | components['schemas']['JsonObject'][];
      };
    };
    responses: {
      /** @description The Idempotency-Key was used before: the process it started */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
             */
            id: string;
          };
        };
      };
      /** @description Started */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
             */
            id: string;
          };
        };
      };
      /** @description `VALIDATION_FAILED`, `MALFORMED_JSON`, `STALE_DATA` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `WORKFLOW_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "WORKFLOW_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `SUBSCRIPTION_NOT_IN_SYNC`, `SUBSCRIPTION_LIFECYCLE`, `PRODUCT_NOT_ORDERABLE` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "SUBSCRIPTION_NOT_IN_SYNC",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `START_PREDICATE_FAILED` */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "START_PREDICATE_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `PAYLOAD_TOO_LARGE` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "PAYLOAD_TOO_LARGE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNSUPPORTED_MEDIA_TYPE` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNSUPPORTED_MEDIA_TYPE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `ENGINE_PAUSED`, `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "ENGINE_PAUSED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORM_NOT_COMPLETE` */
      510: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORM_NOT_COMPLETE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  migrateProcess: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The process id */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description old step name -> new step name, or null to drop it */
          mapping: {
            [key: string]: string | null;
          };
        };
      };
    };
    responses: {
      /** @description Re-pinned */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProcessMigration'];
        };
      };
      /** @description `VALIDATION_FAILED` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `PROCESS_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "PROCESS_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `INVALID_PROCESS_STATUS`, `WORKFLOW_CHANGED`, `WORKFLOW_REMOVED` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "INVALID_PROCESS_STATUS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listWorkflows: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every workflow */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RegisteredWorkflow'][];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The subscription id */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
             */
            id: string;
            /**
             * Format: uuid
             * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
             */
            productId: string;
            productName: string;
            customerId: string;
            description: string;
            /** @enum {string} */
            status: 'initial' | 'provisioning' | 'active' | 'disabled' | 'terminated' | 'migrating';
            insync: boolean;
            version: number;
            startDate: string | null;
            endDate: string | null;
            note: string | null;
            data: components['schemas']['JsonObject'];
            dependsOn: string[];
            inUseBy: string[];
            product: components['schemas']['Product'] | null;
            processes: {
              /**
               * Format: uuid
               * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
               */
              id: string;
              workflowName: string;
              /** @enum {string} */
              workflowTarget: 'CREATE' | 'MODIFY' | 'TERMINATE' | 'SYSTEM' | 'VALIDATE' | 'RECONCILE';
              /** @enum {string} */
              status:
                | 'created'
                | 'running'
                | 'suspended'
                | 'waiting'
                | 'awaiting_callback'
                | 'failed'
                | 'api_unavailable'
                | 'inconsistent_data'
                | 'aborted'
                | 'completed'
                | 'resumed';
              /**
               * Format: date-time
               * @example 2026-05-01T10:00:00.000Z
               */
              startedAt: string;
              /**
               * Format: date-time
               * @example 2026-05-01T10:00:00.000Z
               */
              lastModifiedAt: string;
            }[];
          };
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `SUBSCRIPTION_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "SUBSCRIPTION_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listSubscriptions: {
    parameters: {
      query?: {
        status?: string;
        productName?: string;
        /** @description A product name (as productName) or id */
        product?: string;
        customerId?: string;
        insync?: 'true' | 'false';
        /** @description Items per page (1-500) */
        limit?: number;
        /** @description The nextCursor of the previous page, same sort */
        cursor?: string;
        /** @description A search query (README: search syntax) */
        q?: string;
        /** @description field,asc or field,desc; fields: startDate, endDate, description, status, productName, customerId, createdAt; default createdAt,desc */
        sort?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of subscriptions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SubscriptionPage'];
        };
      };
      /** @description `VALIDATION_FAILED`, `INVALID_QUERY`, `INVALID_CURSOR` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  setSubscriptionInSync: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The subscription id */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Subscription'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `SUBSCRIPTION_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "SUBSCRIPTION_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `SUBSCRIPTION_HAS_OPEN_PROCESSES` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "SUBSCRIPTION_HAS_OPEN_PROCESSES",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  subscriptionWorkflows: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The subscription id */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Each allowed workflow */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            name: string;
            /** @enum {string} */
            target: 'CREATE' | 'MODIFY' | 'TERMINATE' | 'SYSTEM' | 'VALIDATE' | 'RECONCILE';
            description: string;
            isTask: boolean;
            /** @description Start first and Done last */
            steps: string[];
            /** @description The current version: a digest of the step list (names, kinds, nesting) */
            version: string;
            /** @description Each parallel step's branches with their step names (ENGINE.md 14.1) */
            branches: {
              [key: string]: {
                [key: string]: string[];
              };
            };
            /** @description JSON Schema of the input (or of the first form page) */
            inputSchema: components['schemas']['JsonObject'] | null;
            canRun: boolean;
            reason: {
              code: string;
              message: string;
            } | null;
          }[];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `SUBSCRIPTION_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "SUBSCRIPTION_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getProduct: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A product id or name */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The product */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Product'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `PRODUCT_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "PRODUCT_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  updateProduct: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A product id or name */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          description?: string;
          /** @enum {string} */
          status?: 'active' | 'pre-production' | 'phase out' | 'end of life';
        };
      };
    };
    responses: {
      /** @description The product */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Product'];
        };
      };
      /** @description `VALIDATION_FAILED` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `PRODUCT_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "PRODUCT_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `PRODUCT_IN_USE` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "PRODUCT_IN_USE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listProducts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every product */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Product'][];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listProductBlocks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every product block */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProductBlock'][];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listResourceTypes: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every resource type */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
             */
            id: string;
            name: string;
            description: string | null;
            blocks: string[];
          }[];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  changeSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          cron?: string;
          enabled?: boolean;
        };
      };
    };
    responses: {
      /** @description The schedule */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Schedule'];
        };
      };
      /** @description `VALIDATION_FAILED` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `SCHEDULE_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "SCHEDULE_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listSchedules: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The schedules */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Schedule'][];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getEngineStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The engine status */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EngineStatus'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  setEngineStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          globalLock: boolean;
        };
      };
    };
    responses: {
      /** @description The engine status */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EngineStatus'];
        };
      };
      /** @description `VALIDATION_FAILED` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Me'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listApiKeys: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every key, revoked ones too */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKey'][];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  createApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          name: string;
          role: components['schemas']['Role'];
        };
      };
    };
    responses: {
      /** @description The key, the only time it is shown */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * Format: uuid
             * @example 6f0c2b1e-8a54-4f8e-9d3c-2c1b0a9f8e7d
             */
            id: string;
            name: string;
            role: components['schemas']['Role'];
            /** @example ork_3kX... */
            key: string;
          };
        };
      };
      /** @description `VALIDATION_FAILED` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `API_KEY_NAME_TAKEN` */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "API_KEY_NAME_TAKEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  revokeApiKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked (or revoked already) */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `API_KEY_NOT_FOUND` */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "API_KEY_NOT_FOUND",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listAuditEvents: {
    parameters: {
      query?: {
        actor?: string;
        action?: string;
        targetId?: string;
        outcome?: 'allowed' | 'denied';
        /** @description Items per page (1-500) */
        limit?: number;
        /** @description The nextCursor of the previous page, same sort */
        cursor?: string;
        /** @description A search query (README: search syntax) */
        q?: string;
        /** @description field,asc or field,desc; fields: at; default at,desc */
        sort?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of audit events */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEventPage'];
        };
      };
      /** @description `VALIDATION_FAILED`, `INVALID_QUERY`, `INVALID_CURSOR` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  issueEventTicket: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The ticket */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EventTicket'];
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listWorkers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The live workers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Worker'][];
          };
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  metrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Metrics */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  rootMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Metrics */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  streamEvents: {
    parameters: {
      query?: {
        /** @description Only this process */
        processId?: string;
        /** @description A single-use ticket instead of a credential */
        ticket?: string;
        /** @description As the Last-Event-ID header */
        lastEventId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The event stream */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/event-stream': string;
        };
      };
      /** @description `VALIDATION_FAILED` */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "VALIDATION_FAILED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `UNAUTHENTICATED`, `UNAUTHENTICATED` */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "UNAUTHENTICATED",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `FORBIDDEN` */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "FORBIDDEN",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `TOO_MANY_REQUESTS` */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "TOO_MANY_REQUESTS",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `AUTH_UNAVAILABLE`, `SERVICE_UNAVAILABLE` */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": {
           *         "code": "AUTH_UNAVAILABLE",
           *         "message": "...",
           *         "details": []
           *       }
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
}
