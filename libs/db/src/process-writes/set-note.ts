import { auditParameters, type Audit } from '../audit/audit';
import type { Queryable } from '../queryable';

// any status ── note ──▶ the same status. The operator's note on a process (ENGINE.md 11.3): no version
// bump, since it is no step of the process and must not fence out the step running now, which never writes
// the note. The audit row, when $3 (the action) is given, in the same statement (the `audited` CTE).
const SET_NOTE_SQL = `
  WITH noted AS (
    UPDATE processes SET note = $2 WHERE process_id = $1
    RETURNING process_id
  ), audited AS (
    INSERT INTO audit_events (actor, action, target_type, target_id, outcome, details)
    SELECT $3, $4, 'process', process_id::text, 'allowed', $5::jsonb FROM noted WHERE $4::text IS NOT NULL
  )
  SELECT 1 FROM noted`;

/** Sets (or, with null, clears) the note of a process, whatever its status. */
export async function setProcessNote(
  db: Queryable,
  processId: string,
  note: string | null,
  audit: Audit | null,
): Promise<{ readonly kind: 'noted' } | { readonly kind: 'not_found' }> {
  const rows = (await db.query(SET_NOTE_SQL, [processId, note, ...auditParameters(audit, { note })])) as unknown[];
  return rows.length > 0 ? { kind: 'noted' } : { kind: 'not_found' };
}
