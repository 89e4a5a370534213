import type { Queryable } from './pool.js';

/** One read or change of patient data, for the audit trail. */
export interface AuditEntry {
  actor: string;
  action: string;
  resource: string;
  resourceId?: string | null;
  remoteAddress?: string | null;
  detail?: Record<string, unknown> | null;
}

/**
 * Appends an entry to the audit log (the table refuses updates and deletes).
 * @param entry - who did what to which resource, from where
 */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor, action, resource, resource_id, remote_address, detail)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      entry.actor,
      entry.action,
      entry.resource,
      entry.resourceId ?? null,
      entry.remoteAddress ?? null,
      entry.detail ? JSON.stringify(entry.detail) : null,
    ],
  );
}
