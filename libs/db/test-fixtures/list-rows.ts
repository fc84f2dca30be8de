import type { Client } from 'pg';

/**
 * Rows for the integration tests of the search language, in the tables of the real migrations (plus an
 * `audit_events` table of ENGINE.md 10.9, which the migrations do not have yet). Labels (`p01`, `s1`)
 * name the rows in expectations; ids are deliberately not in label order, so that a tie-break by id is
 * visible. Timestamps are UTC with microseconds and several tie, some only to the millisecond.
 */
export const id = (n: number): string => {
  // A fixed shuffle of 1..32 as the first byte, so that id order differs from label order.
  const byte = ((n * 37 + 11) % 251).toString(16).padStart(2, '0');
  return `${byte}0c1a2b-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
};

export interface ProcessRow {
  label: string;
  workflow: 'create_node' | 'modify_node' | 'task_clean_up' | 'terminate_node';
  status: string;
  lastStep: string | null;
  createdBy: string;
  assignee: string;
  note: string | null;
  startedAt: string;
  lastModifiedAt: string;
  subscriptions: string[];
}

const T1 = '2024-05-01T10:00:00.000001Z';
// prettier-ignore
export const PROCESSES: ProcessRow[] = [
  { label: 'p01', workflow: 'create_node', status: 'failed', lastStep: 'Configure device', createdBy: 'alice', assignee: 'SYSTEM', note: 'maintenance window 50%', startedAt: T1, lastModifiedAt: '2024-05-01T11:00:00.000000Z', subscriptions: ['s1'] },
  { label: 'p02', workflow: 'create_node', status: 'completed', lastStep: 'Done', createdBy: 'bob', assignee: 'SYSTEM', note: null, startedAt: '2024-05-01T10:00:00.000002Z', lastModifiedAt: '2024-05-01T11:00:00.000000Z', subscriptions: ['s2'] },
  { label: 'p03', workflow: 'modify_node', status: 'running', lastStep: 'Reserve port', createdBy: 'alice', assignee: 'NOC', note: 'Core router upgrade', startedAt: T1, lastModifiedAt: '2024-05-01T11:00:00.000001Z', subscriptions: ['s1', 's3'] },
  { label: 'p04', workflow: 'task_clean_up', status: 'completed', lastStep: 'Done', createdBy: 'system', assignee: 'SYSTEM', note: null, startedAt: '2024-04-30T23:59:59.999999Z', lastModifiedAt: '2024-05-01T00:00:00.000000Z', subscriptions: [] },
  { label: 'p05', workflow: 'modify_node', status: 'suspended', lastStep: 'Confirm port', createdBy: 'carol', assignee: 'NOC', note: 'needs_review', startedAt: '2024-05-02T00:00:00.000000Z', lastModifiedAt: '2024-05-02T00:00:00.000000Z', subscriptions: ['s3'] },
  { label: 'p06', workflow: 'terminate_node', status: 'waiting', lastStep: 'Remove config', createdBy: 'bob', assignee: 'SYSTEM', note: 'retry later', startedAt: '2024-06-15T12:00:00.000000Z', lastModifiedAt: '2024-06-15T12:00:00.000000Z', subscriptions: ['s2'] },
  { label: 'p07', workflow: 'create_node', status: 'aborted', lastStep: null, createdBy: 'dave', assignee: 'SYSTEM', note: 'draft', startedAt: '2023-12-31T23:00:00.000000Z', lastModifiedAt: '2024-01-01T00:00:00.000000Z', subscriptions: ['s4'] },
  { label: 'p08', workflow: 'task_clean_up', status: 'failed', lastStep: 'Clean', createdBy: 'system', assignee: 'SYSTEM', note: 'maintenance', startedAt: T1, lastModifiedAt: '2024-05-01T11:00:00.000000Z', subscriptions: [] },
  { label: 'p09', workflow: 'create_node', status: 'awaiting_callback', lastStep: 'Order circuit', createdBy: 'alice', assignee: 'SYSTEM', note: null, startedAt: '2024-07-01T00:00:00.000000Z', lastModifiedAt: '2024-07-01T00:00:00.000000Z', subscriptions: ['s5'] },
  { label: 'p10', workflow: 'modify_node', status: 'api_unavailable', lastStep: 'Configure device', createdBy: 'erin', assignee: 'NOC', note: 'core', startedAt: '2024-05-01T09:59:59.000000Z', lastModifiedAt: '2024-05-01T11:00:00.000001Z', subscriptions: ['s4'] },
  { label: 'p11', workflow: 'create_node', status: 'created', lastStep: null, createdBy: 'bob', assignee: 'SYSTEM', note: null, startedAt: '2024-08-01T00:00:00.000000Z', lastModifiedAt: '2024-08-01T00:00:00.000000Z', subscriptions: [] },
  { label: 'p12', workflow: 'modify_node', status: 'inconsistent_data', lastStep: 'Validate', createdBy: 'carol', assignee: 'SYSTEM', note: 'Core_router', startedAt: '2024-05-03T00:00:00.000000Z', lastModifiedAt: '2024-05-03T00:00:00.000000Z', subscriptions: ['s5'] },
];

const WORKFLOWS = [
  { name: 'create_node', target: 'CREATE', isTask: false },
  { name: 'modify_node', target: 'MODIFY', isTask: false },
  { name: 'terminate_node', target: 'TERMINATE', isTask: false },
  { name: 'task_clean_up', target: 'SYSTEM', isTask: true },
] as const;

export interface SubscriptionRow {
  label: string;
  product: 'node' | 'port';
  customerId: string;
  description: string;
  status: string;
  insync: boolean;
  startDate: string | null;
  endDate: string | null;
  note: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

// prettier-ignore
export const SUBSCRIPTIONS: SubscriptionRow[] = [
  { label: 's1', product: 'node', customerId: 'cust-a', description: 'node amsterdam', status: 'active', insync: true, startDate: '2024-01-10T00:00:00.000000Z', endDate: null, note: null, data: { vlan: 100, port: { speed: '10G' } }, createdAt: '2024-01-01T00:00:00.000000Z' },
  { label: 's2', product: 'node', customerId: 'cust-b', description: 'node berlin', status: 'provisioning', insync: false, startDate: null, endDate: null, note: 'waiting for rack', data: { vlan: 250 }, createdAt: '2024-01-02T00:00:00.000000Z' },
  { label: 's3', product: 'port', customerId: 'cust-a', description: 'port amsterdam', status: 'active', insync: false, startDate: '2024-02-01T00:00:00.000000Z', endDate: '2024-12-31T00:00:00.000000Z', note: null, data: { vlan: '300', port: { speed: '1G' } }, createdAt: '2024-01-02T00:00:00.000000Z' },
  { label: 's4', product: 'port', customerId: 'cust-c', description: 'port copenhagen', status: 'terminated', insync: true, startDate: null, endDate: '2025-06-01T00:00:00.000000Z', note: 'moved', data: { vlan: 99 }, createdAt: '2024-01-03T00:00:00.000000Z' },
  { label: 's5', product: 'node', customerId: 'cust-c', description: 'node dublin', status: 'active', insync: true, startDate: '2024-02-01T00:00:00.000000Z', endDate: null, note: null, data: { port: { speed: '10g' } }, createdAt: '2024-01-04T00:00:00.000000Z' },
  { label: 's6', product: 'port', customerId: 'cust-b', description: 'port berlin', status: 'initial', insync: false, startDate: null, endDate: null, note: null, data: {}, createdAt: '2024-01-04T00:00:00.000000Z' },
  { label: 's7', product: 'node', customerId: 'cust-a', description: 'node amsterdam', status: 'disabled', insync: true, startDate: '2024-01-10T00:00:00.000000Z', endDate: '2024-12-31T00:00:00.000000Z', note: null, data: { vlan: 100.5 }, createdAt: '2024-01-05T00:00:00.000000Z' },
];

export interface AuditRow {
  label: string;
  at: string;
  actor: string;
  action: string;
  outcome: 'allowed' | 'denied';
  targetId: string;
}

// prettier-ignore
export const AUDIT_EVENTS: AuditRow[] = [
  { label: 'a1', at: '2024-05-01T10:00:00.000001Z', actor: 'alice', action: 'process.abort', outcome: 'allowed', targetId: 'p01' },
  { label: 'a2', at: '2024-05-01T10:00:00.000001Z', actor: 'bob', action: 'process.abort', outcome: 'denied', targetId: 'p01' },
  { label: 'a3', at: '2024-05-01T10:00:00.000002Z', actor: 'alice', action: 'process.start', outcome: 'allowed', targetId: 'p02' },
  { label: 'a4', at: '2024-05-02T00:00:00.000000Z', actor: 'mallory', action: 'api_key.create', outcome: 'denied', targetId: 'k1' },
  { label: 'a5', at: '2024-05-01T10:00:00.000001Z', actor: 'carol', action: 'process.note', outcome: 'allowed', targetId: 'p03' },
];

const labelNumber = (label: string): number => Number(label.slice(1));
export const processId = (label: string): string => id(labelNumber(label));
export const subscriptionId = (label: string): string => id(100 + labelNumber(label));
export const auditId = (label: string): string => id(200 + labelNumber(label));

export async function insertListRows(client: Client): Promise<void> {
  for (const workflow of WORKFLOWS) {
    await client.query(`INSERT INTO workflows (name, target, description, is_task) VALUES ($1, $2, $1, $3)`, [
      workflow.name,
      workflow.target,
      workflow.isTask,
    ]);
  }
  await client.query(`INSERT INTO products (name, description, product_type, tag) VALUES
    ('node', 'a node', 'Node', 'NODE'), ('port', 'a port', 'Port', 'PORT')`);
  for (const s of SUBSCRIPTIONS) {
    await client.query(
      `INSERT INTO subscriptions (subscription_id, product_id, customer_id, description, status, insync, start_date,
                                  end_date, note, data, created_at)
       SELECT $1, product_id, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM products WHERE name = $2`,
      [
        subscriptionId(s.label),
        s.product,
        s.customerId,
        s.description,
        s.status,
        s.insync,
        s.startDate,
        s.endDate,
        s.note,
        s.data,
        s.createdAt,
      ],
    );
  }
  for (const p of PROCESSES) {
    await client.query(
      `INSERT INTO processes (process_id, workflow_id, workflow_name, is_task, status, state, last_step, assignee,
                              created_by, actor, started_at, last_modified_at, note)
       SELECT $1, workflow_id, name, is_task, $3, '{}', $4, $5, $6, $6, $7, $8, $9 FROM workflows WHERE name = $2`,
      [
        processId(p.label),
        p.workflow,
        p.status,
        p.lastStep,
        p.assignee,
        p.createdBy,
        p.startedAt,
        p.lastModifiedAt,
        p.note,
      ],
    );
    for (const s of p.subscriptions) {
      await client.query(`INSERT INTO process_subscriptions (process_id, subscription_id) VALUES ($1, $2)`, [
        processId(p.label),
        subscriptionId(s),
      ]);
    }
  }
  // The migrated audit_events table (migration 1764500000000).
  for (const a of AUDIT_EVENTS) {
    await client.query(
      `INSERT INTO audit_events (id, at, actor, action, target_type, target_id, outcome, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [auditId(a.label), a.at, a.actor, a.action, a.action.split('.')[0], a.targetId, a.outcome, { label: a.label }],
    );
  }
}
